// The host overview: every container's CPU and memory on one time axis, to
// stack, and the top containers now. No I/O.
import type { StatsSample } from './types';

export interface ContainerSeries {
  id: string;
  name: string;
  samples: readonly StatsSample[];
}

export interface StackedSeries {
  /** Bucket start times, unix ms. */
  t: number[];
  containers: { id: string; name: string; cpu: (number | null)[]; mem: (number | null)[] }[];
}

/**
 * Resamples every container onto shared buckets of `stepMs` from `from` to
 * `to`, the mean of its samples in each (null where it has none), so the
 * series stack: their sum per bucket is the host's total.
 */
export function stackByContainer(series: readonly ContainerSeries[], from: number, to: number, stepMs: number): StackedSeries {
  const buckets = Math.max(1, Math.ceil((to - from) / stepMs));
  const t = Array.from({ length: buckets }, (_, i) => from + i * stepMs);
  const containers = series.map(({ id, name, samples }) => {
    const cpuSum = new Float64Array(buckets);
    const cpuN = new Uint32Array(buckets);
    const memSum = new Float64Array(buckets);
    const memN = new Uint32Array(buckets);
    for (const s of samples) {
      const b = Math.floor((s.t - from) / stepMs);
      if (b < 0 || b >= buckets) continue;
      if (s.cpu !== null) {
        cpuSum[b]! += s.cpu;
        cpuN[b]!++;
      }
      memSum[b]! += s.mem;
      memN[b]!++;
    }
    const mean = (sum: Float64Array, n: Uint32Array) => Array.from(sum, (v, i) => (n[i] ? v / n[i]! : null));
    return { id, name, cpu: mean(cpuSum, cpuN), mem: mean(memSum, memN) };
  });
  return { t, containers };
}

export interface TopEntry {
  id: string;
  name: string;
  cpu: number | null;
  mem: number;
  memLimit: number;
}

/** The `count` busiest containers by CPU and by memory, from their latest samples. */
export function topContainers(latest: readonly { id: string; name: string; sample: StatsSample }[], count: number): { byCpu: TopEntry[]; byMemory: TopEntry[] } {
  const entries = latest.map(({ id, name, sample }) => ({ id, name, cpu: sample.cpu, mem: sample.mem, memLimit: sample.memLimit }));
  return {
    byCpu: [...entries].sort((a, b) => (b.cpu ?? -1) - (a.cpu ?? -1)).slice(0, count),
    byMemory: [...entries].sort((a, b) => b.mem - a.mem).slice(0, count),
  };
}
