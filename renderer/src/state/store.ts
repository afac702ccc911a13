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
  byId: ReadonlyMap<string, Row>;
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

/**
 * A live list kept from ListEvents. Events are applied to the row map as they
 * come (cheap), while the array views read is rebuilt at most once per
 * scheduled flush, so a burst of patches costs one render.
 */
export function createListStore<Row extends Keyed>(schedule: Scheduler = frameScheduler): ListStore<Row> {
  const map = new Map<string, Row>();
  let loaded = false;
  let error: string | null = null;
  let dirty = false;
  let scheduled = false;
  let state: ListState<Row> = { rows: [], byId: new Map(), loaded: false, error: null, version: 0 };
  const listeners = new Set<Listener>();

  const flush = () => {
    scheduled = false;
    if (!dirty) return;
    dirty = false;
    state = { rows: Array.from(map.values()), byId: new Map(map), loaded, error, version: state.version + 1 };
    for (const listener of [...listeners]) listener();
  };
  const markDirty = () => {
    dirty = true;
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
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
