// The engine really goes away and comes back: a second private dockerd, just
// for this test, is stopped and started again on the same socket. The
// session notices, says why it is offline, and when the engine is back every
// watcher gets a fresh snapshot without subscribing again.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConnectionStatus, ContainerRow, ImageRow, ListEvent } from '../../../main/engines/types';
import { localDiscovery, systemPlaces } from '../../../main/hosts/discover';
import { resolveLocalCandidates } from '../../../main/hosts/resolve';
import { createEngineSession } from '../../../main/live/session';
import type { EngineSession } from '../../../main/live/types';
import { docker } from '../../env';
import { SecondDockerd } from '../../support/second-dockerd';
import { reader } from '../../unit/live/reader';

const env = inject('testEnv');
const engine = new SecondDockerd(env, 'restart');
const host = engine.host;
let session: EngineSession | undefined;
const watching = new AbortController();

beforeAll(async () => {
  await engine.start();
  await engine.loadImage(env.images.base);
}, 120_000);

afterAll(async () => {
  watching.abort();
  await session?.close();
  await engine.dispose();
}, 60_000);

describe('engine restart', () => {
  it('goes offline when the daemon stops, and sends a fresh snapshot to the same watchers when it is back', { timeout: 120_000 }, async () => {
    const second = engine.cli;
    const before = await docker(second, 'run', '-d', '--network', 'none', '--stop-timeout', '1', env.images.base, 'sleep', '600');

    session = createEngineSession({ discover: localDiscovery({ resolve: () => resolveLocalCandidates(systemPlaces({ DOCKER_HOST: host })) }) });
    const status = reader(session.watchStatus(watching.signal));
    const containers = reader(session.watchContainers(watching.signal));
    const images = reader(session.watchImages(watching.signal));
    const first = await containers.next();
    expect(first).toEqual({ type: 'snapshot', rows: [expect.objectContaining({ id: before, state: 'running' })] });
    expect((await images.next()).type).toBe('snapshot');
    await status.next((s: ConnectionStatus) => s.state === 'online');

    // The daemon goes away.
    await engine.stop();
    const offline = await status.next((s) => s.state === 'offline', 20_000);
    expect(offline.endpoint).toBe(host);
    expect(offline.error).toMatch(/closed its event stream|Lost the connection/);
    // While it is down, what Berth tried says what is wrong there.
    const retrying = await status.next((s) => s.state === 'offline' && s.tried.some((t) => t.outcome !== 'ok'), 10_000);
    expect(retrying.tried[0]).toMatchObject({ endpoint: host, source: 'DOCKER_HOST' });
    expect(['missing', 'refused']).toContain(retrying.tried[0]!.outcome);
    expect(retrying.nextRetryAt! - Date.now()).toBeLessThanOrEqual(2000);

    // It comes back on the same socket.
    await engine.start();
    const backAt = Date.now();
    await status.next((s) => s.state === 'online', 20_000);
    expect(Date.now() - backAt, 'reconnects within the ~2 s retry interval').toBeLessThan(5000);
    // The fresh snapshot shows what the new daemon has: the old container, stopped with the daemon.
    const fresh = (await containers.next((e: ListEvent<ContainerRow>) => e.type === 'snapshot')) as Extract<ListEvent<ContainerRow>, { type: 'snapshot' }>;
    expect(fresh.rows).toEqual([expect.objectContaining({ id: before, state: 'exited' })]);
    const freshImages = (await images.next((e: ListEvent<ImageRow>) => e.type === 'snapshot')) as Extract<ListEvent<ImageRow>, { type: 'snapshot' }>;
    expect(freshImages.rows.some((i) => i.repoTags.includes(env.images.base))).toBe(true);

    // And it follows the new daemon's events on the same watcher.
    const after = await docker(second, 'run', '-d', '--network', 'none', env.images.base, 'sleep', '600');
    const seenAt = Date.now();
    await containers.next((e) => e.type === 'patch' && e.upsert.some((r) => r.id === after));
    expect(Date.now() - seenAt).toBeLessThan(1000);
  });
});
