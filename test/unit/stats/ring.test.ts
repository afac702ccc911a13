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

  it('starts small and grows as samples arrive until it holds an hour, then drops the oldest', () => {
    const ring = new SampleRing();
    expect(ring.room).toBeLessThanOrEqual(64);
    ring.push(sample(0));
    expect(ring.room).toBeLessThanOrEqual(64);
    const hour = 3600;
    for (let i = 1; i < hour; i++) ring.push(sample(i * 1000, i % 7 === 0 ? null : i));
    expect(ring.room).toBe(hour);
    expect(ring.size).toBe(hour);
    const all = ring.since();
    expect(all.map((s) => s.t)).toEqual(Array.from({ length: hour }, (_, i) => i * 1000));
    expect(all[7]).toEqual(sample(7000, null));
    for (let i = hour; i < hour + 100; i++) ring.push(sample(i * 1000, i));
    expect(ring.room).toBe(hour);
    expect(ring.since().map((s) => s.t)).toEqual(Array.from({ length: hour }, (_, i) => (i + 100) * 1000));
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
