// A virtualized table for thousands of rows: a CSS grid of divs with ARIA
// table roles (a real <table> cannot skip rows it does not draw). The header
// stays in the same scroll box, sticky, so columns line up when the window is
// narrow and the table scrolls sideways.
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { memo, useCallback, useRef, type ReactNode } from 'react';
import { ariaSort, type SortState } from '../lib/sort';

export interface Column<Row, K extends string> {
  key: K;
  label: string;
  /** A grid track: "minmax(180px, 2fr)", "110px". */
  width: string;
  align?: 'start' | 'end';
  /** Columns sort unless this is false. */
  sortable?: boolean;
  cell: (row: Row) => ReactNode;
}

export interface DataTableProps<Row extends { id: string }, K extends string> {
  /** The table's accessible name, e.g. "Containers". */
  label: string;
  /** The rows to show, filtered and sorted. */
  rows: readonly Row[];
  /** Memoize: a new array redraws every visible row. */
  columns: readonly Column<Row, K>[];
  sort: SortState<K>;
  onSort: (key: K) => void;
  rowHeight: number;
  minWidth: number;
  /** data-* and other attributes for a row, so tests can find it. Keep it stable (module-level), like `columns`. */
  rowProps: (row: Row) => Record<string, string | number | undefined>;
  /** Shown in the body when there are no rows. */
  empty: ReactNode;
}

const HEADER_HEIGHT = 34;

export function DataTable<Row extends { id: string }, K extends string>({ label, rows, columns, sort, onSort, rowHeight, minWidth, rowProps, empty }: DataTableProps<Row, K>) {
  const scroller = useRef<HTMLDivElement>(null);
  // A new getItemKey makes the virtualizer re-measure every row: keep it per rows array.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const getScrollElement = useCallback(() => scroller.current, []);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    getItemKey,
  });
  const template = columns.map((c) => c.width).join(' ');
  const items = virtualizer.getVirtualItems();

  return (
    <div ref={scroller} className="relative min-h-0 flex-1 overflow-auto" data-testid="table-scroller">
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className="flex min-h-full flex-col" style={{ minWidth }}>
        <div role="rowgroup" className="sticky top-0 z-10 border-b border-line bg-canvas">
          <div role="row" aria-rowindex={1} className="grid items-center px-3" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}>
            {columns.map((column) => {
              const sortable = column.sortable !== false;
              const state = ariaSort(sort, column.key);
              const Arrow = state === 'descending' ? ArrowDown : ArrowUp;
              return (
                <div key={column.key} role="columnheader" aria-sort={sortable ? state : undefined} data-column={column.key} className={`flex min-w-0 px-2 ${column.align === 'end' ? 'justify-end' : ''}`}>
                  {sortable ? (
                    <button
                      type="button"
                      aria-label={column.label}
                      onClick={() => onSort(column.key)}
                      className={`group -mx-1 inline-flex min-w-0 items-center gap-1 rounded px-1 py-0.5 text-[11.5px] font-semibold tracking-wide uppercase hover:text-fg ${state === 'none' ? 'text-faint' : 'text-muted'} ${column.align === 'end' ? 'flex-row-reverse' : ''}`}
                    >
                      <span className="truncate">{column.label}</span>
                      <Arrow aria-hidden className={`size-3 shrink-0 ${state === 'none' ? 'opacity-0 group-hover:opacity-40' : ''}`} />
                    </button>
                  ) : (
                    <span className="truncate text-[11.5px] font-semibold tracking-wide text-faint uppercase">{column.label}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {rows.length === 0 ? (
          <div className="flex flex-1 flex-col">{empty}</div>
        ) : (
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return <TableRow key={item.key} row={row} index={item.index} start={item.start - HEADER_HEIGHT} height={rowHeight} template={template} columns={columns} rowProps={rowProps} />;
            })}
          </div>
        )}
      </div>
    </div>
  );
}

interface TableRowProps<Row extends { id: string }, K extends string> {
  row: Row;
  index: number;
  start: number;
  height: number;
  template: string;
  columns: readonly Column<Row, K>[];
  rowProps: (row: Row) => Record<string, string | number | undefined>;
}

// Rows are immutable: a row re-renders only when its data, place or columns change,
// so scrolling and patches elsewhere in the list do not redraw it.
const TableRow = memo(function TableRow<Row extends { id: string }, K extends string>({ row, index, start, height, template, columns, rowProps }: TableRowProps<Row, K>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      {...rowProps(row)}
      className="absolute inset-x-0 top-0 grid items-center border-b border-line/60 px-3 text-[13px] hover:bg-hover"
      style={{ gridTemplateColumns: template, height, transform: `translateY(${start}px)` }}
    >
      {columns.map((column) => (
        <div key={column.key} role="cell" data-column={column.key} className={`flex min-w-0 items-center px-2 ${column.align === 'end' ? 'justify-end text-right' : ''}`}>
          {column.cell(row)}
        </div>
      ))}
    </div>
  );
}) as <Row extends { id: string }, K extends string>(props: TableRowProps<Row, K>) => ReactNode;

/** Placeholder rows while the first snapshot is on its way. */
export function SkeletonRows({ count = 8, rowHeight }: { count?: number; rowHeight: number }) {
  return (
    <div role="status" aria-label="Loading" className="px-3">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="flex items-center gap-6 border-b border-line/60 px-2" style={{ height: rowHeight }}>
          <div className="h-3 animate-shimmer rounded bg-raised" style={{ width: `${18 + ((i * 37) % 14)}%` }} />
          <div className="h-3 animate-shimmer rounded bg-raised" style={{ width: `${14 + ((i * 53) % 12)}%` }} />
          <div className="h-4 w-16 animate-shimmer rounded-full bg-raised" />
          <div className="h-3 flex-1 animate-shimmer rounded bg-raised" />
        </div>
      ))}
    </div>
  );
}
