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
 * Samples further apart than this are a break in sampling (the engine or the
 * container was away), left as a gap; closer ones are one stream's readings.
 * Docker reads every second plus the time a round over all containers takes;
 * Podman's compatible API every 5 s.
 */
export const MAX_SAMPLE_SPAN_MS = 6000;

/**
 * Resamples every container onto shared buckets of `stepMs` from `from` to
 * `to`, the mean of its samples in each, so the series stack: their sum per
 * bucket is the host's total. A bucket that falls between two readings of a
 * stream takes the later one, which is the figure over that span (an engine
 * reads a little slower than once a second, and Podman every 5 s: one-second
 * buckets would otherwise be holes in the stack). Null before a container's
 * first reading and across breaks in sampling.
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
    const cpu = Array.from(cpuSum, (v, i) => (cpuN[i] ? v / cpuN[i]! : null));
    const mem = Array.from(memSum, (v, i) => (memN[i] ? v / memN[i]! : null));
    // Empty buckets between two readings of the stream take the later reading.
    for (let k = 1; k < samples.length; k++) {
      const before = samples[k - 1]!;
      const after = samples[k]!;
      if (after.t - before.t > MAX_SAMPLE_SPAN_MS) continue;
      const last = Math.min(buckets - 1, Math.floor((after.t - from) / stepMs));
      for (let b = Math.max(0, Math.floor((before.t - from) / stepMs) + 1); b <= last; b++) {
        if (memN[b]) continue;
        mem[b] = after.mem;
        if (after.cpu !== null) cpu[b] = after.cpu;
      }
    }
    return { id, name, cpu, mem };
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
