// The Kubernetes CRI page: what a CRI runtime (containerd's CRI plugin, CRI-O)
// runs on the chosen host: pod sandboxes with their containers and stats, and
// its images. Read-only, refreshed every few seconds (CRI has no cheap event
// stream in the runtimes Berth meets). The socket is in the URL (#/cri?socket=…).
import { useQuery } from '@tanstack/react-query';
import { Boxes, RefreshCw, ServerCrash } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { CriSnapshot } from '../../../../main/cri/types';
import { navigate, useApi, useLive, useNow, useRoute } from '../../app/hooks';
import { countLabel, formatBytes } from '../../lib/format';
import { Button, Spinner } from '../../ui/controls';
import { CopyButton } from '../../ui/copy-button';
import { inputClass } from '../../ui/dialog';
import { EmptyState } from '../../ui/empty-state';
import { ContainersTable, ImagesTable, SandboxCard } from './cri-parts';

const REFRESH_MS = 3000;

function SocketForm({ socket }: { socket: string }) {
  const route = useRoute();
  const [text, setText] = useState(socket);
  useEffect(() => setText(socket), [socket]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({ view: 'cri', params: { ...route.params, socket: text.trim() } }, { replace: true });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-2.5">
      <label htmlFor="cri-socket" className="text-[12.5px] font-medium text-muted">
        CRI socket
      </label>
      <input
        id="cri-socket"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Found by itself: CONTAINER_RUNTIME_ENDPOINT, containerd, CRI-O, k3s"
        spellCheck={false}
        className={`${inputClass} max-w-xl flex-1 font-mono`}
      />
      <Button type="submit">Read</Button>
    </form>
  );
}

function Summary({ snapshot, refreshing }: { snapshot: CriSnapshot; refreshing: boolean }) {
  const { runtime } = snapshot;
  const containers = snapshot.sandboxes.reduce((n, s) => n + s.containers.length, 0) + snapshot.unassigned.length;
  const used = snapshot.imageFilesystems.reduce((n, fs) => n + (fs.usedBytes ?? 0), 0);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-[12.5px] text-muted">
      <span data-testid="cri-runtime" className="text-[15px] font-semibold text-fg">
        {runtime.name} <span className="font-mono text-[13px] font-medium text-muted">{runtime.version}</span>
      </span>
      <span>
        CRI <span className="font-mono text-fg">{runtime.apiVersion}</span>
      </span>
      <span className="inline-flex min-w-0 items-center gap-1">
        at <code data-testid="cri-endpoint" className="truncate font-mono text-fg">{runtime.endpoint}</code>
        <CopyButton text={runtime.endpoint} label="Copy CRI endpoint" />
      </span>
      <span>
        {countLabel(snapshot.sandboxes.length, 'pod')}, {countLabel(containers, 'container')}, {countLabel(snapshot.images.length, 'image')}
        {used > 0 && <> · images use {formatBytes(used)}</>}
      </span>
      {refreshing && <Spinner className="size-3.5 text-faint" label="Refreshing" />}
    </div>
  );
}

function Snapshot({ snapshot, refreshing }: { snapshot: CriSnapshot; refreshing: boolean }) {
  const now = useNow(30_000);
  return (
    <div data-testid="cri-snapshot" className="mx-auto flex w-full max-w-6xl flex-col gap-5 px-6 py-5">
      <Summary snapshot={snapshot} refreshing={refreshing} />
      <section aria-label="Pod sandboxes" className="flex flex-col gap-3">
        <h2 className="text-[12px] font-semibold tracking-wide text-muted uppercase">Pod sandboxes</h2>
        {snapshot.sandboxes.length === 0 ? (
          <p data-testid="cri-no-pods" className="rounded-lg border border-dashed border-line px-4 py-6 text-center text-[13px] text-muted">
            No pod sandboxes. The kubelet (or <code className="font-mono">crictl runp</code>) creates them.
          </p>
        ) : (
          snapshot.sandboxes.map((sandbox) => <SandboxCard key={sandbox.id} sandbox={sandbox} now={now} />)
        )}
        {snapshot.unassigned.length > 0 && (
          <div className="overflow-x-auto rounded-lg border border-line bg-surface">
            <ContainersTable containers={snapshot.unassigned} now={now} label="Containers without a listed pod" />
          </div>
        )}
      </section>
      <section aria-label="Images" className="flex flex-col gap-3">
        <h2 className="text-[12px] font-semibold tracking-wide text-muted uppercase">Images</h2>
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <ImagesTable images={snapshot.images} />
        </div>
      </section>
    </div>
  );
}

export function CriView() {
  const api = useApi();
  const host = useLive().host;
  const socket = useRoute().params.socket ?? '';
  const snapshot = useQuery({
    queryKey: ['cri.snapshot', host, socket],
    queryFn: () => api.cri.snapshot.query({ host, socket: socket || null }),
    refetchInterval: REFRESH_MS,
    retry: false,
  });
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <SocketForm socket={socket} />
      <div className="min-h-0 flex-1 overflow-auto">
        {snapshot.data && !snapshot.isError ? (
          <Snapshot snapshot={snapshot.data} refreshing={snapshot.isFetching} />
        ) : snapshot.isError ? (
          <EmptyState
            icon={ServerCrash}
            title="No CRI runtime to read"
            testId="cri-error"
            action={
              <Button icon={<RefreshCw aria-hidden className="size-3.5" />} onClick={() => void snapshot.refetch()}>
                Try again
              </Button>
            }
          >
            <span role="alert">{snapshot.error.message}</span>
          </EmptyState>
        ) : (
          <EmptyState icon={Boxes} title="Reading the CRI runtime…" testId="cri-loading">
            <Spinner />
          </EmptyState>
        )}
      </div>
    </div>
  );
}
