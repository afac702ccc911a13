// Pods, on engines that have them (Podman): each with its containers, the
// infra container marked; create one by name; start, stop, restart; remove
// after a question that lists what goes, then a report of what went. On an
// engine without pods the view says why instead of showing nothing.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Package as Boxes, Play, Plus, RotateCw, Square, Trash2 } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { PodReport } from '../../../main/pods/pods';
import type { PodRow } from '../../../main/pods/map-pods';
import { useAction, useApi, useLive, useNow, useStore } from '../app/hooks';
import { useEngineInfo } from '../app/queries';
import { Tag } from '../ui/badges';
import { Button, Spinner } from '../ui/controls';
import { ConfirmDialog } from '../ui/dialog';
import { EmptyState } from '../ui/empty-state';
import { RelativeTime } from '../ui/list-parts';

type PodAction = 'start' | 'stop' | 'restart';

const ACTIONS: { action: PodAction; label: string; icon: typeof Play }[] = [
  { action: 'start', label: 'Start', icon: Play },
  { action: 'stop', label: 'Stop', icon: Square },
  { action: 'restart', label: 'Restart', icon: RotateCw },
];

const podsKey = (host: string) => ['pods.list', host] as const;

function usePods(enabled: boolean) {
  const api = useApi();
  const live = useLive();
  const client = useQueryClient();
  const containers = useStore(live.containers);
  // A pod's state is its containers' state: refresh when the live list changes.
  useEffect(() => {
    if (enabled) void client.invalidateQueries({ queryKey: podsKey(live.host) });
  }, [client, containers, enabled, live.host]);
  return useQuery<PodRow[]>({ queryKey: podsKey(live.host), queryFn: () => api.pods.list.query({ host: live.host }), enabled, placeholderData: (previous) => previous });
}

/** A call that changes pods: busy while it runs, its error kept for the user, the list refreshed after. */
function usePodCall() {
  const api = useApi();
  const live = useLive();
  const client = useQueryClient();
  const { busy, error, setError, run } = useAction();
  const call = <T,>(fn: (api: ReturnType<typeof useApi>, host: string) => Promise<T>): Promise<T | null> =>
    run(() => fn(api, live.host)).then((done) => {
      void client.invalidateQueries({ queryKey: podsKey(live.host) });
      return done ?? null;
    });
  return { busy, error, setError, call };
}

export function PodsView() {
  const info = useEngineInfo();
  const capability = info.data?.capabilities.pods;
  const pods = usePods(capability?.available === true);
  const [removing, setRemoving] = useState<PodRow | null>(null);
  if (!info.data) return <div className="grid flex-1 place-items-center"><Spinner label="Loading" /></div>;
  if (!capability?.available) {
    return (
      <EmptyState icon={Boxes} title="No pods on this engine" testId="pods-unavailable">
        {capability?.reason}
      </EmptyState>
    );
  }
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <NewPodForm />
      {pods.error && (
        <p role="alert" className="mx-5 mt-3 text-[12.5px] text-red-700 dark:text-red-300">
          {pods.error.message}
        </p>
      )}
      {pods.data && pods.data.length === 0 && (
        <EmptyState icon={Boxes} title="No pods yet" testId="pods-empty">
          A pod groups containers that share namespaces (network, IPC, UTS), as in Kubernetes. Create one above, then run containers in it with <code className="font-mono">podman run --pod NAME</code>.
        </EmptyState>
      )}
      <ul aria-label="Pods" className="flex min-h-0 flex-col gap-3 overflow-auto px-5 py-4">
        {pods.data?.map((pod) => <PodCard key={pod.id} pod={pod} onRemove={() => setRemoving(pod)} />)}
      </ul>
      {removing && <RemovePodDialog pod={removing} onClose={() => setRemoving(null)} />}
    </div>
  );
}

function NewPodForm() {
  const [name, setName] = useState('');
  const { busy, error, call } = usePodCall();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void call((api, host) => api.pods.create.mutate({ host, name: name.trim() })).then((created) => created && setName(''));
  };
  return (
    <form onSubmit={submit} aria-label="New pod" className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-3">
      <input
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-label="New pod name"
        placeholder="Pod name"
        spellCheck={false}
        autoComplete="off"
        className="h-8 w-64 rounded-md border border-line bg-surface px-2.5 text-[13px] text-fg shadow-xs outline-none focus:border-accent focus:ring-2 focus:ring-accent/20"
      />
      <Button type="submit" variant="primary" disabled={busy || !name.trim()} icon={<Plus aria-hidden className="size-3.5" />}>
        {busy ? 'Creating…' : 'Create pod'}
      </Button>
      {error && (
        <span role="alert" data-testid="pod-create-error" className="text-[12.5px] text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </form>
  );
}

function PodCard({ pod, onRemove }: { pod: PodRow; onRemove: () => void }) {
  const now = useNow(30_000);
  const { busy, error, setError, call } = usePodCall();
  const act = (action: PodAction) =>
    void call((api, host) => api.pods[action].mutate({ host, ids: [pod.id] })).then((report) => {
      if (report?.failed.length) setError(report.failed.map((f) => f.message).join(' '));
    });
  return (
    <li data-testid={`pod-${pod.name}`} data-status={pod.status} className="rounded-lg border border-line bg-surface">
      <div className="flex flex-wrap items-center gap-3 border-b border-line/70 px-4 py-2.5">
        <Boxes aria-hidden className="size-4 text-faint" />
        <span className="font-medium text-fg">{pod.name}</span>
        <Tag tone={pod.status === 'Running' ? 'accent' : 'neutral'}>{pod.status}</Tag>
        <span className="font-mono text-[11.5px] text-faint">{pod.id.slice(0, 12)}</span>
        <span className="text-[12px] text-muted">
          created <RelativeTime seconds={pod.created} now={now} />
        </span>
        <div role="group" aria-label={`Actions for pod ${pod.name}`} className="ml-auto flex items-center gap-1">
          {ACTIONS.map(({ action, label, icon: Icon }) => (
            <Button key={action} className="h-7 px-2" disabled={busy} aria-label={`${label} pod ${pod.name}`} onClick={() => act(action)} icon={<Icon aria-hidden className="size-3.5" />}>
              {label}
            </Button>
          ))}
          <Button className="h-7 px-2 hover:text-red-600" disabled={busy} aria-label={`Remove pod ${pod.name}`} onClick={onRemove} icon={<Trash2 aria-hidden className="size-3.5" />}>
            Remove
          </Button>
        </div>
      </div>
      {error && (
        <p role="alert" className="px-4 pt-2 text-[12px] text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <ul aria-label={`Containers in ${pod.name}`} className="px-4 py-2 text-[12.5px]">
        {pod.containers.map((c) => (
          <li key={c.id} data-testid={`pod-container-${c.name}`} data-infra={c.infra ? 'true' : undefined} className="flex items-center gap-2 py-0.5">
            <span className="font-mono text-fg">{c.name}</span>
            {c.infra && (
              <Tag title="The infra container holds the pod's shared namespaces; it runs only a pause process.">infra</Tag>
            )}
            <span className="text-muted">{c.state}</span>
            <span className="font-mono text-[11px] text-faint">{c.id.slice(0, 12)}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

function RemovePodDialog({ pod, onClose }: { pod: PodRow; onClose: () => void }) {
  const { busy, error, call } = usePodCall();
  const [report, setReport] = useState<PodReport | null>(null);
  const running = pod.containers.some((c) => c.state === 'running' || c.state === 'paused');
  return (
    <ConfirmDialog
      title={`Remove pod ${pod.name}?`}
      items={pod.containers.map((c) => `${c.name}${c.infra ? ' (infra)' : ''}  ·  ${c.state}`)}
      confirmLabel={running ? 'Stop and remove' : 'Remove'}
      busy={busy}
      onClose={onClose}
      onConfirm={() => void call((api, host) => api.pods.remove.mutate({ host, ids: [pod.id], force: running })).then(setReport)}
      report={
        (report || error) && (
          <>
            {error && (
              <p role="alert" className="text-red-700 dark:text-red-300">
                {error}
              </p>
            )}
            {report?.done.map((d) => (
              <div key={d.id}>
                <p className="font-medium">{d.message}</p>
                <ul aria-label="Removed containers" className="mt-1 font-mono text-[12px]">
                  {d.containers.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              </div>
            ))}
            {report?.failed.map((f) => (
              <p key={f.id} role="alert" className="text-red-700 dark:text-red-300">
                {f.message}
              </p>
            ))}
          </>
        )
      }
    >
      <p>{running ? 'Its running containers are stopped first. ' : ''}The pod and all its containers are removed:</p>
    </ConfirmDialog>
  );
}
