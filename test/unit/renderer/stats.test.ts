import { describe, expect, it } from 'vitest';
import type { ClientOf, SubscriptionHandlers } from '../../../main/api/procedure';
import type { BerthRouter } from '../../../main/api/router';
import type { StatsFrame, StatsSample } from '../../../main/stats/types';
import { appendSamples, MEMORY_SCALE_FLOOR, memoryScaleTop, toColumns } from '../../../renderer/src/lib/stats';
import { createStatsStore, SPARK_POINTS } from '../../../renderer/src/state/stats';

const sample = (t: number, cpu: number | null = 10): StatsSample => ({ t, cpu, mem: 100, memLimit: 1000, netRx: 1, netTx: 2, blkRead: 0, blkWrite: 0, pids: 1, pidsLimit: null });

describe('chart columns', () => {
  it('breaks the line where samples stop for longer than their rhythm (engine away, container stopped)', () => {
    const samples = [sample(1000), sample(2000), sample(3000), sample(9000), sample(10_000)];
    const [t, cpu] = toColumns(samples, [(s) => s.cpu]);
    expect(t).toEqual([1, 2, 3, 6, 9, 10]);
    expect(cpu).toEqual([10, 10, 10, null, 10, 10]);
  });

  it('does not break Podman samples, 5 s apart by rhythm', () => {
    const samples = [0, 5000, 10_000, 15_000].map((t) => sample(t));
    expect(toColumns(samples, [(s) => s.cpu])[1]).toEqual([10, 10, 10, 10]);
  });

  it('appends only newer samples, up to a bound', () => {
    let list: StatsSample[] = [];
    for (const t of [1, 2, 2, 3, 4]) list = appendSamples(list, sample(t), 3);
    expect(list.map((s) => s.t)).toEqual([2, 3, 4]);
  });
});

describe('memory scale', () => {
  const MiB = 1024 * 1024;
  const host = 24 * 1024 * MiB;

  it('goes up to the limit of a container that has one of its own', () => {
    expect(memoryScaleTop([5 * MiB, 6 * MiB], 64 * MiB, host)).toBe(64 * MiB);
  });

  it('goes up to the most used in the window for a container without one, not to the host memory it reports as its limit', () => {
    expect(memoryScaleTop([40 * MiB, 120 * MiB, 90 * MiB], host, host)).toBe(120 * MiB);
    // Host memory unknown yet: the limit cannot be told from the host's, so the use decides.
    expect(memoryScaleTop([40 * MiB, 120 * MiB], 64 * MiB, null)).toBe(120 * MiB);
  });

  it('keeps a floor, so a few hundred KiB do not fill the height', () => {
    expect(memoryScaleTop([300 * 1024, 310 * 1024], host, host)).toBe(MEMORY_SCALE_FLOOR);
    expect(memoryScaleTop([], host, host)).toBe(MEMORY_SCALE_FLOOR);
  });
});

describe('live stats store', () => {
  function fakeApi() {
    const subscribers = new Set<SubscriptionHandlers<StatsFrame>>();
    const api = { stats: { watch: { subscribe: (_input: unknown, h: SubscriptionHandlers<StatsFrame>) => (subscribers.add(h), () => subscribers.delete(h)) } } };
    return { api: api as unknown as ClientOf<BerthRouter>, subscribers, push: (f: StatsFrame) => subscribers.forEach((h) => h.onData(f)) };
  }

  it('opens one subscription however many views hold it, and closes it when the last lets go', () => {
    const { api, subscribers } = fakeApi();
    const store = createStatsStore(api, 'local');
    const a = store.retain();
    const b = store.retain();
    expect(subscribers.size).toBe(1);
    a();
    expect(subscribers.size).toBe(1);
    b();
    expect(subscribers.size).toBe(0);
  });

  it('keeps a minute of each container for its sparkline, once per sample, and forgets containers that are gone', () => {
    const { api, push } = fakeApi();
    const store = createStatsStore(api, 'local');
    store.retain();
    let notified = 0;
    store.subscribe(() => notified++);
    for (let t = 1; t <= SPARK_POINTS + 5; t++) push({ t, samples: { a: sample(t * 1000), b: sample(1000) }, waiting: [], hostMemory: null });
    expect(store.tail('a')).toHaveLength(SPARK_POINTS);
    expect(store.tail('a').at(-1)!.t).toBe((SPARK_POINTS + 5) * 1000);
    // b's sample stayed the same (Podman's rhythm): kept once.
    expect(store.tail('b')).toHaveLength(1);
    expect(notified).toBe(SPARK_POINTS + 5);
    push({ t: 99, samples: { a: sample(99_000) }, waiting: [], hostMemory: null });
    expect(store.tail('b')).toEqual([]);
    expect(store.get().frame?.t).toBe(99);
  });
});
