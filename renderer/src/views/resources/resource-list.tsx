// Volumes and networks share a shape: a list with who uses each, a create
// form, and removal that asks first, refuses what is in use and says by whom.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2, type LucideIcon } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { ContainerRef, RemoveReport } from '../../../../main/volumes/volumes';
import { useLive, useStore } from '../../app/hooks';
import { formatRoute } from '../../lib/route';
import { Spinner } from '../../ui/controls';
import { ConfirmDialog } from '../../ui/dialog';
import { EmptyState } from '../../ui/empty-state';

export interface ResourceRow {
  id: string;
  name: string;
  usedBy: ContainerRef[];
}

export interface ResourceColumn<R> {
  label: string;
  width: string;
  cell: (row: R) => ReactNode;
}

export function ResourceList<R extends ResourceRow>({
  noun,
  icon,
  queryKey,
  load,
  remove,
  columns,
  createForm,
  protectedReason,
  emptyCommand,
}: {
  noun: 'volume' | 'network';
  icon: LucideIcon;
  queryKey: string;
  load: () => Promise<R[]>;
  remove: (ids: string[]) => Promise<RemoveReport>;
  columns: ResourceColumn<R>[];
  createForm: (onCreated: () => void) => ReactNode;
  /** Why a row can never be removed, or null. */
  protectedReason?: (row: R) => string | null;
  emptyCommand: string;
}) {
  const client = useQueryClient();
  const host = useLive().host;
  const containers = useStore(useLive().containers);
  const key = [queryKey, host];
  const list = useQuery({ queryKey: key, queryFn: load });
  // Who uses what changes with the containers: follow their live list.
  useEffect(() => {
    void client.invalidateQueries({ queryKey: key });
    // Only the version triggers: the key is rebuilt every render.
  }, [containers.version]);
  const refresh = () => void client.invalidateQueries({ queryKey: key });
  const [confirm, setConfirm] = useState<R | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<RemoveReport | null>(null);
  const template = `${columns.map((c) => c.width).join(' ')} minmax(160px, 1.5fr) 48px`;

  return (
    <section aria-label={`${noun[0]!.toUpperCase()}${noun.slice(1)}s`} className="flex min-h-0 flex-1 flex-col">
      <div className="border-b border-line px-5 py-2.5">{createForm(refresh)}</div>
      <div className="min-h-0 flex-1 overflow-auto">
        {list.isPending ? (
          <p role="status" className="flex items-center gap-2 p-5 text-[13px] text-muted">
            <Spinner /> Loading…
          </p>
        ) : list.error ? (
          <p role="alert" className="p-5 text-[13px] text-red-700 dark:text-red-300">
            {list.error.message}
          </p>
        ) : list.data.length === 0 ? (
          <EmptyState icon={icon} title={`No ${noun}s`} command={emptyCommand} testId={`${noun}s-empty`}>
            Create one above, or from a terminal:
          </EmptyState>
        ) : (
          <div role="table" aria-label={`${noun}s`} className="min-w-[720px]">
            <div role="row" className="sticky top-0 grid items-center border-b border-line bg-canvas px-5 py-2 text-[11.5px] font-semibold tracking-wide text-faint uppercase" style={{ gridTemplateColumns: template }}>
              {columns.map((c) => (
                <div role="columnheader" key={c.label} className="px-2">
                  {c.label}
                </div>
              ))}
              <div role="columnheader" className="px-2">
                Used by
              </div>
              <div role="columnheader">
                <span className="sr-only">Actions</span>
              </div>
            </div>
            {[...list.data].sort(byName).map((row) => {
              const locked = protectedReason?.(row) ?? null;
              return (
                <div role="row" key={row.id} data-testid={`${noun}-row`} data-name={row.name} className="grid items-center border-b border-line/60 px-5 py-2 text-[13px] hover:bg-hover" style={{ gridTemplateColumns: template }}>
                  {columns.map((c) => (
                    <div role="cell" key={c.label} className="min-w-0 truncate px-2">
                      {c.cell(row)}
                    </div>
                  ))}
                  <div role="cell" className="min-w-0 truncate px-2 text-muted" data-testid="used-by">
                    {row.usedBy.length === 0 ? (
                      <span className="text-faint">—</span>
                    ) : (
                      row.usedBy.map((u, i) => (
                        <span key={u.id}>
                          {i > 0 && ', '}
                          <a className="hover:text-fg hover:underline" href={formatRoute({ view: 'container', params: { id: u.id } })}>
                            {u.name}
                          </a>
                        </span>
                      ))
                    )}
                  </div>
                  <div role="cell">
                    <button
                      type="button"
                      aria-label={`Remove ${noun} ${row.name}`}
                      title={locked ?? (row.usedBy.length ? `In use by ${row.usedBy.map((u) => u.name).join(', ')}` : `Remove ${row.name}`)}
                      disabled={locked !== null}
                      onClick={() => {
                        setReport(null);
                        setConfirm(row);
                      }}
                      className="grid size-7 place-items-center rounded-md text-muted hover:bg-raised hover:text-red-600 disabled:opacity-30"
                    >
                      <Trash2 aria-hidden className="size-3.5" />
                    </button>
                  </div>
                </div>
              );
            })}
          </div>
        )}
      </div>
      {confirm && (
        <ConfirmDialog
          title={`Remove ${noun} ${confirm.name}?`}
          items={[confirm.name]}
          confirmLabel="Remove"
          busy={busy}
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setBusy(true);
            void remove([confirm.id])
              .then(setReport, (e: Error) => setReport({ removed: [], refused: [{ name: confirm.name, reason: e.message }] }))
              .finally(() => {
                setBusy(false);
                refresh();
              });
          }}
          report={
            report && (
              <>
                {report.removed.map((n) => (
                  <p key={n}>
                    Removed {noun} <span className="font-mono">{n}</span>.
                  </p>
                ))}
                {report.refused.map((r) => (
                  <p key={r.name} role="alert" className="text-red-700 dark:text-red-300">
                    Did not remove <span className="font-mono">{r.name}</span>: {r.reason}
                  </p>
                ))}
              </>
            )
          }
        >
          {confirm.usedBy.length > 0 ? (
            <p>
              In use by {confirm.usedBy.map((u) => u.name).join(', ')}: the engine will refuse while they exist.
            </p>
          ) : (
            <p>{noun === 'volume' ? 'Its data is deleted for good.' : 'Containers can no longer join it.'}</p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** By name, as `docker volume ls` and `docker network ls` list them: the engine's own order changes between calls. */
const byName = (a: ResourceRow, b: ResourceRow) => a.name.localeCompare(b.name);
