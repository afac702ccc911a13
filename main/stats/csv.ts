// Samples as CSV, one row per reading, with units in the headers so a
// spreadsheet needs no legend.
import type { StatsSample } from './types';

const COLUMNS: [string, (s: StatsSample) => number | string | null][] = [
  ['time', (s) => new Date(s.t).toISOString()],
  ['cpu_percent', (s) => (s.cpu === null ? null : round(s.cpu, 2))],
  ['memory_bytes', (s) => s.mem],
  ['memory_limit_bytes', (s) => s.memLimit],
  ['net_rx_bytes_per_s', (s) => round(s.netRx, 0)],
  ['net_tx_bytes_per_s', (s) => round(s.netTx, 0)],
  ['block_read_bytes_per_s', (s) => round(s.blkRead, 0)],
  ['block_write_bytes_per_s', (s) => round(s.blkWrite, 0)],
  ['pids', (s) => s.pids],
  ['pids_limit', (s) => s.pidsLimit],
];

function round(v: number | null, digits: number): number | null {
  return v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;
}

export function samplesToCsv(samples: readonly StatsSample[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const s of samples) lines.push(COLUMNS.map(([, value]) => value(s) ?? '').join(','));
  return `${lines.join('\n')}\n`;
}
