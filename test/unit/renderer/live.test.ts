// The renderer's live data over the real dispatcher and router, with a fake
// engine session: what the main process pushes lands in the stores, and a
// dropped pipe is healed by re-subscribing.
import { describe, expect, it } from 'vitest';
import { contextFromSessions } from '../../../main/api/create-context';
import { serveApi } from '../../../main/api/dispatch';
import { router } from '../../../main/api/router';
import type { ConnectionStatus, ContainerRow, ImageRow, ListEvent } from '../../../main/engines/types';
import type { EngineSession } from '../../../main/live/types';
import { createLink } from '../../../renderer/src/rpc/link';
import { startLive } from '../../../renderer/src/state/live';
import { syncScheduler } from '../../../renderer/src/state/store';
import { pipePair, type PipePair } from '../../support/pipe-pair';
import { container, image } from './fixtures';

/** A push channel an async iterable reads from until its signal aborts. */
function channel<E>() {
  const readers = new Set<(e: E) => void>();
  return {
    push: (e: E) => readers.forEach((r) => r(e)),
    get readers() {
      return readers.size;
    },
    iterate: (first: E | null, signal: AbortSignal, fail?: () => Error | null): AsyncIterable<E> => ({
      [Symbol.asyncIterator]: async function* () {
        const failure = fail?.();
        if (failure) throw failure;
        const queue: E[] = first === null ? [] : [first];
        let wake: (() => void) | null = null;
        const reader = (e: E) => {
          queue.push(e);
          wake?.();
        };
        readers.add(reader);
        signal.addEventListener('abort', () => wake?.());
        try {
          while (!signal.aborted) {
            if (queue.length) yield queue.shift()!;
            else await new Promise<void>((r) => (wake = r));
          }
        } finally {
          readers.delete(reader);
        }
      },
    }),
  };
}

function fakeSession() {
  let status: ConnectionStatus = { state: 'offline', endpoint: null, since: 0, error: 'no engine', tried: [], nextRetryAt: 5 };
  let containers: ContainerRow[] = [container({ id: 'c1', name: 'web' })];
  let failContainers: Error | null = null;
  const statusCh = channel<ConnectionStatus>();
  const containerCh = channel<ListEvent<ContainerRow>>();
  const imageCh = channel<ListEvent<ImageRow>>();
  const session: EngineSession = {
    status: () => status,
    watchStatus: (signal) => statusCh.iterate(status, signal),
    info: async () => {
      throw new Error('not used');
    },
    containers: async () => containers,
    watchContainers: (signal) => containerCh.iterate({ type: 'snapshot', rows: containers }, signal, () => failContainers),
    images: async () => [],
    watchImages: (signal) => imageCh.iterate({ type: 'snapshot', rows: [image({ id: 'sha256:i1', repoTags: ['alpine:3'] })] }, signal),
    driver: () => {
      throw new Error('not used');
    },
    close: async () => {},
  };
  return {
    session,
    statusCh,
    containerCh,
    setStatus: (s: ConnectionStatus) => {
      status = s;
      statusCh.push(s);
    },
    setContainers: (rows: ContainerRow[]) => (containers = rows),
    failContainers: (e: Error | null) => (failContainers = e),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

function setup() {
  const engine = fakeSession();
  const context = contextFromSessions(new Map([['local', engine.session]]));
  const pairs: PipePair[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const setTimer = (fn: () => void, ms: number) => {
    const t = { fn, ms };
    timers.push(t);
    return t;
  };
  const clearTimer = (handle: unknown) => {
    const i = timers.indexOf(handle as { fn: () => void; ms: number });
    if (i >= 0) timers.splice(i, 1);
  };
  const link = createLink({
    open: (onOpen) => {
      const pair = pipePair();
      pairs.push(pair);
      serveApi(router, context, pair.server);
      onOpen();
      return pair.client;
    },
    setTimer,
    clearTimer,
  });
  const live = startLive(link.api, 'local', { schedule: syncScheduler, minIntervalMs: () => 0, setTimer, clearTimer });
  const runTimers = () => timers.splice(0).forEach((t) => t.fn());
  return { engine, link, live, pairs, timers, runTimers };
}

describe('live data', () => {
  it('fills the stores from the first snapshots and follows patches', async () => {
    const t = setup();
    await settle();
    expect(t.live.status.get()?.state).toBe('offline');
    expect(t.live.containers.get()).toMatchObject({ loaded: true });
    expect(t.live.containers.get().rows.map((r) => r.name)).toEqual(['web']);
    expect(t.live.images.get().rows.map((r) => r.repoTags[0])).toEqual(['alpine:3']);

    t.engine.containerCh.push({ type: 'patch', upsert: [container({ id: 'c2', name: 'db' })], remove: ['c1'] });
    t.engine.setStatus({ state: 'online', endpoint: 'unix:///x', since: 1, error: null, tried: [], nextRetryAt: null });
    await settle();
    expect(t.live.containers.get().rows.map((r) => r.name)).toEqual(['db']);
    expect(t.live.status.get()?.state).toBe('online');
  });

  it('re-subscribes everything after the pipe drops, and the fresh snapshot replaces stale rows', async () => {
    const t = setup();
    await settle();
    t.engine.setContainers([container({ id: 'c9', name: 'after-restart' })]);
    t.pairs[0]!.close();
    expect(t.link.state.get().phase).toBe('closed');
    // Stale data stays visible while reconnecting; no error is shown for a link drop.
    expect(t.live.containers.get().rows.map((r) => r.name)).toEqual(['web']);
    expect(t.live.containers.get().error).toBeNull();
    t.runTimers();
    await settle();
    expect(t.link.state.get().phase).toBe('open');
    expect(t.live.containers.get().rows.map((r) => r.name)).toEqual(['after-restart']);
    // The old pipe's subscription ended with its pipe: one reader, not two.
    expect(t.engine.statusCh.readers).toBe(1);
  });

  it('shows a failed list stream, retries it, and retries at once when the engine comes online', async () => {
    const t = setup();
    t.engine.failContainers(new Error('boom'));
    await settle();
    expect(t.live.containers.get().error).toMatch(/internal error/);
    expect(t.timers.map((x) => x.ms)).toEqual([1000]);

    t.engine.failContainers(null);
    t.engine.setStatus({ state: 'online', endpoint: 'unix:///x', since: 1, error: null, tried: [], nextRetryAt: null });
    await settle();
    expect(t.timers).toEqual([]);
    expect(t.live.containers.get()).toMatchObject({ error: null, loaded: true });
  });

  it('unsubscribes everything on dispose', async () => {
    const t = setup();
    await settle();
    expect(t.engine.statusCh.readers).toBe(1);
    t.live.dispose();
    await settle();
    expect(t.engine.statusCh.readers).toBe(0);
  });
});
