// The renderer's link to Berth: a typed API that outlives its pipe. When the
// pipe closes (the `berth serve` process restarted, the network dropped) the
// link opens a new one after a backoff and re-subscribes every live
// subscription, whose servers then send fresh snapshots. Callers hold one
// `api` for the life of the page and never see the pipes change.
import type { ClientOf, SubscriptionHandlers, Unsubscribe } from '../../../main/api/procedure';
import type { ClientMessage, MessagePipe, ServerMessage } from '../../../main/api/protocol';
import type { BerthRouter } from '../../../main/api/router';
import { backoffDelay } from '../lib/backoff';
import { createValueStore, type ReadableStore } from '../state/store';
import { createClient, proxyApi, RemoteError, type ApiClient } from './client';

export type LinkPhase = 'connecting' | 'open' | 'closed';

export interface LinkState {
  /** connecting: a pipe is being opened; open: messages flow; closed: waiting to retry. */
  phase: LinkPhase;
  /** Reconnect attempts since the link was last open. */
  attempt: number;
  /** Unix ms of the next attempt while closed. */
  retryAt: number | null;
  /** The link has been open at least once (so a close is a loss, not a first failure). */
  wasOpen: boolean;
  /** How many times the link has (re)opened; views refetch request data when it grows. */
  opens: number;
}

export interface PipeOpener {
  /** Opens a new pipe; calls `onOpen` once it carries messages (immediately for IPC). */
  (onOpen: () => void): MessagePipe<ClientMessage, ServerMessage>;
}

export interface LinkOptions {
  open: PipeOpener;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
  random?: () => number;
}

export interface Link {
  api: ClientOf<BerthRouter>;
  state: ReadableStore<LinkState>;
  /** Skips the wait before the next attempt. */
  retryNow(): void;
  /** Stops reconnecting and ends every subscription. */
  dispose(): void;
}

interface UntypedProcedure {
  query(input: unknown): Promise<unknown>;
  subscribe(input: unknown, handlers: SubscriptionHandlers<unknown>): Unsubscribe;
}

/** The client's procedure at "area.name", by path: the link forwards calls without knowing their types. */
function procedureOf(client: ApiClient<BerthRouter>, path: string): UntypedProcedure {
  const dot = path.indexOf('.');
  const areas = client.api as unknown as Record<string, Record<string, UntypedProcedure>>;
  return areas[path.slice(0, dot)]![path.slice(dot + 1)]!;
}

interface Sub {
  path: string;
  input: unknown;
  handlers: SubscriptionHandlers<unknown>;
  inner: Unsubscribe | null;
}

export function createLink(options: LinkOptions): Link {
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;

  const state = createValueStore<LinkState>({ phase: 'connecting', attempt: 0, retryAt: null, wasOpen: false, opens: 0 });
  const subs = new Set<Sub>();
  let client: ApiClient<BerthRouter> | null = null;
  // Bumped whenever the current client dies, so late callbacks from an old one are ignored.
  let generation = 0;
  let timer: unknown = null;
  let disposed = false;

  const attach = (sub: Sub) => {
    if (!client) return;
    const gen = generation;
    const live = () => gen === generation && subs.has(sub);
    sub.inner = procedureOf(client, sub.path).subscribe(sub.input, {
      onData: (data) => {
        if (live()) sub.handlers.onData(data);
      },
      onError: (error) => {
        if (!live()) return;
        subs.delete(sub);
        sub.handlers.onError?.(error);
      },
      onEnd: () => {
        if (!live()) return;
        subs.delete(sub);
        sub.handlers.onEnd?.();
      },
    });
  };

  const connect = () => {
    timer = null;
    if (disposed) return;
    state.update((s) => ({ ...s, phase: 'connecting', retryAt: null }));
    generation++;
    const gen = generation;
    const closeHandlers: Array<() => void> = [];
    let pipe: MessagePipe<ClientMessage, ServerMessage>;
    try {
      pipe = options.open(() => {
        if (gen !== generation || disposed) return;
        state.update((s) => ({ ...s, phase: 'open', attempt: 0, retryAt: null, wasOpen: true, opens: s.opens + 1 }));
      });
    } catch {
      scheduleReconnect();
      return;
    }
    // The client sees the close only after the link has moved on, so its
    // "connection closed" errors reach no subscriber: they get re-subscribed instead.
    const wrapped: MessagePipe<ClientMessage, ServerMessage> = {
      send: (message) => pipe.send(message),
      onMessage: (handler) => pipe.onMessage(handler),
      onClose: (handler) => void closeHandlers.push(handler),
    };
    pipe.onClose(() => {
      if (gen !== generation) return;
      generation++;
      client = null;
      for (const sub of subs) sub.inner = null;
      for (const handler of closeHandlers) handler();
      scheduleReconnect();
    });
    client = createClient<BerthRouter>(wrapped);
    for (const sub of subs) attach(sub);
  };

  const scheduleReconnect = () => {
    if (disposed) return;
    const attempt = state.get().attempt;
    const delay = backoffDelay(attempt, random());
    state.update((s) => ({ ...s, phase: 'closed', attempt: s.attempt + 1, retryAt: now() + delay }));
    timer = setTimer(connect, delay);
  };

  const unavailable = () => new RemoteError('UNAVAILABLE', 'Berth is reconnecting; try again in a moment.');

  const call = (path: string, input: unknown): Promise<unknown> => {
    if (!client) return Promise.reject(unavailable());
    return procedureOf(client, path).query(input);
  };

  const subscribe = (path: string, input: unknown, handlers: SubscriptionHandlers<unknown>): Unsubscribe => {
    if (disposed) {
      handlers.onError?.(unavailable());
      return () => {};
    }
    const sub: Sub = { path, input, handlers, inner: null };
    subs.add(sub);
    attach(sub);
    return () => {
      if (!subs.delete(sub)) return;
      sub.inner?.();
      sub.inner = null;
    };
  };

  const api = proxyApi<BerthRouter>(call, subscribe);

  connect();

  return {
    api,
    state,
    retryNow: () => {
      if (disposed || timer === null) return;
      clearTimer(timer);
      connect();
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      const error = new RemoteError('UNAVAILABLE', 'The connection to Berth closed.');
      const all = [...subs];
      subs.clear();
      for (const sub of all) {
        sub.inner?.();
        sub.handlers.onError?.(error);
      }
      generation++;
      client = null;
      state.update((s) => ({ ...s, phase: 'closed', retryAt: null }));
    },
  };
}
