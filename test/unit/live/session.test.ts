// The session against an engine in memory: what a watcher sees when the
// engine changes, stops, comes back, and when the session closes.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../main/api/procedure';
import type { ConnectionStatus, ContainerRow, ImageRow, ListEvent } from '../../../main/engines/types';
import { createEngineSession } from '../../../main/live/session';
import type { EngineSession } from '../../../main/live/types';
import { container, countingClock, FakeEngine, image } from './fake-engine';
import { reader } from './reader';

const sessions: EngineSession[] = [];
const watches: AbortController[] = [];
afterEach(async () => {
  for (const w of watches.splice(0)) w.abort();
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

function start(engine: FakeEngine, clock = countingClock(), containerCoalesceMs = 5) {
  const session = createEngineSession({
    discover: engine.discover,
    connect: engine.connect,
    clock,
    retryDelaysMs: [10, 20, 40],
    timing: { containerCoalesceMs, imageDebounceMs: 10, refetchRetryMs: 20 },
  });
  sessions.push(session);
  return { session, clock };
}

function watch<E>(subscribe: (signal: AbortSignal) => AsyncIterable<E>) {
  const controller = new AbortController();
  watches.push(controller);
  return Object.assign(reader(subscribe(controller.signal)), { abort: () => controller.abort() });
}

const isSnapshot = <R>(e: ListEvent<R>): e is Extract<ListEvent<R>, { type: 'snapshot' }> => e.type === 'snapshot';
const upserts = (id: string) => (e: ListEvent<ContainerRow>) => e.type === 'patch' && e.upsert.some((r) => r.id === id);
const removes = (id: string) => (e: ListEvent<ContainerRow>) => e.type === 'patch' && e.remove.includes(id);
const state = (s: ConnectionStatus['state']) => (e: ConnectionStatus) => e.state === s;

describe('engine session', () => {
  it('gives a watcher a snapshot, then a patch for each container created, changed or removed outside the app', async () => {
    const engine = new FakeEngine([container('c1')], [image('sha256:base', 'base:1')]);
    const { session } = start(engine);
    const w = watch((s) => session.watchContainers(s));
    const first = await w.next();
    expect(first).toEqual({ type: 'snapshot', rows: [container('c1')] });

    engine.create(container('c2'));
    expect(await w.next(upserts('c2'))).toEqual({ type: 'patch', upsert: [container('c2')], remove: [] });

    engine.containers.set('c2', container('c2', 'sha256:base', 'exited'));
    engine.emit({ type: 'container', action: 'die', id: 'c2' });
    const stopped = await w.next(upserts('c2'));
    expect(stopped.type === 'patch' && stopped.upsert[0]?.state).toBe('exited');

    engine.destroy('c2');
    expect(await w.next(removes('c2'))).toEqual({ type: 'patch', upsert: [], remove: ['c2'] });
    expect((await session.containers()).map((c) => c.id)).toEqual(['c1']);
  });

  it("moves an image's container count when containers are created and removed, without re-listing images", async () => {
    const engine = new FakeEngine([container('c1')], [image('sha256:base', 'base:1')]);
    const { session } = start(engine);
    const w = watch((s) => session.watchImages(s));
    const snap = await w.next();
    expect(isSnapshot(snap) && snap.rows[0]?.containers).toBe(1);
    const listed = engine.calls.listImages;
    engine.create(container('c2'));
    const moved = await w.next((e: ListEvent<ImageRow>) => e.type === 'patch');
    expect(moved).toEqual({ type: 'patch', upsert: [expect.objectContaining({ id: 'sha256:base', containers: 2 })], remove: [] });
    expect(engine.calls.listImages).toBe(listed);
  });

  it('re-lists images on image events, coalescing a burst into one request', async () => {
    const engine = new FakeEngine([], [image('sha256:base', 'base:1')]);
    const { session } = start(engine);
    const w = watch((s) => session.watchImages(s));
    await w.next();
    const before = engine.calls.listImages;
    engine.images.set('sha256:new', image('sha256:new', 'new:1'));
    for (const action of ['pull', 'tag', 'tag']) engine.emit({ type: 'image', action, id: 'sha256:new' });
    expect(await w.next((e) => e.type === 'patch')).toEqual({ type: 'patch', upsert: [{ ...image('sha256:new', 'new:1'), containers: 0 }], remove: [] });
    expect(engine.calls.listImages - before).toBe(1);
    engine.images.delete('sha256:new');
    engine.emit({ type: 'image', action: 'delete', id: 'sha256:new' });
    expect(await w.next((e) => e.type === 'patch')).toEqual({ type: 'patch', upsert: [], remove: ['sha256:new'] });
  });

  it('fetches a container once for a burst of its events, and not at all for exec sessions', async () => {
    const engine = new FakeEngine([container('c1')]);
    const { session } = start(engine);
    const w = watch((s) => session.watchContainers(s));
    await w.next();
    for (const action of ['exec_create', 'exec_start', 'exec_die', 'attach', 'resize']) engine.emit({ type: 'container', action, id: 'c1' });
    for (let k = 0; k < 20; k++) engine.emit({ type: 'container', action: k % 2 ? 'start' : 'die', id: 'c1' });
    engine.create(container('c9'));
    await w.next(upserts('c9'));
    expect(engine.calls.listIds.length).toBeLessThanOrEqual(2);
    expect(engine.calls.listIds.flat().filter((id) => id === 'c1').length).toBeLessThanOrEqual(2);
  });

  it('does not lose a container created while the first snapshot is being read', async () => {
    const engine = new FakeEngine([container('c1')]);
    engine.duringSnapshot = () => engine.create(container('c2'));
    const { session } = start(engine);
    const w = watch((s) => session.watchContainers(s));
    await w.next((e) => (isSnapshot(e) ? e.rows : e.upsert).some((r) => r.id === 'c2'));
    expect((await session.containers()).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
  });

  it('tries a failed fetch again', async () => {
    const engine = new FakeEngine();
    const { session } = start(engine);
    const w = watch((s) => session.watchContainers(s));
    await w.next();
    engine.failFetches = 2;
    engine.create(container('c5'));
    await w.next(upserts('c5'));
    expect(engine.calls.listIds.length).toBe(3);
  });

  it('answers queries made before it is connected once it is', async () => {
    const engine = new FakeEngine([container('c1')]);
    const { session } = start(engine);
    expect(session.status().state).toBe('connecting');
    expect((await session.containers()).map((c) => c.id)).toEqual(['c1']);
    expect(session.status()).toMatchObject({ state: 'online', endpoint: 'unix:///fake/docker.sock', error: null, nextRetryAt: null });
    expect(session.status().tried).toEqual([expect.objectContaining({ outcome: 'ok' })]);
  });

  it('goes offline with what it tried when no engine answers, keeps trying, and connects when one appears', async () => {
    const engine = new FakeEngine([container('c1')]);
    engine.up = false;
    const { session } = start(engine);
    const status = watch((s) => session.watchStatus(s));
    const offline = await status.next(state('offline'));
    expect(offline.error).toContain('no engine is listening');
    expect(offline.tried).toEqual([expect.objectContaining({ endpoint: 'unix:///fake/docker.sock', outcome: 'refused' })]);
    expect(offline.nextRetryAt).toBeGreaterThanOrEqual(offline.since);
    await expect(session.containers()).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 'UNAVAILABLE' && e.message.includes('no engine is listening'));
    await expect(session.info()).rejects.toBeInstanceOf(ApiError);
    expect(() => session.driver()).toThrow('no engine is listening');

    const tries = engine.calls.discover;
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.calls.discover).toBeGreaterThan(tries + 1);

    const lists = watch((s) => session.watchContainers(s));
    engine.up = true;
    await status.next(state('online'));
    expect(await lists.next()).toEqual({ type: 'snapshot', rows: [container('c1')] });
    expect(session.driver().endpoint).toBe('unix:///fake/docker.sock');
  });

  it('when the engine restarts, goes offline with the reason and sends every watcher a fresh snapshot by itself', async () => {
    const engine = new FakeEngine([container('c1')]);
    const { session } = start(engine);
    const status = watch((s) => session.watchStatus(s));
    const lists = watch((s) => session.watchContainers(s));
    const images = watch((s) => session.watchImages(s));
    await lists.next(isSnapshot);
    await images.next();
    await status.next(state('online'));

    engine.stop();
    const offline = await status.next(state('offline'));
    expect(offline.error).toContain('closed its event stream');
    expect(offline.endpoint).toBe('unix:///fake/docker.sock');
    // The last known list stays readable while offline.
    expect((await session.containers()).map((c) => c.id)).toEqual(['c1']);

    // While it is down, the world changes.
    engine.containers.delete('c1');
    engine.containers.set('c7', container('c7'));
    engine.up = true;
    await status.next(state('online'));
    expect(await lists.next(isSnapshot)).toEqual({ type: 'snapshot', rows: [container('c7')] });
    expect(await images.next(isSnapshot)).toMatchObject({ type: 'snapshot' });
    expect(engine.openStreams).toBe(1);
    expect(engine.closedDrivers).toBe(engine.drivers - 1);
  });

  it('reconnects after the connection breaks with an error too', async () => {
    const engine = new FakeEngine([container('c1')]);
    const { session } = start(engine);
    const status = watch((s) => session.watchStatus(s));
    await status.next(state('online'));
    engine.breakStreams();
    expect((await status.next(state('offline'))).error).toContain('ECONNRESET');
    await status.next(state('online'));
  });

  it('ends every watcher on close and leaves no timer, stream or connection behind', async () => {
    const engine = new FakeEngine([container('c1')]);
    // A long coalescing wait, so a fetch timer is pending when the session closes.
    const { session, clock } = start(engine, countingClock(), 10_000);
    const lists = watch((s) => session.watchContainers(s));
    const status = watch((s) => session.watchStatus(s));
    await lists.next();
    engine.create(container('c2'));
    await expect.poll(() => clock.pending()).toBe(1);
    await session.close();
    await Promise.all([lists.done, status.done]);
    expect(lists.ended && status.ended).toBe(true);
    expect(clock.pending()).toBe(0);
    expect(engine.openStreams).toBe(0);
    expect(engine.closedDrivers).toBe(engine.drivers);
    const tries = engine.calls.discover;
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.calls.discover).toBe(tries);
    await expect(session.containers()).rejects.toThrow('closed');
  });

  it('closes cleanly while it is offline and waiting to retry', async () => {
    const engine = new FakeEngine();
    engine.up = false;
    const { session, clock } = start(engine);
    const status = watch((s) => session.watchStatus(s));
    await status.next(state('offline'));
    await session.close();
    await status.done;
    expect(clock.pending()).toBe(0);
  });

  it('ends a watcher whose signal aborts, and only that one', async () => {
    const engine = new FakeEngine([container('c1')]);
    const { session } = start(engine);
    const a = watch((s) => session.watchContainers(s));
    const b = watch((s) => session.watchContainers(s));
    await a.next();
    await b.next();
    a.abort();
    await a.done;
    engine.create(container('c3'));
    await b.next(upserts('c3'));
    expect(a.seen).toHaveLength(1);
  });
});
