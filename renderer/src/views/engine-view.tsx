// The engine panel: what Berth is connected to and what the engine runs on.
import { Box, Cpu, Layers, MemoryStick, RefreshCw, ServerCrash } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { parseEngineAddress } from '../../../main/engines/address';
import type { Capability, EngineInfo } from '../../../main/engines/types';
import { useHostChoice } from '../app/host-scope';
import { useApi, useLive, useNow, useStore } from '../app/hooks';
import { useEngineInfo } from '../app/queries';
import { formatBytes, formatExactTime, formatRelativeTime } from '../lib/format';
import { formatRoute } from '../lib/route';
import { Tag } from '../ui/badges';
import { Button, Spinner } from '../ui/controls';
import { CopyButton } from '../ui/copy-button';
import { EmptyState } from '../ui/empty-state';
import { engineLabel } from './engine-picker';

function Tile({ icon: Icon, label, value, children, testId }: { icon: LucideIcon; label: string; value: ReactNode; children?: ReactNode; testId: string }) {
  return (
    <div data-testid={testId} className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-4">
      <div className="flex items-center gap-2 text-[12px] font-medium text-muted">
        <Icon aria-hidden className="size-4 text-faint" strokeWidth={1.8} />
        {label}
      </div>
      <div className="text-[24px] leading-none font-semibold tracking-tight text-fg tabular">{value}</div>
      {children && <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[12px] text-muted">{children}</div>}
    </div>
  );
}

function CountLink({ href, n, label, dot }: { href: string; n: number; label: string; dot: string }) {
  return (
    <a href={href} className="inline-flex items-center gap-1.5 rounded hover:text-fg hover:underline" aria-label={`${n} ${label}: show them`}>
      <span aria-hidden className={`size-1.5 rounded-full ${dot}`} />
      <span className="tabular font-medium text-fg">{n.toLocaleString('en-US')}</span> {label}
    </a>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[150px_minmax(0,1fr)] items-baseline gap-3 border-b border-line/70 py-2 last:border-b-0">
      <dt className="text-[12.5px] text-muted">{label}</dt>
      <dd data-testid={testId} className="min-w-0 text-[13px] break-words text-fg">
        {children}
      </dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-line bg-surface px-4 pt-3 pb-1">
      <h3 className="mb-1 text-[12px] font-semibold tracking-wide text-muted uppercase">{title}</h3>
      <dl>{children}</dl>
    </section>
  );
}

const mono = (text: string) => <span className="font-mono text-[12.5px]">{text}</span>;

function EngineDetails({ info, since, refreshing }: { info: EngineInfo; since: number | null; refreshing: boolean }) {
  const now = useNow(30_000);
  const others = info.runtimes.filter((r) => r !== info.defaultRuntime);
  const kindLabel = info.kind === 'podman' ? 'Podman' : 'Docker';
  return (
    <div data-testid="engine-panel" data-kind={info.kind} className="mx-auto flex w-full max-w-5xl flex-col gap-5 px-6 py-6">
      <div className="flex flex-wrap items-start gap-4">
        <div className="grid size-12 shrink-0 place-items-center rounded-xl bg-accent-soft text-accent ring-1 ring-accent/20">
          <Box aria-hidden className="size-6" strokeWidth={1.8} />
        </div>
        <div className="min-w-0 flex-1">
          <h2 className="flex flex-wrap items-center gap-2 text-[19px] font-semibold tracking-tight text-fg">
            <span data-testid="engine-product">{info.product || kindLabel}</span>
            <span data-testid="engine-version" className="font-mono text-[15px] font-medium text-muted">
              {info.version}
            </span>
            <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-500/12 px-2 py-0.5 text-[11.5px] font-medium text-emerald-700 ring-1 ring-emerald-600/20 ring-inset dark:text-emerald-300">
              <span aria-hidden className="size-1.5 rounded-full bg-emerald-500" /> Online
            </span>
            {refreshing && <Spinner className="size-3.5 text-faint" label="Refreshing" />}
          </h2>
          <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-[12.5px] text-muted">
            <span>
              {kindLabel} API <span className="font-mono text-fg">{info.apiVersion}</span>
              {info.minApiVersion && <span className="text-faint"> (min {info.minApiVersion})</span>}
            </span>
            <span className="inline-flex min-w-0 items-center gap-1">
              at <code data-testid="engine-endpoint" className="truncate font-mono text-fg">{info.endpoint}</code>
              <CopyButton text={info.endpoint} label="Copy endpoint" />
            </span>
            {since !== null && <span title={formatExactTime(since)}>connected {formatRelativeTime(since, now)}</span>}
          </div>
        </div>
      </div>

      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Tile testId="engine-containers" icon={Box} label="Containers" value={info.containers.total.toLocaleString('en-US')}>
          <CountLink href={formatRoute({ view: 'containers', params: { state: 'running' } })} n={info.containers.running} label="running" dot="bg-emerald-500" />
          <CountLink href={formatRoute({ view: 'containers', params: { state: 'paused' } })} n={info.containers.paused} label="paused" dot="bg-amber-500" />
          <CountLink href={formatRoute({ view: 'containers', params: { state: 'stopped' } })} n={info.containers.stopped} label="stopped" dot="bg-zinc-400" />
        </Tile>
        <Tile testId="engine-images" icon={Layers} label="Images" value={info.images.toLocaleString('en-US')}>
          <a href={formatRoute({ view: 'images', params: {} })} className="hover:text-fg hover:underline">
            Show images
          </a>
        </Tile>
        <Tile testId="engine-cpus" icon={Cpu} label="CPUs" value={info.cpus}>
          <span>{info.arch}</span>
        </Tile>
        <Tile testId="engine-memory" icon={MemoryStick} label="Memory" value={formatBytes(info.memoryBytes, { binary: true })}>
          <span className="tabular">{info.memoryBytes.toLocaleString('en-US')} bytes</span>
        </Tile>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Section title="Host">
          <Fact label="Operating system" testId="engine-os">
            {info.os}
          </Fact>
          <Fact label="OS / architecture" testId="engine-arch">
            {info.osType}/{info.arch}
          </Fact>
          <Fact label="Kernel" testId="engine-kernel">
            {mono(info.kernelVersion)}
          </Fact>
          <Fact label="Hostname">{mono(info.hostname)}</Fact>
          <Fact label="CPUs">{info.cpus}</Fact>
          <Fact label="Memory">{formatBytes(info.memoryBytes, { binary: true })}</Fact>
        </Section>
        <Section title="Runtime">
          <Fact label="Storage driver" testId="engine-storage-driver">
            {mono(info.storageDriver)}
          </Fact>
          <Fact label="Default runtime" testId="engine-runtime">
            <span className="flex flex-wrap items-center gap-1.5">
              {mono(info.defaultRuntime)}
              {others.length > 0 && <span className="text-[12px] text-faint">also</span>}
              {others.map((r) => (
                <Tag key={r}>{r}</Tag>
              ))}
            </span>
          </Fact>
          <Fact label="Cgroups" testId="engine-cgroup">
            {info.cgroupVersion || info.cgroupDriver ? (
              <>
                {info.cgroupVersion ? `v${info.cgroupVersion.replace(/^v/, '')}` : 'unknown version'}
                {info.cgroupDriver && <span className="text-muted"> · {info.cgroupDriver} driver</span>}
              </>
            ) : (
              <span className="text-faint">Not reported</span>
            )}
          </Fact>
          <Fact label="Root directory">{mono(info.rootDir)}</Fact>
          <Fact label="Runs as">{info.rootless ? 'rootless (the user\'s own engine)' : 'root (rootful)'}</Fact>
        </Section>
        <Section title="What Berth can do here">
          {(Object.keys(CAPABILITY_LABEL) as Capability[]).map((name) => {
            const c = info.capabilities[name];
            return (
              <Fact key={name} label={CAPABILITY_LABEL[name]} testId={`capability-${name}`}>
                {c.available ? <span className="text-emerald-700 dark:text-emerald-300">Yes</span> : <span className="text-muted">No: {c.reason}</span>}
              </Fact>
            );
          })}
        </Section>
        <HostEngines />
      </div>
    </div>
  );
}

const CAPABILITY_LABEL: Record<Capability, string> = { pods: 'Pods', stats: 'Resource use', pause: 'Pause', exec: 'Terminal (exec)', events: 'Live events' };

/** Every engine of the host, so a user sees at a glance that Docker and Podman both run there, and picks one. */
function HostEngines() {
  const api = useApi();
  const live = useLive();
  const { host: chosen, choose } = useHostChoice();
  const host = parseEngineAddress(live.host).host;
  const engines = useQuery({ queryKey: ['engine.engines', host], queryFn: () => api.engine.engines.query({ host }), staleTime: 30_000 });
  return (
    <Section title="Engines on this host">
      {engines.error && <p className="py-2 text-[12.5px] text-muted">{engines.error.message}</p>}
      {engines.isPending && <Spinner className="my-2 size-3.5 text-faint" label="Looking for engines" />}
      {engines.data?.map((e) => (
        <Fact key={e.address} label={engineLabel(e)} testId={`host-engine-${e.info?.kind ?? 'unknown'}`}>
          <span className="flex flex-wrap items-center gap-1.5">
            {mono(e.endpoint)}
            {e.info && <span className="text-[12px] text-muted">API {e.info.apiVersion} · runtimes {e.info.runtimes.join(', ') || 'none listed'}</span>}
            {e.error && <span className="text-[12px] text-red-700 dark:text-red-300">{e.error}</span>}
            {chosen === e.address ? <Tag tone="accent">in use</Tag> : <Button className="h-6 px-2 text-[12px]" onClick={() => choose(e.address)}>Use this engine</Button>}
          </span>
        </Fact>
      ))}
    </Section>
  );
}

export function EngineView() {
  const live = useLive();
  const status = useStore(live.status);
  const info = useEngineInfo();

  if (info.data) {
    return (
      <div className="min-h-0 flex-1 overflow-auto">
        <EngineDetails info={info.data} since={status?.since ?? null} refreshing={info.isFetching} />
      </div>
    );
  }
  if (info.isError) {
    return (
      <EmptyState
        icon={ServerCrash}
        title="Could not read the engine’s details"
        testId="engine-error"
        action={
          <Button icon={<RefreshCw aria-hidden className="size-3.5" />} onClick={() => void info.refetch()}>
            Try again
          </Button>
        }
      >
        {info.error.message}
      </EmptyState>
    );
  }
  return (
    <div role="status" aria-label="Loading engine details" className="mx-auto flex w-full max-w-5xl flex-col gap-5 px-6 py-6">
      <div className="flex items-center gap-4">
        <div className="size-12 animate-shimmer rounded-xl bg-raised" />
        <div className="flex flex-col gap-2">
          <div className="h-4 w-64 animate-shimmer rounded bg-raised" />
          <div className="h-3 w-96 animate-shimmer rounded bg-raised" />
        </div>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-[104px] animate-shimmer rounded-lg border border-line bg-surface" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <div className="h-64 animate-shimmer rounded-lg border border-line bg-surface" />
        <div className="h-64 animate-shimmer rounded-lg border border-line bg-surface" />
      </div>
    </div>
  );
}
