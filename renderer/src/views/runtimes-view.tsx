// How the engine sits on the low-level runtimes of its host: dockerd →
// containerd (namespace moby) → runc for Docker, conmon → runc for Podman,
// with every container followed down by its id. Read-only, on demand.
import { useQuery } from '@tanstack/react-query';
import { ArrowRight, Cpu, RefreshCw } from 'lucide-react';
import type { ReactNode } from 'react';
import type { RuntimePicture } from '../../../main/runtimes/picture';
import { useApi, useLive } from '../app/hooks';
import { Tag } from '../ui/badges';
import { Button, Spinner } from '../ui/controls';
import { EmptyState } from '../ui/empty-state';
import { formatRoute } from '../lib/route';

function Layer({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-label={title} data-testid={testId} className="min-w-52 flex-1 rounded-lg border border-line bg-surface px-4 py-3 text-[12.5px]">
      <h3 className="mb-1.5 text-[12px] font-semibold tracking-wide text-muted uppercase">{title}</h3>
      <div className="flex flex-col gap-1 break-words text-fg">{children}</div>
    </section>
  );
}

const mono = (text: string) => <span className="font-mono text-[12px]">{text}</span>;
const arrow = <ArrowRight aria-hidden className="mt-8 size-4 shrink-0 text-faint" />;

function Stack({ picture }: { picture: RuntimePicture }) {
  const { dockerd, containerd, runc } = picture;
  return (
    <div className="flex flex-wrap items-start gap-2">
      {picture.kind === 'docker' ? (
        <Layer title="dockerd" testId="runtime-dockerd">
          {dockerd ? (
            <>
              <span>pid {mono(String(dockerd.pid))}</span>
              <span>exec root {mono(dockerd.execRoot)}</span>
              <span>socket {mono(picture.socket)}</span>
            </>
          ) : (
            <span className="text-muted">not found on this host</span>
          )}
        </Layer>
      ) : (
        <Layer title="Podman (conmon per container)" testId="runtime-podman">
          <span>socket {mono(picture.socket)}</span>
          <span className="text-muted">Podman runs each container through conmon and runc directly: there is no containerd.</span>
        </Layer>
      )}
      {containerd && (
        <>
          {arrow}
          <Layer title="containerd" testId="runtime-containerd">
            <span>
              {mono(containerd.address)} {containerd.managed && <Tag>started by dockerd</Tag>}
            </span>
            {containerd.namespaces.map((ns) => (
              <span key={ns.name} data-testid={`containerd-namespace-${ns.name}`}>
                namespace {mono(ns.name)}: {ns.containers.length} container{ns.containers.length === 1 ? '' : 's'}
              </span>
            ))}
            {containerd.error && <span className="text-red-700 dark:text-red-300">{containerd.error}</span>}
          </Layer>
        </>
      )}
      {runc && (
        <>
          {arrow}
          <Layer title="runc" testId="runtime-runc">
            <span>root {mono(runc.root)}</span>
            <span>
              {runc.containers.length} container{runc.containers.length === 1 ? '' : 's'} with runtime state
            </span>
            {runc.error && <span className="text-red-700 dark:text-red-300">{runc.error}</span>}
          </Layer>
        </>
      )}
    </div>
  );
}

export function RuntimesView() {
  const api = useApi();
  const live = useLive();
  const picture = useQuery({ queryKey: ['runtimes.picture', live.host], queryFn: () => api.runtimes.picture.query({ host: live.host }), staleTime: 5_000 });
  if (picture.isPending) return <div className="grid flex-1 place-items-center"><Spinner label="Reading the runtimes" /></div>;
  if (picture.error) {
    return (
      <EmptyState icon={Cpu} title="The runtimes could not be read" testId="runtimes-error">
        {picture.error.message}
      </EmptyState>
    );
  }
  const p = picture.data;
  return (
    <div data-testid="runtimes-view" data-kind={p.kind} className="flex min-h-0 flex-1 flex-col gap-4 overflow-auto px-6 py-5">
      <div className="flex items-center gap-2">
        <p className="text-[13px] text-muted">
          {p.kind === 'docker' ? 'Docker Engine hands each container to containerd, whose shim runs it with runc. Ids are the same at every level.' : 'Podman starts each container with conmon, which runs runc. Ids are the same in Podman and runc.'} Read-only.
        </p>
        <Button className="ml-auto" onClick={() => void picture.refetch()} disabled={picture.isFetching} icon={<RefreshCw aria-hidden className="size-3.5" />}>
          Refresh
        </Button>
      </div>
      <Stack picture={p} />
      {p.notes.length > 0 && (
        <ul aria-label="What could not be read" className="rounded-md border border-amber-500/30 bg-amber-500/10 px-4 py-2 text-[12.5px] text-amber-900 dark:text-amber-200">
          {p.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <table aria-label="Containers down the stack" className="w-full text-left text-[12.5px]">
        <thead className="text-[11.5px] text-muted uppercase">
          <tr>
            <th className="py-1.5 font-semibold">Container</th>
            <th className="font-semibold">Id</th>
            <th className="font-semibold">Engine state</th>
            {p.kind === 'docker' && <th className="font-semibold">containerd namespace</th>}
            <th className="font-semibold">runc</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.id} data-testid={`runtime-row-${r.id.slice(0, 12)}`} className="border-t border-line/70">
              <td className="py-1.5 font-medium text-fg">{r.name}</td>
              <td className="font-mono text-[11.5px] text-muted">{r.id.slice(0, 12)}</td>
              <td>{r.state}</td>
              {p.kind === 'docker' && <td>{r.containerdNamespace ?? <span className="text-faint">—</span>}</td>}
              <td>{r.runc ? `${r.runc.status} · pid ${r.runc.pid}` : <span className="text-faint" title="runc keeps state only for created, running and paused containers">no runtime state</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.others.length > 0 && (
        <details className="text-[12.5px]">
          <summary className="cursor-pointer text-muted">
            {p.others.length} runc container{p.others.length === 1 ? '' : 's'} this engine does not list (another engine's, or left behind)
          </summary>
          <ul className="mt-1 font-mono text-[11.5px] text-muted">
            {p.others.map((o) => (
              <li key={o.id}>
                {o.id.slice(0, 12)} {o.status} pid {o.pid}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The OCI runtime of one container, for its header; on Podman with its pod and conmon. */
export function ContainerRuntimeLine({ id }: { id: string }) {
  const api = useApi();
  const live = useLive();
  const runtime = useQuery({ queryKey: ['runtimes.container', live.host, id], queryFn: () => api.runtimes.container.query({ host: live.host, id }), staleTime: 60_000 });
  if (!runtime.data) return null;
  const { ociRuntime, podman } = runtime.data;
  const title = podman ? [`Podman state ${podman.state}`, podman.conmonPid ? `conmon pid ${podman.conmonPid}` : 'no conmon running', `restarts ${podman.restarts}`].join(' · ') : 'The OCI runtime the engine runs this container with';
  return (
    <span data-testid="container-runtime" title={title} className="inline-flex items-center gap-1.5 text-[12px] text-muted">
      runtime <span className="font-mono text-fg">{ociRuntime}</span>
      {podman?.pod && (
        <a href={formatRoute({ view: 'pods', params: {} })} className="hover:text-fg hover:underline">
          in a pod{podman.infra ? ' (its infra container)' : ''}
        </a>
      )}
    </span>
  );
}
