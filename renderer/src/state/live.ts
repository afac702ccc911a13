// The data the main process pushes: the engine's connection status and the
// live container and image lists of one host. Subscribed once for the app's
// lifetime (the sidebar shows counts, switching views is instant), and kept
// subscribed: a subscription the server ends or fails is opened again.
import type { ClientOf, SubscriptionHandlers, Unsubscribe } from '../../../main/api/procedure';
import type { BerthRouter } from '../../../main/api/router';
import type { ConnectionStatus, ContainerRow, ImageRow } from '../../../main/engines/types';
import { createListStore, createValueStore, frameScheduler, type ListStore, type Scheduler, type ValueStore } from './store';

export interface LiveData {
  host: string;
  /** Null until the first status arrives. */
  status: ValueStore<ConnectionStatus | null>;
  /** Why the status subscription fails, or null. */
  statusError: ValueStore<string | null>;
  containers: ListStore<ContainerRow>;
  images: ListStore<ImageRow>;
  dispose(): void;
}

export interface LiveOptions {
  schedule?: Scheduler;
  /** See ListStoreOptions; tests pass () => 0. */
  minIntervalMs?: (size: number) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Delays before re-subscribing after a failure: 1 s, 2 s, 4 s, then every 8 s. */
export const RESUBSCRIBE_DELAYS_MS = [1000, 2000, 4000, 8000] as const;

interface Kept {
  /** Re-subscribes now if waiting after a failure. */
  kick(): void;
  stop(): void;
}

export function keepSubscribed<E>(
  subscribe: (handlers: SubscriptionHandlers<E>) => Unsubscribe,
  onData: (event: E) => void,
  onFailure: (message: string) => void,
  setTimer: (fn: () => void, ms: number) => unknown,
  clearTimer: (handle: unknown) => void,
): Kept {
  let unsubscribe: Unsubscribe | null = null;
  let timer: unknown = null;
  let failures = 0;
  let stopped = false;

  const start = () => {
    timer = null;
    if (stopped) return;
    unsubscribe = subscribe({
      onData: (event) => {
        failures = 0;
        onData(event);
      },
      onError: (error) => retry(error.message),
      onEnd: () => retry('The live update stream ended.'),
    });
  };
  const retry = (message: string) => {
    unsubscribe = null;
    if (stopped) return;
    onFailure(message);
    const delay = RESUBSCRIBE_DELAYS_MS[Math.min(failures, RESUBSCRIBE_DELAYS_MS.length - 1)]!;
    failures++;
    timer = setTimer(start, delay);
  };
  start();
  return {
    kick: () => {
      if (timer === null || stopped) return;
      clearTimer(timer);
      start();
    },
    stop: () => {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      unsubscribe?.();
    },
  };
}

export function startLive(api: ClientOf<BerthRouter>, host: string, options: LiveOptions = {}): LiveData {
  const schedule = options.schedule ?? frameScheduler;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  const status = createValueStore<ConnectionStatus | null>(null);
  const statusError = createValueStore<string | null>(null);
  const containers = createListStore<ContainerRow>({ schedule, minIntervalMs: options.minIntervalMs });
  const images = createListStore<ImageRow>({ schedule, minIntervalMs: options.minIntervalMs });

  const lists = [
    keepSubscribed((h) => api.containers.watch.subscribe({ host }, h), containers.push, containers.setError, setTimer, clearTimer),
    keepSubscribed((h) => api.images.watch.subscribe({ host }, h), images.push, images.setError, setTimer, clearTimer),
  ];
  const statusSub = keepSubscribed<ConnectionStatus>(
    (h) => api.engine.watchStatus.subscribe({ host }, h),
    (next) => {
      const wasOnline = status.get()?.state === 'online';
      statusError.set(null);
      status.set(next);
      // The engine is back: lists waiting to retry need not wait.
      if (next.state === 'online' && !wasOnline) for (const list of lists) list.kick();
    },
    statusError.set,
    setTimer,
    clearTimer,
  );

  return {
    host,
    status,
    statusError,
    containers,
    images,
    dispose: () => {
      statusSub.stop();
      for (const list of lists) list.stop();
    },
  };
}
