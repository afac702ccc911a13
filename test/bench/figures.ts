// Measuring and printing: medians, CPU time, load, and a table of figures against references.
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The 1-minute load average: the machine is shared, so the figures say how busy it was. */
export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;

export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function medianOf(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeMs(work));
  return median(samples);
}

export interface Row {
  what: string;
  berthMs: number;
  reference: string;
  referenceMs: number;
}

/** Prints the rows as a table: Berth's figure, the reference's, and Berth ÷ reference. */
export function printTable(title: string, rows: readonly Row[]): void {
  const lines = [
    `\n${title}`,
    `${'measure'.padEnd(48)} ${'Berth'.padStart(10)}   ${'reference'.padEnd(34)} ${'ref'.padStart(10)}   ratio`,
    ...rows.map(
      (r) =>
        `${r.what.padEnd(48)} ${`${r.berthMs.toFixed(1)} ms`.padStart(10)}   ${r.reference.padEnd(34)} ${`${r.referenceMs.toFixed(1)} ms`.padStart(10)}   ${(r.berthMs / r.referenceMs).toFixed(2)}×`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
