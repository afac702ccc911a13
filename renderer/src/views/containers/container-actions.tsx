// Lifecycle buttons for one container (a row, the detail header) or a
// selection (the bulk bar). Remove and kill ask first, listing what goes, and
// report exactly what happened.
import { Ban, Pause, Play, RotateCw, Square, Trash2, Zap } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { useState } from 'react';
import type { BulkReport, LifecycleAction } from '../../../../main/containers/actions';
import type { ContainerRow } from '../../../../main/engines/types';
import { useApi, useLive } from '../../app/hooks';
import { useEngineInfo } from '../../app/queries';
import { ACTION_LABEL, applicable, isDestructive, needsForce } from '../../lib/container-actions';
import { closeDialog, confirmAction } from '../../state/dialogs';
import { Button } from '../../ui/controls';
import { ConfirmDialog } from '../../ui/dialog';

const ICON: Record<LifecycleAction, LucideIcon> = { start: Play, stop: Square, restart: RotateCw, pause: Pause, unpause: Play, kill: Zap, remove: Trash2 };
const ORDER: readonly LifecycleAction[] = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'];

function useRunAction() {
  const api = useApi();
  const host = useLive().host;
  return (action: LifecycleAction, rows: readonly ContainerRow[]): Promise<BulkReport> => {
    const ids = rows.map((r) => r.id);
    return action === 'remove' ? api.containers.remove.mutate({ host, ids, force: needsForce(rows) }) : api.containers[action].mutate({ host, ids });
  };
}

/**
 * Buttons for the actions that apply to `rows`. compact: icon buttons (a row);
 * otherwise labelled buttons, with counts for a selection.
 */
export function ContainerActions({ rows, compact = false }: { rows: readonly ContainerRow[]; compact?: boolean }) {
  const runAction = useRunAction();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const available = ORDER.filter((a) => applicable(rows, a).length > 0);
  // Where the engine cannot pause (rootless on cgroups v1) the button stays, disabled, with the reason.
  const pause = useEngineInfo().data?.capabilities.pause;
  const unsupported = (action: LifecycleAction) => (action === 'pause' && pause && !pause.available ? pause.reason : null);
  const single = rows.length === 1 ? rows[0]! : null;

  const go = async (action: LifecycleAction, targets: ContainerRow[]) => {
    setBusy(true);
    setError(null);
    try {
      const report = await runAction(action, targets);
      if (report.failed.length) setError(report.failed.map((f) => f.message).join(' '));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex min-w-0 items-center gap-1" role="group" aria-label={single ? `Actions for ${single.name}` : 'Actions for the selected containers'}>
      {available.map((action) => {
        const targets = applicable(rows, action);
        const Icon = ICON[action];
        const label = single ? `${ACTION_LABEL[action]} ${single.name}` : `${ACTION_LABEL[action]} ${targets.length} selected`;
        const onClick = () => (isDestructive(action) ? confirmAction(action, targets) : void go(action, targets));
        const why = unsupported(action);
        return compact ? (
          <button
            key={action}
            type="button"
            aria-label={label}
            title={why ?? label}
            disabled={busy || why !== null}
            onClick={onClick}
            data-action={action}
            className={`grid size-7 place-items-center rounded-md text-muted hover:bg-raised hover:text-fg disabled:opacity-40 ${action === 'remove' ? 'hover:text-red-600' : ''}`}
          >
            <Icon aria-hidden className="size-3.5" />
          </button>
        ) : (
          <Button key={action} aria-label={label} title={why ?? undefined} disabled={busy || why !== null} onClick={onClick} data-action={action} className="h-7 px-2" icon={<Icon aria-hidden className="size-3.5" />}>
            {ACTION_LABEL[action]}
            {!single && <span className="text-faint tabular">{targets.length}</span>}
          </Button>
        );
      })}
      {error && (
        <span role="alert" className="ml-1 inline-flex min-w-0 items-center gap-1 truncate text-[12px] text-red-700 dark:text-red-300" title={error} data-testid="action-error">
          <Ban aria-hidden className="size-3.5 shrink-0" />
          <span className="truncate">{error}</span>
        </span>
      )}
    </div>
  );
}

/** Asks before remove or kill, then shows what was done to each container. */
export function ActionConfirmDialog({ action, rows }: { action: LifecycleAction; rows: ContainerRow[] }) {
  const runAction = useRunAction();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<BulkReport | null>(null);
  const force = action === 'remove' && needsForce(rows);
  return (
    <ConfirmDialog
      title={`${ACTION_LABEL[action]} ${rows.length === 1 ? rows[0]!.name : `${rows.length} containers`}?`}
      items={rows.map((r) => `${r.name}  ·  ${r.image}  ·  ${r.state}`)}
      confirmLabel={force ? 'Stop and remove' : ACTION_LABEL[action]}
      busy={busy}
      onClose={closeDialog}
      onConfirm={() => {
        setBusy(true);
        runAction(action, rows)
          .then(setReport, (e: Error) => setReport({ action, done: [], failed: rows.map((r) => ({ id: r.id, name: r.name, ok: false, message: e.message })) }))
          .finally(() => setBusy(false));
      }}
      report={
        report && (
          <>
            {report.done.length > 0 && (
              <>
                <p className="font-medium">
                  {action === 'remove' ? 'Removed' : 'Killed'} {report.done.length}:
                </p>
                <ul className="mt-1 font-mono text-[12px]">
                  {report.done.map((d) => (
                    <li key={d.id}>{d.name}</li>
                  ))}
                </ul>
              </>
            )}
            {report.failed.map((f) => (
              <p key={f.id} role="alert" className="mt-2 text-red-700 dark:text-red-300">
                {f.message}
              </p>
            ))}
          </>
        )
      }
    >
      {action === 'remove' ? (
        <p>These containers and their writable layers will be deleted{force ? '; running ones are stopped first' : ''}. Their images and named volumes stay.</p>
      ) : (
        <p>Kill sends SIGKILL: the processes stop at once, without a chance to clean up.</p>
      )}
    </ConfirmDialog>
  );
}
