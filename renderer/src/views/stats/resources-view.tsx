// The host overview: total CPU and memory over time stacked by container,
// with the engine host's capacity as the ceiling; the top containers by CPU
// and by memory now; and alerts, with the memory share they fire at.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi, useLive, useRoute, navigate } from '../../app/hooks';
import { useStats } from '../../app/stats-hooks';
import { formatBytes } from '../../lib/format';
import { formatRoute } from '../../lib/route';
import { formatPercent } from '../../lib/stats';
import { Segmented } from '../../ui/controls';
import { BINARY_BYTE_STEPS, TimeChart, type ChartSeries } from '../../ui/time-chart';
import { AlertsPanel } from './alerts-panel';
import { WINDOWS } from './container-stats-view';

const PALETTE = ['#3b82f6', '#8b5cf6', '#10b981', '#f59e0b', '#ec4899', '#06b6d4', '#84cc16', '#f97316', '#6366f1', '#14b8a6'];
/** Containers drawn one by one; the rest are summed as "others". */
const STACKED = 8;

type Stacked = { t: number[]; containers: { id: string; name: string; cpu: (number | null)[]; mem: (number | null)[] }[] };

/** Cumulative sums, top series first (uPlot draws later series over earlier ones, so the stack shows). */
function stack(s: Stacked, pick: 'cpu' | 'mem'): { series: ChartSeries[]; data: [number[], ...(number | null)[][]] } {
  const total = (c: Stacked['containers'][number]) => c[pick].reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const sorted = [...s.containers].sort((a, b) => total(b) - total(a));
  const shownContainers = sorted.slice(0, STACKED);
  const rest = sorted.slice(STACKED);
  const layers = shownContainers.map((c) => ({ name: c.name, values: c[pick] }));
  if (rest.length > 0) layers.push({ name: `${rest.length} others`, values: s.t.map((_, i) => rest.reduce((sum, c) => sum + (c[pick][i] ?? 0), 0)) });
  const sums: (number | null)[][] = [];
  let running = s.t.map(() => 0);
  for (const layer of layers) {
    running = running.map((v, i) => v + (layer.values[i] ?? 0));
    sums.push(running.map((v, i) => (layers.some((l) => l.values[i] !== null) ? v : null)));
  }
  const series = layers.map((l, k) => ({ label: l.name, color: PALETTE[k % PALETTE.length]!, fill: true, shown: (i: number) => l.values[i] ?? null })).reverse();
  return { series, data: [s.t.map((t) => t / 1000), ...sums.reverse()] };
}

export function ResourcesView() {
  const api = useApi();
  const host = useLive().host;
  const route = useRoute();
  const windowValue = WINDOWS.some((w) => w.value === route.params.window) ? route.params.window! : '300';
  const seconds = Number(windowValue);
  const { frame } = useStats();
  // The overview is resampled on the server; refreshed every few seconds rather than per frame.
  const overview = useQuery({
    queryKey: ['stats.overview', host, seconds],
    queryFn: () => api.stats.overview.query({ host, seconds, points: 300, top: 5 }),
    refetchInterval: 2000,
    placeholderData: (previous) => previous,
  });
  const o = overview.data;
  const cpu = useMemo(() => (o ? stack(o.stacked, 'cpu') : null), [o]);
  const mem = useMemo(() => (o ? stack(o.stacked, 'mem') : null), [o]);
  const end = Date.now() / 1000;
  const samples = frame ? Object.values(frame.samples) : [];
  const cpuNow = samples.reduce((sum, s) => sum + (s.cpu ?? 0), 0);
  const memNow = samples.reduce((sum, s) => sum + s.mem, 0);
  const bytes = (v: number) => formatBytes(v, { binary: true });

  return (
    <section aria-label="Resources of all containers" data-testid="resources" className="flex min-h-0 flex-1 flex-col overflow-auto">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-2.5">
        <p className="text-[12.5px] text-muted" data-testid="resources-summary">
          {samples.length} running {samples.length === 1 ? 'container uses' : 'containers use'} {formatPercent(cpuNow)} CPU
          {o ? ` of ${o.hostCpus * 100}%` : ''} and {bytes(memNow)}
          {o ? ` of ${bytes(o.hostMemory)}` : ''}.
        </p>
        <div className="ml-auto">
          <Segmented label="Time window" value={windowValue} onChange={(w) => navigate({ view: 'resources', params: { ...route.params, window: w } }, { replace: true })} options={WINDOWS.map((w) => ({ value: w.value, label: w.label }))} />
        </div>
      </div>
      <div className="grid gap-4 p-5 xl:grid-cols-2">
        <div className="rounded-lg border border-line bg-surface p-3 shadow-xs">
          <h3 className="mb-2 text-[13px] font-semibold text-fg">CPU by container{o ? `, of ${o.hostCpus} CPUs` : ''}</h3>
          {cpu && o && <TimeChart label="CPU of all containers, stacked, against the host's CPUs" testId="chart-host-cpu" series={cpu.series} data={cpu.data} windowSeconds={seconds} end={end} format={(v) => `${v.toFixed(0)}%`} max={o.hostCpus * 100} height={200} />}
        </div>
        <div className="rounded-lg border border-line bg-surface p-3 shadow-xs">
          <h3 className="mb-2 text-[13px] font-semibold text-fg">Memory by container{o ? `, of ${bytes(o.hostMemory)}` : ''}</h3>
          {mem && o && <TimeChart label="Memory of all containers, stacked, against the host's memory" testId="chart-host-memory" series={mem.series} data={mem.data} windowSeconds={seconds} end={end} format={bytes} max={o.hostMemory} steps={BINARY_BYTE_STEPS} height={200} />}
        </div>
        <TopList title="Top by CPU" testId="top-cpu" entries={o?.top.byCpu ?? []} value={(e) => formatPercent(e.cpu)} />
        <TopList title="Top by memory" testId="top-memory" entries={o?.top.byMemory ?? []} value={(e) => bytes(e.mem)} />
        <AlertsPanel />
      </div>
    </section>
  );
}

interface Entry {
  id: string;
  name: string;
  cpu: number | null;
  mem: number;
}

function TopList({ title, testId, entries, value }: { title: string; testId: string; entries: Entry[]; value: (e: Entry) => string }) {
  return (
    <div className="rounded-lg border border-line bg-surface p-3 shadow-xs">
      <h3 className="mb-2 text-[13px] font-semibold text-fg">{title}</h3>
      {entries.length === 0 ? (
        <p className="text-[12.5px] text-faint">No running containers.</p>
      ) : (
        <ol aria-label={title} data-testid={testId} className="flex flex-col gap-1 text-[12.5px]">
          {entries.map((e) => (
            <li key={e.id} className="flex items-center gap-2">
              <a href={formatRoute({ view: 'stats', params: { id: e.id } })} className="min-w-0 flex-1 truncate text-fg hover:text-accent">
                {e.name}
              </a>
              <span className="font-mono text-muted tabular">{value(e)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
