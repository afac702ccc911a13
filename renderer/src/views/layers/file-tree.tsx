// A file tree of any size: the main process flattens it (with filters, sort
// and open directories) and this draws only the rows in view, fetching them
// a window at a time as the list scrolls.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ChevronDown, ChevronRight, File, FileSymlink, Folder, Link2 } from 'lucide-react';
import { useCallback, useRef } from 'react';
import type { TreeRow } from '../../../../main/layers/tree';
import type { TreeWindow } from '../../../../main/layers/service';
import { formatBytes } from '../../lib/format';
import { CHANGE_TONE, displayName, formatMode } from './layer-format';

const ROW_HEIGHT = 26;
const WINDOW = 400;

export interface FileTreeProps {
  label: string;
  /** Identifies the flattened list; a new key starts from the top. */
  queryKey: readonly unknown[];
  fetchWindow: (offset: number, limit: number) => Promise<TreeWindow>;
  onToggle: (path: string) => void;
}

export function FileTree({ label, queryKey, fetchWindow, onToggle }: FileTreeProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const windowStart = useRef(0);
  const getScrollElement = useCallback(() => scroller.current, []);
  const estimateSize = useCallback(() => ROW_HEIGHT, []);
  const first = useQuery({ queryKey: [...queryKey, 'first'], queryFn: () => fetchWindow(0, WINDOW), placeholderData: keepPreviousData });
  const total = first.data?.total ?? 0;
  const virtualizer = useVirtualizer({ count: total, getScrollElement, estimateSize, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  // Windows start on multiples of half a window, so a scroll within one reuses it.
  const start = items.length > 0 ? Math.max(0, Math.floor(items[0]!.index / (WINDOW / 2)) * (WINDOW / 2)) : 0;
  windowStart.current = start;
  const windowQuery = useQuery({ queryKey: [...queryKey, start], queryFn: () => fetchWindow(start, WINDOW), enabled: start > 0, placeholderData: keepPreviousData });
  const data = start === 0 ? first.data : windowQuery.data;
  const rowAt = (index: number): TreeRow | undefined => (data && index >= data.offset && index < data.offset + data.rows.length ? data.rows[index - data.offset] : undefined);

  if (first.error) return <p className="p-4 text-[13px] text-red-600 dark:text-red-400">{(first.error as Error).message}</p>;
  return (
    <div ref={scroller} role="tree" aria-label={label} className="min-h-0 flex-1 overflow-auto font-mono text-[12px]" data-testid="file-tree" data-total={total}>
      {total === 0 && !first.isFetching && <p className="p-4 font-sans text-[13px] text-faint">Nothing matches these filters.</p>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <div key={item.index} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
              {row ? <Row row={row} onToggle={onToggle} /> : <div className="mx-2 my-1.5 h-3 rounded bg-raised" />}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Row({ row, onToggle }: { row: TreeRow; onToggle: (path: string) => void }) {
  const isDir = row.type === 'dir';
  const Icon = isDir ? Folder : row.type === 'symlink' ? FileSymlink : row.type === 'hardlink' ? Link2 : File;
  const name = displayName(row.name);
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={row.children > 0 ? row.open : undefined}
      aria-selected={false}
      data-testid="tree-row"
      data-path={row.path}
      data-change={row.change}
      className={`flex h-full items-center gap-1.5 pr-3 whitespace-nowrap hover:bg-raised ${CHANGE_TONE[row.change]}`}
      style={{ paddingLeft: 8 + row.depth * 16 }}
    >
      {row.children > 0 ? (
        <button type="button" aria-label={`${row.open ? 'Collapse' : 'Expand'} ${name}`} onClick={() => onToggle(row.path)} className="grid size-4 place-items-center rounded text-faint hover:text-fg">
          {row.open ? <ChevronDown aria-hidden className="size-3.5" /> : <ChevronRight aria-hidden className="size-3.5" />}
        </button>
      ) : (
        <span className="size-4" />
      )}
      <Icon aria-hidden className="size-3.5 shrink-0 opacity-70" />
      <span className="min-w-0 truncate" title={displayName(row.path)}>
        {name}
        {row.linkTarget && <span className="text-faint"> → {displayName(row.linkTarget)}</span>}
      </span>
      <span className="ml-auto shrink-0 pl-4 text-faint tabular">{formatMode(row.type, row.mode)}</span>
      <span className="w-20 shrink-0 text-right text-faint tabular">
        {row.uid}:{row.gid}
      </span>
      <span className="w-20 shrink-0 text-right tabular">{isDir || row.type === 'file' ? formatBytes(row.size) : ''}</span>
    </div>
  );
}
