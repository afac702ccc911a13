// The engine session against the private engines: found through DOCKER_HOST
// the way the app finds them, lists what is there, and follows what a user
// does with the CLI in a terminal.
import { mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import type { ConnectionStatus, ContainerRow, ImageRow, ListEvent } from '../../../main/engines/types';
import { localDiscovery, systemPlaces } from '../../../main/hosts/discover';
import { resolveLocalCandidates } from '../../../main/hosts/resolve';
import { createEngineSession } from '../../../main/live/session';
import type { EngineSession } from '../../../main/live/types';
import { docker, podman, PODMAN_IMAGES } from '../../env';
import { reader } from '../../unit/live/reader';

const env = inject('testEnv');
const LABEL = `berth.test.session=${process.pid}`;

/** A session that finds its engine through DOCKER_HOST, like the app started from a shell with it set. */
function sessionFor(dockerHost: string, probeTimeoutMs?: number): EngineSession {
  const places = systemPlaces({ DOCKER_HOST: dockerHost });
  const session = createEngineSession({ discover: localDiscovery({ resolve: () => resolveLocalCandidates(places), probeTimeoutMs }) });
  open.push(session);
  return session;
}

const open: EngineSession[] = [];
const watchers: AbortController[] = [];
afterEach(async () => {
  for (const w of watchers.splice(0)) w.abort();
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function watch<E>(subscribe: (signal: AbortSignal) => AsyncIterable<E>) {
  const controller = new AbortController();
  watchers.push(controller);
  return reader(subscribe(controller.signal));
}

const rowsOf = (e: ListEvent<ContainerRow>) => (e.type === 'snapshot' ? e.rows : e.upsert);
const shows = (id: string, state?: ContainerRow['state']) => (e: ListEvent<ContainerRow>) => rowsOf(e).some((r) => r.id === id && (!state || r.state === state));
const drops = (id: string) => (e: ListEvent<ContainerRow>) => e.type === 'patch' && e.remove.includes(id);

/**
 * Runs a CLI step, then waits for the watcher to show its effect. The wait is
 * bounded by the reader's deadline (2 s), a liveness bound; how fast it really
 * is lives in the benchmarks (npm run bench).
 */
async function afterStep<E>(step: () => Promise<string>, seen: (out: string) => Promise<E>): Promise<E> {
  return seen(await step());
}

describe('engine session on the private Docker engine', () => {
  afterAll(async () => {
    const ids = await docker(env, 'ps', '-aq', '--filter', `label=${LABEL}`);
    if (ids) await docker(env, 'rm', '-f', ...ids.split('\n'));
  });

  it('connects through DOCKER_HOST and describes the engine', async () => {
    const session = sessionFor(env.dockerHost);
    const info = await session.info();
    expect(info).toMatchObject({ kind: 'docker', apiVersion: '1.41', endpoint: env.dockerHost, source: 'DOCKER_HOST', osType: 'linux' });
    expect(info.version).toMatch(/^20\.10\./);
    expect(session.status()).toMatchObject({ state: 'online', endpoint: env.dockerHost, error: null });
    expect(session.status().tried).toEqual([{ endpoint: env.dockerHost, source: 'DOCKER_HOST', outcome: 'ok', detail: expect.any(String) }]);
  });

  it('lists the fixture images with sizes and container counts, and the containers that exist', async () => {
    const id = await docker(env, 'run', '-d', '--network', 'none', '--label', LABEL, '--name', `berth-list-${process.pid}`, env.images.base, 'sleep', '600');
    const session = sessionFor(env.dockerHost);
    // Shared sizes come from /system/df after the list, as a patch.
    const w = watch((s) => session.watchImages(s));
    await w.next((e) => (e.type === 'snapshot' ? e.rows : e.upsert).some((i) => i.repoTags.includes(env.images.layered) && i.sharedSize !== null), 10_000);
    const images = await session.images();
    // The panel's count is the list's, not the engine's count with build intermediates.
    expect((await session.info()).images).toBe(images.length);
    const base = images.find((i) => i.repoTags.includes(env.images.base));
    const layered = images.find((i) => i.repoTags.includes(env.images.layered));
    expect(base).toBeDefined();
    expect(layered).toBeDefined();
    expect(base!.containers).toBeGreaterThanOrEqual(1);
    expect(base!.size).toBeGreaterThan(500_000);
    // API 1.41 has no shared-size on the list: it comes from /system/df. Layered shares base's layer.
    expect(layered!.sharedSize).toBeGreaterThanOrEqual(base!.size * 0.9);
    const row = (await session.containers()).find((c) => c.id === id);
    expect(row).toMatchObject({ name: `berth-list-${process.pid}`, image: env.images.base, imageId: base!.id, state: 'running', command: 'sleep 600' });
    expect(row!.labels).toMatchObject({ 'berth.test.session': String(process.pid) });
  });

  it('shows a container created, stopped, started and removed with the CLI in a watcher, promptly', async () => {
    const session = sessionFor(env.dockerHost);
    const w = watch((s) => session.watchContainers(s));
    expect((await w.next()).type).toBe('snapshot');
    const name = `berth-live-${process.pid}`;

    const id = await afterStep(() => docker(env, 'create', '--network', 'none', '--label', LABEL, '--name', name, env.images.base, 'sleep', '600'), async (out) => {
      await w.next(shows(out, 'created'));
      return out;
    });
    await afterStep(() => docker(env, 'start', id), () => w.next(shows(id, 'running')));
    await afterStep(() => docker(env, 'stop', '-t', '0', id), () => w.next(shows(id, 'exited')));
    await afterStep(() => docker(env, 'start', id), () => w.next(shows(id, 'running')));
    await afterStep(() => docker(env, 'rm', '-f', id), () => w.next(drops(id)));
    expect((await session.containers()).some((c) => c.id === id)).toBe(false);
  });

  it('moves the image count when a container of that image comes and goes', async () => {
    // An image of this test's own (other tests use the fixtures at the same time): a commit with a unique label.
    const scratch = await docker(env, 'create', '--network', 'none', '--label', LABEL, env.images.base);
    const imageId = await docker(env, 'commit', '--change', `LABEL berth.test.count=${process.pid}`, scratch, `berth-test/count:${process.pid}`);
    await docker(env, 'rm', scratch);
    try {
      const session = sessionFor(env.dockerHost);
      const images = watch((s) => session.watchImages(s));
      const first = await images.next();
      expect(first.type === 'snapshot' && first.rows.find((i) => i.id === imageId)?.containers).toBe(0);
      // Shared sizes may patch the row too; what counts is a patch with the new count.
      const counted = (n: number) => (e: ListEvent<ImageRow>) => e.type === 'patch' && e.upsert.some((i) => i.id === imageId && i.containers === n);
      const id = await docker(env, 'create', '--network', 'none', '--label', LABEL, imageId);
      await images.next(counted(1));
      await docker(env, 'rm', id);
      await images.next(counted(0));
    } finally {
      await docker(env, 'rmi', imageId);
    }
  });

  it('leaves no socket or timer running after a watcher stops and after close', async () => {
    const settle = () => new Promise((r) => setTimeout(r, 150));
    // Handles that keep the process alive, and open sockets even if unref'd (idle pooled connections).
    const handles = () => process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap' || r === 'TCPSocketWrap' || r === 'Timeout').length;
    const sockets = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:');
      } catch {
        return false;
      }
    }).length;
    await settle();
    const before = { handles: handles(), sockets: sockets() };
    const session = createEngineSession({ discover: localDiscovery({ resolve: () => resolveLocalCandidates(systemPlaces({ DOCKER_HOST: env.dockerHost })) }) });
    const controller = new AbortController();
    const w = reader(session.watchContainers(controller.signal));
    await w.next();
    // Some traffic, so pooled connections and fetch timers exist.
    const id = await docker(env, 'create', '--network', 'none', '--label', LABEL, env.images.base);
    await w.next(shows(id));
    await docker(env, 'rm', id);
    controller.abort();
    await w.done;
    expect(w.ended).toBe(true);
    await session.close();
    await settle();
    expect({ handles: handles(), sockets: sockets() }).toEqual(before);
  });

  it('shows a new tag and its removal in the image watcher', async () => {
    const session = sessionFor(env.dockerHost);
    const images = watch((s) => session.watchImages(s));
    await images.next();
    const tag = `berth-test/tagged:${process.pid}`;
    await docker(env, 'tag', env.images.base, tag);
    try {
      await images.next((e) => e.type === 'patch' && e.upsert.some((i) => i.repoTags.includes(tag)));
    } finally {
      await docker(env, 'rmi', tag);
    }
    await images.next((e) => e.type === 'patch' && e.upsert.some((i) => i.repoTags.includes(env.images.base) && !i.repoTags.includes(tag)));
  });
});

describe('engine session on the private Podman service', () => {
  it('works through the same session: kind, fixture images, live containers', async () => {
    const host = `unix://${env.podmanSocket}`;
    const session = sessionFor(host);
    expect(await session.info()).toMatchObject({ kind: 'podman', product: 'Podman Engine', endpoint: host });
    const wi = watch((s) => session.watchImages(s));
    await wi.next((e) => (e.type === 'snapshot' ? e.rows : e.upsert).some((i) => i.repoTags.includes(PODMAN_IMAGES.base) && i.sharedSize !== null), 10_000);
    const images = await session.images();
    const base = images.find((i) => i.repoTags.includes(PODMAN_IMAGES.base));
    expect(base).toBeDefined();
    expect(base!.sharedSize).not.toBeNull();

    const w = watch((s) => session.watchContainers(s));
    await w.next();
    const name = `berth-podman-${process.pid}`;
    const id = await afterStep(() => podman(env, 'run', '-d', '--name', name, PODMAN_IMAGES.base, 'sleep', '600'), async (out) => {
      await w.next(shows(out, 'running'));
      return out;
    });
    expect((await session.containers()).find((c) => c.id === id)).toMatchObject({ name, state: 'running', imageId: base!.id });
    await afterStep(() => podman(env, 'rm', '-f', '-t', '0', id), () => w.next(drops(id)));
  });
});

describe('engine session with nothing to connect to', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-nowhere-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('goes offline with a clear tried list, keeps trying, and connects once the engine appears there', async () => {
    const path = join(dir, 'docker.sock');
    const session = sessionFor(`unix://${path}`);
    const status = watch((s) => session.watchStatus(s));
    const offline = await status.next((s: ConnectionStatus) => s.state === 'offline');
    expect(offline.tried).toEqual([{ endpoint: `unix://${path}`, source: 'DOCKER_HOST', outcome: 'missing', detail: `no socket at ${path}` }]);
    expect(offline.error).toBe(`No socket at ${path}`);
    expect(offline.nextRetryAt).toBeGreaterThan(offline.since);
    await expect(session.containers()).rejects.toThrow(`No socket at ${path}`);

    // It keeps trying by itself: the next retry is announced with a later time.
    const again = await status.next((s) => s.state === 'offline' && s.nextRetryAt! > offline.nextRetryAt!);
    expect(again.since).toBe(offline.since);

    // The engine appears where DOCKER_HOST points: the session connects without being asked.
    symlinkSync(env.dockerSocket, path);
    const online = await status.next((s) => s.state === 'online', 5000);
    expect(online.endpoint).toBe(`unix://${path}`);
    expect((await session.images()).some((i) => i.repoTags.includes(env.images.base))).toBe(true);
  });

  it('says why a DOCKER_HOST is unusable, without looking elsewhere', async () => {
    const session = sessionFor('ssh://root@127.0.0.1');
    const status = watch((s) => session.watchStatus(s));
    const offline = await status.next((s) => s.state === 'offline');
    expect(offline.tried).toEqual([expect.objectContaining({ source: 'DOCKER_HOST', outcome: 'invalid' })]);
    expect(offline.error).toContain('remote hosts over SSH are added as hosts');
  });
});
