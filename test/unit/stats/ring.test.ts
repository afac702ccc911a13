import { describe, expect, it } from 'vitest';
import { samplesToCsv } from '../../../main/stats/csv';
import { SampleRing } from '../../../main/stats/ring';
import type { StatsSample } from '../../../main/stats/types';

const sample = (t: number, cpu: number | null = t / 1000): StatsSample => ({ t, cpu, mem: 1000 + t, memLimit: 1 << 20, netRx: null, netTx: 5, blkRead: 0, blkWrite: 0, pids: 2, pidsLimit: null });

describe('SampleRing', () => {
  it('keeps the newest samples up to its capacity, in order, nulls intact', () => {
    const ring = new SampleRing(3);
    for (let t = 1000; t <= 5000; t += 1000) ring.push(sample(t, t === 4000 ? null : t / 1000));
    expect(ring.size).toBe(3);
    expect(ring.since().map((s) => s.t)).toEqual([3000, 4000, 5000]);
    expect(ring.since()[1]).toEqual(sample(4000, null));
    expect(ring.latest()).toEqual(sample(5000));
  });

  it('gives the samples of a window', () => {
    const ring = new SampleRing();
    for (let t = 0; t < 10_000; t += 1000) ring.push(sample(t));
    expect(ring.since(7000).map((s) => s.t)).toEqual([7000, 8000, 9000]);
    expect(new SampleRing().latest()).toBeNull();
  });
});

describe('CSV export', () => {
  it('has a header with units and one row per sample, empty cells for unknown figures', () => {
    const csv = samplesToCsv([sample(Date.UTC(2026, 0, 1), 12.3456)]);
    expect(csv).toBe(
      'time,cpu_percent,memory_bytes,memory_limit_bytes,net_rx_bytes_per_s,net_tx_bytes_per_s,block_read_bytes_per_s,block_write_bytes_per_s,pids,pids_limit\n' +
        `2026-01-01T00:00:00.000Z,12.35,${1000 + Date.UTC(2026, 0, 1)},1048576,,5,0,0,2,\n`,
    );
  });
});
