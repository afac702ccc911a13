// The pieces of the CRI page: state badges, a pod sandbox with its containers,
// the images table. Plain presentation of a CriSnapshot.
import type { CriContainer, CriContainerState, CriImage, CriSandbox, CriSandboxState } from '../../../../main/cri/types';
import { formatBytes, formatExactTime, formatRelativeTime, shortId } from '../../lib/format';
import { Tag } from '../../ui/badges';

const SANDBOX_STATE: Record<CriSandboxState, { label: string; chip: string; dot: string }> = {
  ready: { label: 'Ready', dot: 'bg-emerald-500', chip: 'bg-emerald-500/12 text-emerald-700 ring-emerald-600/20 dark:text-emerald-300' },
  notready: { label: 'Not ready', dot: 'bg-zinc-400', chip: 'bg-zinc-500/10 text-zinc-600 ring-zinc-500/20 dark:text-zinc-300' },
};

const CONTAINER_STATE: Record<CriContainerState, { label: string; chip: string; dot: string }> = {
  running: { label: 'Running', dot: 'bg-emerald-500', chip: 'bg-emerald-500/12 text-emerald-700 ring-emerald-600/20 dark:text-emerald-300' },
  created: { label: 'Created', dot: 'bg-sky-500', chip: 'bg-sky-500/12 text-sky-700 ring-sky-600/20 dark:text-sky-300' },
  exited: { label: 'Exited', dot: 'bg-zinc-400', chip: 'bg-zinc-500/10 text-zinc-600 ring-zinc-500/20 dark:text-zinc-300' },
  unknown: { label: 'Unknown', dot: 'bg-amber-500', chip: 'bg-amber-500/14 text-amber-800 ring-amber-600/25 dark:text-amber-300' },
};

function Chip({ style, state }: { style: { label: string; chip: string; dot: string }; state: string }) {
  return (
    <span data-testid="cri-state" data-state={state} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-[11.5px] font-medium whitespace-nowrap ring-1 ring-inset ${style.chip}`}>
      <span aria-hidden className={`size-1.5 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}

function Labels({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <ul aria-label="Labels" className="flex flex-wrap gap-1">
      {entries.map(([key, value]) => (
        <li key={key}>
          <Tag title={`${key}=${value}`}>
            {key}={value}
          </Tag>
        </li>
      ))}
    </ul>
  );
}

const orDash = (value: number | null, format: (n: number) => string) => (value === null ? '—' : format(value));
const cpu = (cores: number) => `${(cores * 100).toFixed(cores < 0.1 ? 2 : 1)}%`;

function stateDetail(c: CriContainer): string {
  if (c.state !== 'exited') return '';
  return [c.exitCode !== null ? `exit ${c.exitCode}` : '', c.reason].filter(Boolean).join(', ');
}

export function ContainersTable({ containers, now, label }: { containers: CriContainer[]; now: number; label: string }) {
  if (containers.length === 0) return <p className="px-4 py-3 text-[12.5px] text-faint">No containers in this pod.</p>;
  const th = 'px-3 py-1.5 text-left text-[11.5px] font-medium text-muted';
  const td = 'px-3 py-1.5 align-top';
  return (
    <table aria-label={label} className="w-full min-w-[760px] border-collapse text-[12.5px]">
      <thead className="border-b border-line/70">
        <tr>
          <th scope="col" className={th}>Container</th>
          <th scope="col" className={th}>State</th>
          <th scope="col" className={th}>Image</th>
          <th scope="col" className={th}>Created</th>
          <th scope="col" className={`${th} text-right`}>CPU</th>
          <th scope="col" className={`${th} text-right`}>Memory</th>
          <th scope="col" className={`${th} text-right`}>Writable layer</th>
        </tr>
      </thead>
      <tbody>
        {containers.map((c) => (
          <tr key={c.id} data-testid="cri-container" data-id={c.id} className="border-b border-line/50 last:border-b-0">
            <th scope="row" className={`${td} text-left font-medium text-fg`}>
              <span>{c.name}</span>
              {c.attempt > 0 && <span className="text-faint"> #{c.attempt}</span>}
              <div className="font-mono text-[11px] font-normal text-faint" title={c.id}>
                {shortId(c.id)}
              </div>
            </th>
            <td className={td}>
              <Chip style={CONTAINER_STATE[c.state]} state={c.state} />
              {stateDetail(c) && <div className="mt-0.5 text-[11.5px] text-muted" title={c.message || undefined}>{stateDetail(c)}</div>}
            </td>
            <td className={`${td} max-w-64 truncate font-mono text-[12px]`} title={c.imageRef}>
              {c.image}
            </td>
            <td className={`${td} whitespace-nowrap text-muted`} title={formatExactTime(c.createdAt)}>
              {formatRelativeTime(c.createdAt, now)}
            </td>
            <td className={`${td} text-right tabular`} data-testid="cri-cpu" title={c.stats?.cpuSeconds != null ? `${c.stats.cpuSeconds.toFixed(2)} s of CPU in total` : undefined}>
              {orDash(c.stats?.cpuCores ?? null, cpu)}
            </td>
            <td className={`${td} text-right tabular`} data-testid="cri-memory" title="Working set">
              {orDash(c.stats?.memoryWorkingSetBytes ?? null, (n) => formatBytes(n, { binary: true }))}
            </td>
            <td className={`${td} text-right tabular`} data-testid="cri-writable" title={c.stats?.writableLayerInodes != null ? `${c.stats.writableLayerInodes} inodes` : undefined}>
              {orDash(c.stats?.writableLayerBytes ?? null, (n) => formatBytes(n))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SandboxCard({ sandbox, now }: { sandbox: CriSandbox; now: number }) {
  const running = sandbox.containers.filter((c) => c.state === 'running').length;
  return (
    <section aria-label={`Pod ${sandbox.namespace}/${sandbox.name}`} data-testid="cri-sandbox" data-id={sandbox.id} className="overflow-hidden rounded-lg border border-line bg-surface">
      <header className="flex flex-wrap items-start gap-x-4 gap-y-1.5 border-b border-line px-4 py-3">
        <div className="min-w-0 flex-1">
          <h3 className="flex flex-wrap items-center gap-2 text-[14px] font-semibold text-fg">
            <span className="text-muted">{sandbox.namespace}/</span>
            <span data-testid="cri-sandbox-name">{sandbox.name}</span>
            <Chip style={SANDBOX_STATE[sandbox.state]} state={sandbox.state} />
          </h3>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-[12px] text-muted">
            <span className="font-mono" title={sandbox.id}>
              {shortId(sandbox.id)}
            </span>
            <span title={formatExactTime(sandbox.createdAt)}>created {formatRelativeTime(sandbox.createdAt, now)}</span>
            {sandbox.ips.length > 0 && (
              <span>
                IP <span className="font-mono text-fg">{sandbox.ips.join(', ')}</span>
              </span>
            )}
            {sandbox.runtimeHandler && <span>runtime {sandbox.runtimeHandler}</span>}
            <span>
              {running} of {sandbox.containers.length} running
            </span>
          </div>
        </div>
        <Labels labels={sandbox.labels} />
      </header>
      <div className="overflow-x-auto">
        <ContainersTable containers={sandbox.containers} now={now} label={`Containers of ${sandbox.name}`} />
      </div>
    </section>
  );
}

export function ImagesTable({ images }: { images: CriImage[] }) {
  const th = 'px-3 py-1.5 text-left text-[11.5px] font-medium text-muted';
  const td = 'px-3 py-1.5';
  return (
    <table aria-label="CRI images" className="w-full min-w-[640px] border-collapse text-[12.5px]">
      <thead className="border-b border-line/70">
        <tr>
          <th scope="col" className={th}>Image</th>
          <th scope="col" className={th}>ID</th>
          <th scope="col" className={`${th} text-right`}>Size</th>
          <th scope="col" className={`${th} text-right`}>Containers</th>
        </tr>
      </thead>
      <tbody>
        {images.map((image) => (
          <tr key={image.id} data-testid="cri-image" className="border-b border-line/50 last:border-b-0">
            <th scope="row" className={`${td} text-left font-mono text-[12px] font-normal text-fg`}>
              {image.tags.length ? image.tags.join(', ') : <span className="text-faint">{image.digests[0] ?? '<none>'}</span>}
              {image.pinned && (
                <span className="ml-2">
                  <Tag tone="accent" title="The runtime keeps it from garbage collection">
                    pinned
                  </Tag>
                </span>
              )}
            </th>
            <td className={`${td} font-mono text-[11.5px] text-muted`} title={image.id}>
              {shortId(image.id)}
            </td>
            <td className={`${td} text-right tabular`} data-testid="cri-image-size">
              {formatBytes(image.sizeBytes)}
            </td>
            <td className={`${td} text-right tabular`}>{image.containers}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
