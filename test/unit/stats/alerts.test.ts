import { describe, expect, it } from 'vitest';
import { AlertRules } from '../../../main/stats/alerts';
import { hasOwnMemoryLimit } from '../../../main/stats/memory-limit';
import { stackByContainer, topContainers } from '../../../main/stats/overview';
import type { StatsSample } from '../../../main/stats/types';

const sample = (t: number, mem: number, cpu: number | null = 10): StatsSample => ({ t, cpu, mem, memLimit: 100, netRx: null, netTx: null, blkRead: null, blkWrite: null, pids: 1, pidsLimit: null });
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** More than the samples' limit of 100: they have a limit of their own. */
const HOST_MEMORY = 1000;
const event = (action: string, t: number, exitCode: number | null = null) => ({ action, container: 'c1', name: 'web', t, exitCode });

describe('alerts', () => {
  it('tells when a container is OOM-killed, once', () => {
    const rules = new AlertRules();
    expect(rules.onEvent(event('oom', 1000))).toMatchObject({ kind: 'oom', name: 'web' });
    expect(rules.onEvent(event('die', 1100, 137))).toBeNull();
  });

  it('tells when a container dies with a failure on its own, not when the user stopped it or it exited cleanly', () => {
    const rules = new AlertRules();
    expect(rules.onEvent(event('die', 1000, 2))).toMatchObject({ kind: 'died', message: 'web stopped unexpectedly with exit code 2.' });
    expect(rules.onEvent(event('die', 2000, 0))).toBeNull();
    rules.onEvent(event('kill', 3000));
    expect(rules.onEvent(event('die', 3500, 143))).toBeNull();
  });

  it('tells once when memory stays above the chosen share of the limit, and again after it went below', () => {
    const rules = new AlertRules({ memoryShare: 0.8, sustainMs: 3000 });
    const feed = (t: number, mem: number) => rules.onSample('c1', 'web', sample(t, mem), HOST_MEMORY);
    expect([feed(0, 85), feed(1000, 90), feed(2000, 95)]).toEqual([null, null, null]);
    expect(feed(3000, 90)).toMatchObject({ kind: 'memory', message: 'web has used more than 80% of its memory limit for 3 s (now 90%).' });
    expect(feed(4000, 90)).toBeNull();
    feed(5000, 10);
    expect([feed(6000, 90), feed(9000, 90)]).toEqual([null, expect.objectContaining({ kind: 'memory' })]);
  });

  it('does not flag a container without a memory limit of its own (its limit is the host memory), nor while the host memory is unknown', () => {
    const rules = new AlertRules({ sustainMs: 0 });
    expect(rules.onSample('c1', 'web', sample(0, 99), 100)).toBeNull();
    expect(rules.onSample('c1', 'web', sample(0, 99), null)).toBeNull();
    expect(rules.onSample('c1', 'web', sample(0, 99), HOST_MEMORY)).toMatchObject({ kind: 'memory' });
  });
});

describe('a memory limit of its own', () => {
  it('is a limit under the host memory; the host memory itself (what the engine reports without a limit) is none', () => {
    expect(hasOwnMemoryLimit(64 * MiB, 24 * GiB)).toBe(true);
    expect(hasOwnMemoryLimit(24 * GiB, 24 * GiB)).toBe(false);
    // A limit above the host's memory is no limit in effect (Docker reports the host memory for it anyway).
    expect(hasOwnMemoryLimit(32 * GiB, 24 * GiB)).toBe(false);
  });

  it('is not known while the host memory is not, nor from an empty reading', () => {
    expect(hasOwnMemoryLimit(64 * MiB, null)).toBe(false);
    expect(hasOwnMemoryLimit(64 * MiB, 0)).toBe(false);
    expect(hasOwnMemoryLimit(0, 24 * GiB)).toBe(false);
  });
});

describe('host overview', () => {
  it('puts every container on shared buckets so they stack', () => {
    const stacked = stackByContainer(
      [
        { id: 'a', name: 'a', samples: [sample(0, 10, 20), sample(500, 30, 40), sample(1000, 50, 60)] },
        { id: 'b', name: 'b', samples: [sample(1200, 7, null)] },
      ],
      0,
      2000,
      1000,
    );
    expect(stacked.t).toEqual([0, 1000]);
    expect(stacked.containers).toEqual([
      { id: 'a', name: 'a', cpu: [30, 60], mem: [20, 50] },
      { id: 'b', name: 'b', cpu: [null, null], mem: [null, 7] },
    ]);
  });

  it('fills the one-second buckets between readings that come slower (Podman every 5 s), but not a break in sampling', () => {
    const stacked = stackByContainer([{ id: 'p', name: 'p', samples: [sample(500, 10, 5), sample(5500, 20, 50), sample(20_500, 30, 70)] }], 0, 22_000, 1000);
    // The reading at 5.5 s is the figure over 0.5–5.5 s; nothing between 5.5 s and 20.5 s (the engine was away).
    expect(stacked.containers[0]!.cpu).toEqual([5, 50, 50, 50, 50, 50, ...Array<null>(14).fill(null), 70, null]);
    expect(stacked.containers[0]!.mem.slice(0, 7)).toEqual([10, 20, 20, 20, 20, 20, null]);
  });

  it('ranks the top containers by CPU and by memory', () => {
    const top = topContainers(
      [
        { id: 'a', name: 'a', sample: sample(0, 10, 90) },
        { id: 'b', name: 'b', sample: sample(0, 50, null) },
        { id: 'c', name: 'c', sample: sample(0, 30, 5) },
      ],
      2,
    );
    expect(top.byCpu.map((e) => e.id)).toEqual(['a', 'c']);
    expect(top.byMemory.map((e) => e.id)).toEqual(['b', 'c']);
  });
});
