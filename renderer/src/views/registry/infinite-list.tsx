// A long list read a page at a time: only the rows in view are drawn
// (TanStack Virtual), and the next page is asked for as the end scrolls near.
// Repositories and tags both read this way.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { Spinner } from '../../ui/controls';

/** Rows from the end at which the next page is asked for. */
const PREFETCH_ROWS = 10;

export function InfiniteList<T>({
  label,
  items,
  rowHeight,
  getKey,
  renderRow,
  hasMore,
  loadingMore,
  loadMore,
  empty,
  testId,
}: {
  label: string;
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T) => ReactNode;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  empty: ReactNode;
  testId: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = items.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: useCallback(() => scroller.current, []),
    estimateSize: useCallback(() => rowHeight, [rowHeight]),
    getItemKey: useCallback((i: number) => (i < items.length ? getKey(items[i]!) : '__more'), [items, getKey]),
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.length ? rows[rows.length - 1]!.index : -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= items.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, lastShown, items.length, loadMore]);

  if (items.length === 0 && !hasMore) return <div className="min-h-0 flex-1 overflow-auto">{empty}</div>;
  return (
    <div ref={scroller} className="relative min-h-0 flex-1 overflow-auto" data-testid={testId}>
      <ul aria-label={label} aria-busy={loadingMore} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <li key={row.key} className="absolute inset-x-0 top-0" style={{ height: row.size, transform: `translateY(${row.start}px)` }}>
            {row.index < items.length ? (
              renderRow(items[row.index]!)
            ) : (
              <div role="status" className="flex h-full items-center justify-center gap-2 text-[12px] text-faint">
                <Spinner className="size-3.5" /> Loading more…
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
