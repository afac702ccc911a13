// What the containers list adds for acting on containers: a checkbox column
// and a bar for the selection, an actions column per row, and clean-up.
import { Eraser, X } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import type { ContainerRow } from '../../../../main/engines/types';
import { Button } from '../../ui/controls';
import type { Column } from '../../ui/data-table';
import { ContainerActions } from './container-actions';
import { PruneDialog } from './prune-dialog';

export type RowControlColumn = 'select' | 'actions';

export interface Selection {
  /** Selected rows that still exist. */
  rows: ContainerRow[];
  has(id: string): boolean;
  toggle(id: string): void;
  set(ids: string[]): void;
  clear(): void;
}

/** A selection of container ids; rows that go away leave it by themselves. */
export function useSelection(all: readonly ContainerRow[]): Selection {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => (ids.size === 0 ? [] : all.filter((r) => ids.has(r.id))), [all, ids]);
  const toggle = useCallback(
    (id: string) =>
      setIds((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  return useMemo(() => ({ rows, has: (id) => ids.has(id), toggle, set: (list) => setIds(new Set(list)), clear: () => setIds(new Set()) }), [rows, ids, toggle]);
}

export function selectColumn<K extends string>(selection: Selection): Column<ContainerRow, K | 'select'> {
  return {
    key: 'select',
    label: '',
    width: '32px',
    sortable: false,
    cell: (row) => (
      <input type="checkbox" aria-label={`Select ${row.name}`} checked={selection.has(row.id)} onChange={() => selection.toggle(row.id)} data-testid="select-row" className="size-3.5" />
    ),
  };
}

export const actionsColumn: Column<ContainerRow, 'actions'> = {
  key: 'actions',
  label: 'Actions',
  width: '150px',
  sortable: false,
  cell: (row) => <ContainerActions rows={[row]} compact />,
};

/** The selection's count and the actions that apply to it; or, with nothing selected, "select all shown". */
export function BulkBar({ selection, shown }: { selection: Selection; shown: readonly ContainerRow[] }) {
  const [pruning, setPruning] = useState(false);
  return (
    <div className="flex min-h-10 flex-wrap items-center gap-2 border-b border-line px-5 py-1" data-testid="bulk-bar">
      {selection.rows.length > 0 ? (
        <>
          <span className="text-[12.5px] font-medium whitespace-nowrap" aria-live="polite">
            {selection.rows.length} selected
          </span>
          <ContainerActions rows={selection.rows} />
          <Button variant="ghost" className="h-7 px-2" onClick={selection.clear} icon={<X aria-hidden className="size-3.5" />}>
            Clear selection
          </Button>
        </>
      ) : (
        <Button variant="ghost" className="h-7 px-2" disabled={shown.length === 0} onClick={() => selection.set(shown.map((r) => r.id))}>
          Select all shown
        </Button>
      )}
      <Button variant="ghost" className="ml-auto h-7 px-2" onClick={() => setPruning(true)} icon={<Eraser aria-hidden className="size-3.5" />} data-testid="open-prune">
        Clean up…
      </Button>
      {pruning && <PruneDialog onClose={() => setPruning(false)} />}
    </div>
  );
}
