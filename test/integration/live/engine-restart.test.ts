// The engine really goes away and comes back: a second private dockerd, just
// for this test, is stopped and started again on the same socket. The
// session notices, says why it is offline, and when the engine is back every
// watcher gets a fresh snapshot without subscribing again.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConnectionStatus, ContainerRow, ImageRow, ListEvent } from '../../../main/engines/types';
import { localDiscovery, systemPlaces } from '../../../main/hosts/discover';
import { probeCandidate } from '../../../main/hosts/probe';
import { resolveLocalCandidates } from '../../../main/hosts/resolve';
import { createEngineSession } from '../../../main/live/session';
import type { EngineSession } from '../../../main/live/types';
import { docker } from '../../env';
import { reader } from '../../unit/live/reader';

const env = inject('testEnv');
// Inside the environment's state directory, so its sweep also finds what a crashed run left.
const dir = join(env.dir, `restart-${process.pid}`);
const socket = join(dir, 'docker.sock');
const host = `unix://${socket}`;

/**
 * A second dockerd of our own: no bridge and no iptables (ENVIRONMENT.md: two
 * daemons cannot share docker0), its own data and exec roots, a managed
 * containerd. Containers here run with --network none.
 */
class SecondDockerd {
  private child: ChildProcess | null = null;

  async start(): Promise<void> {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'daemon.json'), '{}\n');
    const log = openSync(join(dir, 'dockerd.log'), 'a');
    // prettier-ignore
    const args = [
      '--host', host, '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'dx'), '--pidfile', join(dir, 'docker.pid'),
      '--config-file', join(dir, 'daemon.json'), '--bridge', 'none', '--iptables=false', '--ip-masq=false',
      '--cgroup-parent', `/berth-test-restart-${process.pid}`, '--log-level', 'warn',
    ];
    this.child = spawn('dockerd', args, { stdio: ['ignore', log, log], env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } });
    closeSync(log);
    const deadline = Date.now() + 60_000;
    while ((await probeCandidate({ endpoint: { kind: 'unix', path: socket }, source: 'test' }, 1000)).outcome !== 'ok') {
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`the second dockerd did not start; see ${join(dir, 'dockerd.log')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGTERM, as a service manager stops it; dockerd stops its containers and containerd. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

const engine = new SecondDockerd();
let session: EngineSession | undefined;
const watching = new AbortController();

beforeAll(async () => {
  await engine.start();
  // The fixture base image, copied from the environment's engine.
  const from = new Docker({ socketPath: env.dockerSocket });
  const to = new Docker({ socketPath: socket });
  const loading = await to.loadImage(await from.getImage(env.images.base).get());
  await new Promise((resolve, reject) => to.modem.followProgress(loading, (err) => (err ? reject(err) : resolve(undefined))));
}, 120_000);

afterAll(async () => {
  watching.abort();
  await session?.close();
  const ids = await docker({ dockerHost: host, dockerConfig: env.dockerConfig }, 'ps', '-aq').catch(() => '');
  if (ids) await docker({ dockerHost: host, dockerConfig: env.dockerConfig }, 'rm', '-f', ...ids.split('\n'));
  await engine.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('engine restart', () => {
  it('goes offline when the daemon stops, and sends a fresh snapshot to the same watchers when it is back', { timeout: 120_000 }, async () => {
    const second = { dockerHost: host, dockerConfig: env.dockerConfig };
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
