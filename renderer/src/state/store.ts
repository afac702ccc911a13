// Small stores for pushed data, read by React through useSyncExternalStore.
// No React or DOM here, so tests drive them directly.
import type { ListEvent } from '../../../main/engines/types';
import { applyListEvent, type Keyed } from '../lib/list-events';

export type Listener = () => void;

export interface ReadableStore<T> {
  /** Same value between changes, as useSyncExternalStore requires. */
  get(): T;
  subscribe(listener: Listener): () => void;
}

/** Runs `flush` soon, once per burst: a frame in a browser, a macrotask elsewhere. */
export type Scheduler = (flush: () => void) => void;

export const frameScheduler: Scheduler = (flush) => {
  // requestAnimationFrame stalls in hidden windows; a timeout keeps state current there.
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') {
    requestAnimationFrame(() => flush());
  } else setTimeout(flush, 16);
};

export const syncScheduler: Scheduler = (flush) => flush();

export interface ValueStore<T> extends ReadableStore<T> {
  set(value: T): void;
  update(fn: (value: T) => T): void;
}

export function createValueStore<T>(initial: T): ValueStore<T> {
  let value = initial;
  const listeners = new Set<Listener>();
  const set = (next: T) => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set,
    update: (fn) => set(fn(value)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface ListState<Row> {
  /** Rows in no particular order; views sort and filter them. */
  rows: readonly Row[];
  /** A snapshot has arrived since the store was created. */
  loaded: boolean;
  /** Why the live list is not flowing (the subscription failed), or null. */
  error: string | null;
  /** Grows by one on every visible change. */
  version: number;
}

export interface ListStore<Row> extends ReadableStore<ListState<Row>> {
  push(event: ListEvent<Row>): void;
  setError(error: string | null): void;
}

export interface ListStoreOptions {
  schedule?: Scheduler;
  /**
   * The least time between two visible updates for a list of `size` rows. A
   * view re-filters and re-sorts the whole list on each, so a big list that
   * churns is redrawn a few times a second rather than every frame.
   */
  minIntervalMs?: (size: number) => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/** 0 ms up to 500 rows, then up to 250 ms for 5,000 rows and more. */
export const defaultMinInterval = (size: number): number => (size <= 500 ? 0 : Math.min(250, Math.round(size / 20)));

/**
 * A live list kept from ListEvents. Events are applied to the row map as they
 * come (cheap), while the array views read is rebuilt at most once per
 * scheduled flush, so a burst of patches costs one render.
 */
export function createListStore<Row extends Keyed>(options: ListStoreOptions | Scheduler = {}): ListStore<Row> {
  const opts = typeof options === 'function' ? { schedule: options, minIntervalMs: () => 0 } : options;
  const schedule = opts.schedule ?? frameScheduler;
  const minInterval = opts.minIntervalMs ?? defaultMinInterval;
  const now = opts.now ?? (() => performance.now());
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  let lastFlush = Number.NEGATIVE_INFINITY;
  const map = new Map<string, Row>();
  let loaded = false;
  let error: string | null = null;
  let dirty = false;
  let scheduled = false;
  let state: ListState<Row> = { rows: [], loaded: false, error: null, version: 0 };
  const listeners = new Set<Listener>();

  const flush = () => {
    scheduled = false;
    if (!dirty) return;
    dirty = false;
    lastFlush = now();
    state = { rows: Array.from(map.values()), loaded, error, version: state.version + 1 };
    for (const listener of [...listeners]) listener();
  };
  const markDirty = () => {
    dirty = true;
    if (scheduled) return;
    scheduled = true;
    const wait = lastFlush + minInterval(map.size) - now();
    if (wait > 0) setTimer(() => schedule(flush), wait);
    else schedule(flush);
  };

  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push: (event) => {
      const changed = applyListEvent(map, event);
      const becameLoaded = event.type === 'snapshot' && !loaded;
      if (event.type === 'snapshot') loaded = true;
      const errorCleared = error !== null;
      error = null;
      if (changed || becameLoaded || errorCleared) markDirty();
    },
    setError: (next) => {
      if (next === error) return;
      error = next;
      markDirty();
    },
  };
}
