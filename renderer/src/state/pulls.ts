// The pulls in progress and done, several at once, kept for the app's life
// (a pull goes on while its dialog is closed). Cancel unsubscribes, which
// stops the pull on the engine.
import type { ClientOf } from '../../../main/api/procedure';
import type { BerthRouter } from '../../../main/api/router';
import type { PullProgress } from '../../../main/images/pull-progress';
import type { PullEvent } from '../../../main/images/pull';
import { createValueStore, type ValueStore } from './store';

export type PullPhase = 'pulling' | 'done' | 'failed' | 'cancelled';

export interface PullItem {
  key: number;
  /** As typed; `reference` is the normalised familiar form once the engine answers. */
  typed: string;
  reference: string;
  phase: PullPhase;
  progress: PullProgress | null;
  error: string | null;
  startedAt: number;
  endedAt: number | null;
}

export interface Pulls {
  items: ValueStore<readonly PullItem[]>;
  start(reference: string): number;
  cancel(key: number): void;
  dismiss(key: number): void;
}

/** A pull that took longer than this says so with a notification when it ends. */
export const NOTIFY_AFTER_MS = 10_000;

export function createPulls(api: ClientOf<BerthRouter>, host: string, notify: (title: string, body: string) => void = () => {}): Pulls {
  const items = createValueStore<readonly PullItem[]>([]);
  const stops = new Map<number, () => void>();
  let next = 1;
  const update = (key: number, fn: (item: PullItem) => PullItem) => items.update((list) => list.map((item) => (item.key === key ? fn(item) : item)));
  const finish = (key: number, phase: PullPhase, error: string | null) => {
    stops.delete(key);
    const item = items.get().find((i) => i.key === key);
    if (!item || item.phase !== 'pulling') return;
    const endedAt = Date.now();
    update(key, (i) => ({ ...i, phase, error, endedAt }));
    if (phase !== 'cancelled' && endedAt - item.startedAt > NOTIFY_AFTER_MS) {
      notify(phase === 'done' ? `Pulled ${item.reference}` : `Pull of ${item.reference} failed`, error ?? 'Ready to run.');
    }
  };
  return {
    items,
    start(reference) {
      const key = next++;
      items.update((list) => [{ key, typed: reference, reference, phase: 'pulling', progress: null, error: null, startedAt: Date.now(), endedAt: null }, ...list]);
      const stop = api.images.pull.subscribe(
        { host, reference },
        {
          onData: (event: PullEvent) => update(key, (i) => ({ ...i, reference: event.reference, progress: event.progress })),
          onError: (error) => finish(key, 'failed', error.message),
          onEnd: () => finish(key, 'done', null),
        },
      );
      stops.set(key, stop);
      return key;
    },
    cancel(key) {
      stops.get(key)?.();
      finish(key, 'cancelled', null);
    },
    dismiss(key) {
      stops.get(key)?.();
      stops.delete(key);
      items.update((list) => list.filter((i) => i.key !== key));
    },
  };
}
