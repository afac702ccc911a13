// Stats recorded from the private engines (Docker 20.10 on cgroup v1, Podman
// 4.3): a container held to --cpus 0.5 spinning, with 20 MiB written to
// /dev/shm, a 64 MiB memory limit and a pids limit of 50.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStats as readFigures, type Counters, type Reading } from '../../../main/stats/compute';
import { scanStats } from '../../../main/stats/scan';

/** A reading as the sampler takes it: the engine's JSON line, scanned, then computed. */
function readStats(json: unknown, previous: Counters | null): Reading {
  const figures = scanStats(Buffer.from(JSON.stringify(json)));
  if (!figures) throw new Error('the scanner refused a JSON object');
  return readFigures(figures, previous);
}

const recorded = (file: string): unknown[] => JSON.parse(readFileSync(join(__dirname, 'fixtures', file), 'utf8')) as unknown[];

/** Reads a stream in order, as the sampler does. */
function readAll(raws: unknown[]): Reading[] {
  let previous: Counters | null = null;
  return raws.map((raw) => {
    const reading = readStats(raw, previous);
    previous = reading.counters;
    return reading;
  });
}

describe('Docker 20.10 (cgroup v1)', () => {
  const [first, second, third] = readAll(recorded('docker-20.10-stream.json'));

  it('has no CPU figure for the first sample, which has no precpu', () => {
    expect(first!.sample.cpu).toBeNull();
  });

  it('reads CPU as docker stats does: about 50% for a container held to half a CPU', () => {
    // (Δ total_usage / Δ system_cpu_usage) × online_cpus × 100, from the recorded counters.
    expect(second!.sample.cpu).toBeCloseTo(49.732, 2);
    expect(third!.sample.cpu).toBeCloseTo(50.193, 2);
  });

  it('reads memory as usage minus total_inactive_file, against the 64 MiB limit', () => {
    expect(second!.sample.mem).toBe(21450752);
    expect(second!.sample.memLimit).toBe(64 * 1024 * 1024);
  });

  it('turns network counters into bytes per second', () => {
    expect(first!.sample.netRx).toBeNull();
    // 646 → 736 bytes received over 1.005 s (readings are kept to the millisecond).
    expect(second!.sample.netRx).toBeCloseTo(90 / 1.005, 6);
    expect(third!.sample.netRx).toBe(0);
    expect(second!.sample.netTx).toBe(0);
  });

  it('reads pids against the pids limit', () => {
    expect(second!.sample).toMatchObject({ pids: 1, pidsLimit: 50 });
  });

  it('stamps samples with the engine reading time', () => {
    expect(second!.sample.t).toBe(Date.parse('2026-11-29T15:56:46.620Z'));
  });
});

describe('Podman 4.3', () => {
  const [first, second, third] = readAll(recorded('podman-4.3-stream.json'));

  it('skips CPU on the first sample, whose precpu was read 15 ms before', () => {
    expect(first!.sample.cpu).toBeNull();
  });

  it('reads CPU as podman stats does, over the 5 s between its samples', () => {
    // Podman's own figure in the recorded samples: cpu_stats.cpu = 50.02.
    expect(second!.sample.cpu).toBeCloseTo(50.13, 1);
    expect(third!.sample.cpu).toBeGreaterThan(45);
    expect(third!.sample.cpu).toBeLessThan(55);
  });

  it('reads memory, pids without a reported limit, and network over 5 s', () => {
    expect(second!.sample).toMatchObject({ mem: 21430272, memLimit: 64 * 1024 * 1024, pids: 1, pidsLimit: null });
    expect(second!.sample.netRx).toBeCloseTo(160 / 5.0076, 2);
  });
});

describe('edge cases', () => {
  const base = { read: '2026-01-01T00:00:01Z', preread: '2026-01-01T00:00:00Z', cpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 10e9, online_cpus: 4 }, precpu_stats: { cpu_usage: { total_usage: 1e9 }, system_cpu_usage: 6e9 } };

  it('reads cgroup v2 memory as usage minus inactive_file', () => {
    const v2 = { ...base, memory_stats: { usage: 100_000_000, limit: 200_000_000, stats: { inactive_file: 30_000_000, active_file: 5_000_000 } } };
    expect(readStats(v2, null).sample.mem).toBe(70_000_000);
  });

  it('uses online_cpus, or the per-CPU list when the engine leaves it out', () => {
    expect(readStats(base, null).sample.cpu).toBe(100);
    const noOnline = { ...base, cpu_stats: { cpu_usage: { total_usage: 2e9, percpu_usage: [1, 1] }, system_cpu_usage: 10e9 } };
    expect(readStats(noOnline, null).sample.cpu).toBe(50);
  });

  it('gives no rate across a counter that went back to zero (the container restarted)', () => {
    const before = readStats({ ...base, networks: { eth0: { rx_bytes: 5000, tx_bytes: 5000 } } }, null);
    const after = readStats({ ...base, read: '2026-01-01T00:00:02Z', networks: { eth0: { rx_bytes: 10, tx_bytes: 10 } } }, before.counters);
    expect(after.sample.netRx).toBeNull();
  });

  it('sums block reads and writes across devices, in either case of op', () => {
    const blk = (r: number, w: number, read: string) => ({
      ...base,
      read,
      blkio_stats: { io_service_bytes_recursive: [{ major: 8, minor: 0, op: 'Read', value: r }, { major: 8, minor: 16, op: 'read', value: r }, { major: 8, minor: 0, op: 'Write', value: w }, { major: 8, minor: 0, op: 'Total', value: r + w }] },
    });
    const a = readStats(blk(1000, 0, '2026-01-01T00:00:01Z'), null);
    const b = readStats(blk(3000, 4096, '2026-01-01T00:00:03Z'), a.counters);
    expect(b.sample.blkRead).toBe(2000);
    expect(b.sample.blkWrite).toBe(2048);
  });

  it('survives an engine that sends nothing it expects', () => {
    expect(readStats({}, null).sample).toMatchObject({ cpu: null, mem: 0, pids: 0, pidsLimit: null });
  });
});
