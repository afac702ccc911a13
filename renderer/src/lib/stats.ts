// Shaping samples for charts and cells. Pure functions, no DOM.
import { hasOwnMemoryLimit } from '../../../main/stats/memory-limit';
import type { StatsSample } from '../../../main/stats/types';

/**
 * Columns for uPlot: times in seconds, then one array per series. Where two
 * samples are far apart for their rate (the engine was away, the container
 * was stopped), a null point is put between them so the line breaks there
 * instead of bridging the gap.
 */
export function toColumns(samples: readonly StatsSample[], series: readonly ((s: StatsSample) => number | null)[]): [number[], ...(number | null)[][]] {
  const gapMs = 2.5 * typicalInterval(samples);
  const t: number[] = [];
  const columns: (number | null)[][] = series.map(() => []);
  samples.forEach((s, i) => {
    const before = samples[i - 1];
    if (before && s.t - before.t > gapMs) {
      t.push((before.t + s.t) / 2000);
      for (const c of columns) c.push(null);
    }
    t.push(s.t / 1000);
    series.forEach((value, k) => columns[k]!.push(value(s)));
  });
  return [t, ...columns];
}

/** The median time between samples: 1 s for Docker, about 5 s for Podman. */
export function typicalInterval(samples: readonly StatsSample[]): number {
  const steps = samples.slice(1).map((s, i) => s.t - samples[i]!.t).sort((a, b) => a - b);
  return steps.length === 0 ? 1000 : Math.max(1000, steps[steps.length >> 1]!);
}

/** Appends what is newer than the last sample, keeping at most `max`. */
export function appendSamples(samples: StatsSample[], next: StatsSample, max: number): StatsSample[] {
  if (samples.length > 0 && samples.at(-1)!.t >= next.t) return samples;
  const out = samples.length >= max ? samples.slice(samples.length - max + 1) : samples.slice();
  out.push(next);
  return out;
}

export const formatPercent = (v: number | null): string => (v === null ? '—' : v >= 100 ? `${v.toFixed(0)}%` : `${v.toFixed(1)}%`);

/** "0.5 CPU", "2 CPUs". */
export const formatCpus = (n: number): string => `${Number(n.toFixed(2))} CPU${n === 1 || n < 1 ? '' : 's'}`;

/** The least top of the memory scale of a container without a limit: a few hundred KiB stay a line near the bottom rather than filling the height. */
export const MEMORY_SCALE_FLOOR = 16 * 1024 * 1024;

/**
 * The top of a container's memory scale: its own limit, or, without one, the
 * most it used in `used` (at least MEMORY_SCALE_FLOOR). Scaled to the host's
 * memory, the line of a container without a limit would lie flat at the bottom.
 */
export function memoryScaleTop(used: readonly number[], memLimit: number, hostMemory: number | null): number {
  if (hasOwnMemoryLimit(memLimit, hostMemory)) return memLimit;
  return used.reduce((top, v) => Math.max(top, v), MEMORY_SCALE_FLOOR);
}
