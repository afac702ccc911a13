import { describe, expect, it, vi } from 'vitest';
import { createListStore, createValueStore, syncScheduler } from '../../../renderer/src/state/store';
import type { ContainerRow } from '../../../main/engines/types';
import { container } from './fixtures';

function manualScheduler() {
  const queue: Array<() => void> = [];
  return {
    schedule: (fn: () => void) => void queue.push(fn),
    flush: () => queue.splice(0).forEach((fn) => fn()),
    get pending() {
      return queue.length;
    },
  };
}

describe('list store', () => {
  it('starts empty and not loaded', () => {
    const store = createListStore<ContainerRow>(syncScheduler);
    expect(store.get()).toMatchObject({ rows: [], loaded: false, error: null, version: 0 });
  });

  it('applies a burst of events with one flush and one notification', () => {
    const s = manualScheduler();
    const store = createListStore<ContainerRow>(s.schedule);
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.get();
    store.push({ type: 'snapshot', rows: [container({ id: 'a' }), container({ id: 'b' })] });
    store.push({ type: 'patch', upsert: [container({ id: 'c' })], remove: ['a'] });
    store.push({ type: 'patch', upsert: [container({ id: 'b', state: 'exited' })], remove: [] });
    // Nothing visible until the scheduled flush: readers see one consistent state.
    expect(store.get()).toBe(before);
    expect(s.pending).toBe(1);
    s.flush();
    expect(listener).toHaveBeenCalledTimes(1);
    const state = store.get();
    expect(state.loaded).toBe(true);
    expect(state.version).toBe(1);
    expect(state.rows.map((r) => r.id).sort()).toEqual(['b', 'c']);
    expect(state.rows.find((r) => r.id === 'b')?.state).toBe('exited');
  });

  it('keeps the same state object while nothing changes', () => {
    const store = createListStore<ContainerRow>(syncScheduler);
    store.push({ type: 'snapshot', rows: [container({ id: 'a' })] });
    const state = store.get();
    store.push({ type: 'patch', upsert: [], remove: ['nope'] });
    expect(store.get()).toBe(state);
    expect(store.get()).toBe(store.get());
  });

  it('marks an empty first snapshot as loaded', () => {
    const store = createListStore<ContainerRow>(syncScheduler);
    store.push({ type: 'snapshot', rows: [] });
    expect(store.get().loaded).toBe(true);
  });

  it('reports a stream error until data flows again', () => {
    const store = createListStore<ContainerRow>(syncScheduler);
    store.push({ type: 'snapshot', rows: [container({ id: 'a' })] });
    store.setError('The engine went away.');
    expect(store.get()).toMatchObject({ error: 'The engine went away.', loaded: true });
    expect(store.get().rows).toHaveLength(1);
    store.push({ type: 'snapshot', rows: [container({ id: 'a' })] });
    expect(store.get().error).toBeNull();
  });

  it('stops notifying after unsubscribe', () => {
    const store = createListStore<ContainerRow>(syncScheduler);
    const listener = vi.fn();
    const off = store.subscribe(listener);
    off();
    store.push({ type: 'snapshot', rows: [container({ id: 'a' })] });
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('list store pacing', () => {
  it('spaces out updates of a big list, and not of a small one', () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    let now = 0;
    const store = createListStore<ContainerRow>({
      schedule: syncScheduler,
      minIntervalMs: (size) => (size > 2 ? 100 : 0),
      now: () => now,
      setTimer: (fn, ms) => void timers.push({ fn, ms }),
    });
    store.push({ type: 'snapshot', rows: [container({ id: 'a' }), container({ id: 'b' }), container({ id: 'c' })] });
    expect(store.get().version).toBe(1);
    now = 30;
    store.push({ type: 'patch', upsert: [container({ id: 'd' })], remove: [] });
    store.push({ type: 'patch', upsert: [container({ id: 'e' })], remove: [] });
    expect(store.get().version).toBe(1);
    expect(timers.map((t) => t.ms)).toEqual([70]);
    now = 100;
    timers[0]!.fn();
    expect(store.get().version).toBe(2);
    expect(store.get().rows).toHaveLength(5);
  });

  it('paces by size with the default', async () => {
    const { defaultMinInterval } = await import('../../../renderer/src/state/store');
    expect([10, 500, 1000, 5000, 50_000].map(defaultMinInterval)).toEqual([0, 0, 50, 250, 250]);
  });
});

describe('value store', () => {
  it('notifies on change only', () => {
    const store = createValueStore(1);
    const listener = vi.fn();
    store.subscribe(listener);
    store.set(1);
    expect(listener).not.toHaveBeenCalled();
    store.update((n) => n + 1);
    expect(store.get()).toBe(2);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
