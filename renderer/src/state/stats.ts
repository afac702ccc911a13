// Live resource samples of one host, pushed once a tick as one frame for
// every container. Subscribed while some view shows them (reference
// counted), and each container keeps a short tail for its sparklines.
import type { ClientOf } from '../../../main/api/procedure';
import type { BerthRouter } from '../../../main/api/router';
import type { StatsFrame, StatsSample } from '../../../main/stats/types';
import { keepSubscribed } from './live';
import type { Listener, ReadableStore } from './store';

/** Samples a sparkline shows: a minute at 1 Hz. */
export const SPARK_POINTS = 60;

export interface StatsState {
  frame: StatsFrame | null;
  /** Why the stream is not flowing, or null. */
  error: string | null;
}

export interface StatsStore extends ReadableStore<StatsState> {
  /** The last SPARK_POINTS samples of a container, oldest first. */
  tail(id: string): readonly StatsSample[];
  /** Keeps the subscription open until the returned release is called. */
  retain(): () => void;
  /** Called for every frame, for charts that append instead of re-rendering. */
  onFrame(listener: (frame: StatsFrame) => void): () => void;
}

export interface StatsStoreOptions {
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createStatsStore(api: ClientOf<BerthRouter>, host: string, options: StatsStoreOptions = {}): StatsStore {
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let state: StatsState = { frame: null, error: null };
  const tails = new Map<string, StatsSample[]>();
  const listeners = new Set<Listener>();
  const frameListeners = new Set<(frame: StatsFrame) => void>();
  let holders = 0;
  let stop: (() => void) | null = null;

  const set = (next: StatsState) => {
    state = next;
    for (const l of [...listeners]) l();
  };
  const onData = (frame: StatsFrame) => {
    for (const [id, sample] of Object.entries(frame.samples)) {
      const tail = tails.get(id) ?? [];
      // Podman samples every few seconds: the same sample comes in several frames.
      if (tail.at(-1)?.t !== sample.t) tail.push(sample);
      if (tail.length > SPARK_POINTS) tail.shift();
      tails.set(id, tail);
    }
    for (const id of tails.keys()) if (!(id in frame.samples) && !frame.waiting.includes(id)) tails.delete(id);
    set({ frame, error: null });
    for (const l of [...frameListeners]) l(frame);
  };

  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tail: (id) => tails.get(id) ?? [],
    onFrame: (listener) => {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    retain: () => {
      if (holders++ === 0) {
        const kept = keepSubscribed((h) => api.stats.watch.subscribe({ host, ids: null }, h), onData, (error) => set({ ...state, error }), setTimer, clearTimer);
        stop = kept.stop;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holders === 0) {
          stop?.();
          stop = null;
        }
      };
    },
  };
}
