// One container's resources over time: CPU, memory against its limit,
// network and block I/O rates, pids against the pids limit; a window of a
// minute to an hour, pause, CSV export; and the cgroup limits and namespaces
// it runs with.
import { Activity, ArrowLeft, Download, Pause, Play } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { hasOwnMemoryLimit } from '../../../../main/stats/memory-limit';
import type { StatsSample } from '../../../../main/stats/types';
import { navigate, useApi, useLive, useRoute, useStore } from '../../app/hooks';
import { useStatsStore } from '../../app/stats-hooks';
import { formatBytes } from '../../lib/format';
import { formatRoute, parentView, VIEW_TITLE } from '../../lib/route';
import { appendSamples, formatPercent, memoryScaleTop, toColumns } from '../../lib/stats';
import { Button, Segmented } from '../../ui/controls';
import { EmptyState } from '../../ui/empty-state';
import { BINARY_BYTE_STEPS, TimeChart } from '../../ui/time-chart';
import { IsolationPanel } from './isolation-panel';

export const WINDOWS = [
  { value: '60', label: '1 min' },
  { value: '300', label: '5 min' },
  { value: '900', label: '15 min' },
  { value: '3600', label: '1 hour' },
] as const;
type WindowValue = (typeof WINDOWS)[number]['value'];
/** What the main process keeps: an hour at 1 Hz. */
const KEEP = 3600;

const COLORS = { cpu: '#3b82f6', mem: '#8b5cf6', limit: '#ef4444', rx: '#10b981', tx: '#f59e0b', read: '#06b6d4', write: '#ec4899', pids: '#64748b' };
const rate = (v: number) => `${formatBytes(v)}/s`;
const bytes = (v: number) => formatBytes(v, { binary: true });
const count = (v: number) => String(Math.round(v));
/** Room above the highest line, so a limit or a peak is not drawn on the chart's edge. */
const HEADROOM = 1.1;

/** The engine host's memory from the live frames (null until known). */
function useHostMemory(): number | null {
  const store = useStatsStore();
  return useSyncExternalStore(
    store.subscribe,
    useCallback(() => store.get().frame?.hostMemory ?? null, [store]),
  );
}

/** The container's samples: the hour kept in main, then each new one from the live frames. */
function useContainerSamples(id: string): { samples: StatsSample[]; loaded: boolean } {
  const api = useApi();
  const host = useLive().host;
  const store = useStatsStore();
  const [samples, setSamples] = useState<StatsSample[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let pending: StatsSample[] | null = [];
    setSamples([]);
    setLoaded(false);
    // Frames that arrive while the history loads are kept and appended after it.
    const off = store.onFrame((frame) => {
      const sample = frame.samples[id];
      if (!sample) return;
      if (pending) pending.push(sample);
      else setSamples((list) => appendSamples(list, sample, KEEP));
    });
    api.stats.history.query({ host, id, seconds: KEEP }).then(
      (history) => {
        if (cancelled) return;
        let list = history;
        for (const s of pending ?? []) list = appendSamples(list, s, KEEP);
        pending = null;
        setSamples(list);
        setLoaded(true);
      },
      () => {
        if (!cancelled) setLoaded(true);
      },
    );
    return () => {
      cancelled = true;
      off();
    };
  }, [api, host, id, store]);
  return { samples, loaded };
}

export function ContainerStatsView() {
  const route = useRoute();
  const id = route.params.id ?? '';
  const live = useLive();
  const rows = useStore(live.containers).rows;
  const row = rows.find((r) => r.id === id || r.name === id);
  const name = row?.name ?? id.slice(0, 12);
  const windowValue: WindowValue = WINDOWS.some((w) => w.value === route.params.window) ? (route.params.window as WindowValue) : '300';
  const windowSeconds = Number(windowValue);
  const [paused, setPaused] = useState<{ samples: StatsSample[] } | null>(null);
  const { samples: liveSamples, loaded } = useContainerSamples(row?.id ?? id);
  const samples = paused?.samples ?? liveSamples;
  const api = useApi();
  const hostMemory = useHostMemory();
  const back = parentView(route) ?? 'resources';

  const end = samples.length > 0 ? samples.at(-1)!.t / 1000 : Date.now() / 1000;
  const visible = useMemo(() => samples.filter((s) => s.t / 1000 >= end - windowSeconds - 5), [samples, end, windowSeconds]);
  const latest = samples.at(-1) ?? null;
  // A container without a limit of its own reports the host's memory as one: no limit line then, and the scale follows its use.
  const memLimited = latest !== null && hasOwnMemoryLimit(latest.memLimit, hostMemory);
  const memTop = useMemo(
    () =>
      memoryScaleTop(
        visible.map((s) => s.mem),
        latest?.memLimit ?? 0,
        hostMemory,
      ) * HEADROOM,
    [visible, latest, hostMemory],
  );
  const data = useMemo(
    () => ({
      cpu: toColumns(visible, [(s) => s.cpu]),
      mem: toColumns(visible, memLimited ? [(s) => s.mem, (s) => s.memLimit] : [(s) => s.mem]),
      net: toColumns(visible, [(s) => s.netRx, (s) => s.netTx]),
      blk: toColumns(visible, [(s) => s.blkRead, (s) => s.blkWrite]),
      pids: toColumns(visible, [(s) => s.pids, (s) => s.pidsLimit]),
    }),
    [visible, memLimited],
  );

  const exportCsv = async () => {
    const csv = await api.stats.csv.query({ host: live.host, id: row?.id ?? id, seconds: windowSeconds });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}-stats.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  if (!id) {
    return (
      <EmptyState icon={Activity} title="No container chosen" testId="stats-none">
        Open a container's stats from the CPU or memory column of the containers list.
      </EmptyState>
    );
  }

  return (
    <section aria-label={`Resources of ${name}`} data-testid="container-stats" data-id={row?.id ?? id} data-latest={liveSamples.at(-1)?.t} className="flex min-h-0 flex-1 flex-col overflow-auto">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-2.5">
        <a href={formatRoute({ view: back, params: {} })} data-testid="stats-back" className="inline-flex items-center gap-1 text-[12.5px] text-muted hover:text-fg">
          <ArrowLeft aria-hidden className="size-3.5" /> {VIEW_TITLE[back]}
        </a>
        <h2 className="ml-2 text-[14px] font-semibold text-fg" data-testid="stats-name">
          {name}
        </h2>
        {row && row.state !== 'running' && <span className="text-[12px] text-faint">{row.state}: not sampled now</span>}
        <div className="ml-auto flex items-center gap-2">
          <Segmented label="Time window" value={windowValue} onChange={(w) => navigate({ view: 'stats', params: { ...route.params, window: w } }, { replace: true })} options={WINDOWS.map((w) => ({ value: w.value, label: w.label }))} />
          <Button onClick={() => setPaused(paused ? null : { samples: liveSamples })} aria-pressed={paused !== null} data-testid="stats-pause" icon={paused ? <Play aria-hidden className="size-3.5" /> : <Pause aria-hidden className="size-3.5" />}>
            {paused ? 'Resume' : 'Pause'}
          </Button>
          <Button onClick={() => void exportCsv()} data-testid="stats-csv" icon={<Download aria-hidden className="size-3.5" />} aria-label={`Export the last ${WINDOWS.find((w) => w.value === windowValue)!.label} as CSV`}>
            CSV
          </Button>
        </div>
      </div>
      {loaded && samples.length === 0 ? (
        <EmptyState icon={Activity} title="No samples yet" testId="stats-empty">
          Berth samples running containers once a second; {name} has no samples {row?.state === 'running' ? 'yet' : 'since it is not running'}.
        </EmptyState>
      ) : (
        <div className="grid gap-4 p-5 xl:grid-cols-2">
          <ChartCard title="CPU" now={formatPercent(latest?.cpu ?? null)}>
            <TimeChart label={`CPU of ${name}`} testId="chart-cpu" series={[{ label: 'CPU', color: COLORS.cpu }]} data={data.cpu} windowSeconds={windowSeconds} end={end} format={(v) => `${v.toFixed(0)}%`} minMax={100} />
          </ChartCard>
          <ChartCard title="Memory" now={memoryNow(latest, memLimited, hostMemory)} testId="memory-now">
            <TimeChart
              label={memLimited ? `Memory of ${name}, with its limit` : `Memory of ${name}, which has no limit`}
              testId="chart-memory"
              series={memLimited ? [MEMORY_USED, MEMORY_LIMIT] : [MEMORY_USED]}
              data={data.mem}
              windowSeconds={windowSeconds}
              end={end}
              format={bytes}
              max={memTop}
              steps={BINARY_BYTE_STEPS}
            />
          </ChartCard>
          <ChartCard title="Network" now={latest ? `↓ ${rate(latest.netRx ?? 0)}  ↑ ${rate(latest.netTx ?? 0)}` : '—'}>
            <TimeChart
              label={`Network of ${name}, bytes per second in and out`}
              testId="chart-network"
              series={[
                { label: 'In', color: COLORS.rx },
                { label: 'Out', color: COLORS.tx },
              ]}
              data={data.net}
              windowSeconds={windowSeconds}
              end={end}
              format={rate}
              minMax={1024}
            />
          </ChartCard>
          <ChartCard title="Block I/O" now={latest ? `read ${rate(latest.blkRead ?? 0)}  write ${rate(latest.blkWrite ?? 0)}` : '—'}>
            <TimeChart
              label={`Block I/O of ${name}, bytes per second read and written`}
              testId="chart-block"
              series={[
                { label: 'Read', color: COLORS.read },
                { label: 'Write', color: COLORS.write },
              ]}
              data={data.blk}
              windowSeconds={windowSeconds}
              end={end}
              format={rate}
              minMax={1024}
            />
          </ChartCard>
          <ChartCard title="Processes" now={latest ? `${latest.pids}${latest.pidsLimit ? ` of ${latest.pidsLimit}` : ''}` : '—'}>
            <TimeChart
              label={`Processes of ${name}, with the pids limit`}
              testId="chart-pids"
              series={[
                { label: 'Pids', color: COLORS.pids },
                { label: 'Limit', color: COLORS.limit, dash: true },
              ]}
              data={data.pids}
              windowSeconds={windowSeconds}
              end={end}
              format={count}
              minMax={4}
            />
          </ChartCard>
          <IsolationPanel id={row?.id ?? id} />
        </div>
      )}
    </section>
  );
}

const MEMORY_USED = { label: 'Used', color: COLORS.mem };
const MEMORY_LIMIT = { label: 'Limit', color: COLORS.limit, dash: true };

/** "12.3 MiB of 64.0 MiB"; without a limit of its own, what it may reach instead: the host's memory. */
function memoryNow(latest: StatsSample | null, limited: boolean, hostMemory: number | null): string {
  if (!latest) return '—';
  if (limited) return `${bytes(latest.mem)} of ${bytes(latest.memLimit)}`;
  return hostMemory === null ? bytes(latest.mem) : `${bytes(latest.mem)} · no limit, may use the host's ${bytes(hostMemory)}`;
}

function ChartCard({ title, now, testId, children }: { title: string; now: string; testId?: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-line bg-surface p-3 shadow-xs">
      <div className="mb-2 flex items-baseline gap-2">
        <h3 className="text-[13px] font-semibold text-fg">{title}</h3>
        <span className="ml-auto font-mono text-[12px] text-muted tabular" aria-live="off" data-testid={testId}>
          {now}
        </span>
      </div>
      {children}
    </div>
  );
}
