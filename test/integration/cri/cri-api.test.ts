// Berth's CRI view against a real containerd with its CRI plugin (the test
// environment's, private): a pod sandbox and its containers, made through the
// CRI itself, seen in Berth's lists and stats, on this machine and through the
// SSH connection of a host; and what a user reads when there is no runtime.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveApi } from '../../../main/api/dispatch';
import { contextFromSessions } from '../../../main/api/create-context';
import { router, type BerthRouter } from '../../../main/api/router';
import type { CriSnapshot } from '../../../main/cri/types';
import { createEngineSession } from '../../../main/live/session';
import type { EngineSession } from '../../../main/live/types';
import { memoryStore } from '../../../main/secrets/secret-store';
import { HostRegistry } from '../../../main/ssh/registry';
import { createClient } from '../../../renderer/src/rpc/client';
import { pipePair } from '../../support/pipe-pair';
import { sshHome } from '../../support/ssh-home';
import { runPod, type TestPod } from './pods';

const env = inject('testEnv');
const sessions = new Map<string, EngineSession>();
let hosts: HostRegistry;
let api: ReturnType<typeof createClient<BerthRouter>>['api'];
let closePipe: () => void;
let pod: TestPod;
let appId: string;

beforeAll(async () => {
  const home = await sshHome({ knownHosts: `[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n` });
  sessions.set('local', createEngineSession());
  hosts = new HostRegistry({ dataDir: await mkdtemp(join(tmpdir(), 'berth-data-')), sessions, env: home.env, secrets: memoryStore() });
  const pair = pipePair();
  serveApi(router, contextFromSessions(sessions, { hosts, homeDir: home.dir }), pair.server);
  api = createClient<BerthRouter>(pair.client).api;
  closePipe = pair.close;

  pod = await runPod(env.cri, env.dir, `web-${process.pid}`, { app: 'web' });
  // 3 MB into the writable layer, some CPU, then idle.
  appId = await pod.run('app', 'head -c 3000000 /dev/zero > /written.bin; i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; sleep 600', { tier: 'front' });
});

afterAll(async () => {
  await pod?.remove();
  closePipe?.();
  await hosts?.close();
  for (const session of sessions.values()) await session.close();
});

/** Reads snapshots until `ok` holds (containerd refreshes stats every second here). */
async function snapshotUntil(input: { host: string; socket: string | null }, ok: (s: CriSnapshot) => boolean): Promise<CriSnapshot> {
  for (;;) {
    const snapshot = await api.cri.snapshot.query(input);
    if (ok(snapshot)) return snapshot;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('a CRI runtime on this computer', () => {
  it('lists the pod sandbox with its state, namespace, labels, IP and containers', async () => {
    const snapshot = await api.cri.snapshot.query({ host: 'local', socket: env.cri.socket });
    expect(snapshot.runtime).toMatchObject({ name: 'containerd', apiVersion: 'v1', endpoint: `unix://${env.cri.socket}` });
    const sandbox = snapshot.sandboxes.find((s) => s.id === pod.id)!;
    expect(sandbox).toMatchObject({ name: pod.name, namespace: 'berth-tests', uid: `uid-${pod.name}`, state: 'ready' });
    expect(sandbox.labels).toMatchObject({ app: 'web', 'berth.test': pod.name });
    expect(sandbox.ips).toHaveLength(1);
    expect(sandbox.ips[0]).toMatch(/^10\.\d+\.1\.\d+$/);
    expect(Date.now() - sandbox.createdAt).toBeLessThan(10 * 60_000);
    expect(sandbox.containers.map((c) => ({ id: c.id, name: c.name, state: c.state, image: c.image, labels: c.labels }))).toEqual([
      { id: appId, name: 'app', state: 'running', image: env.cri.image, labels: { tier: 'front' } },
    ]);
    expect(sandbox.containers[0]!.startedAt).toBeGreaterThanOrEqual(sandbox.createdAt);
  });

  it("shows a container's CPU, memory and the bytes it wrote to its writable layer", async () => {
    const snapshot = await snapshotUntil({ host: 'local', socket: env.cri.socket }, (s) => {
      const stats = s.sandboxes.find((p) => p.id === pod.id)?.containers[0]?.stats;
      return (stats?.writableLayerBytes ?? 0) >= 3_000_000 && (stats?.cpuSeconds ?? 0) > 0;
    });
    const stats = snapshot.sandboxes.find((p) => p.id === pod.id)!.containers[0]!.stats!;
    expect(stats.writableLayerBytes).toBeLessThan(4_000_000);
    expect(stats.memoryWorkingSetBytes).toBeGreaterThan(0);
  });

  it('lists the images with their tags and sizes, and how many containers use each', async () => {
    const snapshot = await api.cri.snapshot.query({ host: 'local', socket: env.cri.socket });
    const image = snapshot.images.find((i) => i.tags.includes(env.cri.image))!;
    expect(image.sizeBytes).toBeGreaterThan(1_000_000);
    expect(image.containers).toBeGreaterThanOrEqual(1);
    expect(snapshot.imageFilesystems[0]!.mountpoint).toContain(dirname(env.cri.socket));
  });

  it("shows an exited container's exit code", async () => {
    const failed = await pod.run('fails', 'exit 3');
    const snapshot = await snapshotUntil({ host: 'local', socket: env.cri.socket }, (s) => s.sandboxes.some((p) => p.containers.some((c) => c.id === failed && c.state === 'exited')));
    const container = snapshot.sandboxes.flatMap((p) => p.containers).find((c) => c.id === failed)!;
    expect(container).toMatchObject({ name: 'fails', exitCode: 3, reason: 'Error' });
    // containerd stamps a process that exits at once as finished a moment before it recorded the start: compare with creation.
    expect(container.finishedAt).toBeGreaterThanOrEqual(container.createdAt);
  });

  it('finds the runtime through CONTAINER_RUNTIME_ENDPOINT when no socket is given', async () => {
    expect(process.env.CONTAINER_RUNTIME_ENDPOINT).toBe(`unix://${env.cri.socket}`);
    const snapshot = await api.cri.snapshot.query({ host: 'local', socket: null });
    expect(snapshot.sandboxes.map((s) => s.id)).toContain(pod.id);
  });
});

describe('a CRI runtime through the SSH connection of a host', () => {
  it('lists the same pod, container and stats, with the ssh:// endpoint', async () => {
    const host = await hosts.add({ name: 'CRI box', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.dockerSocket });
    const snapshot = await snapshotUntil({ host: host.id, socket: env.cri.socket }, (s) => s.sandboxes.some((p) => p.id === pod.id));
    expect(snapshot.runtime.endpoint).toBe(`ssh://root@127.0.0.1:${env.ssh.port}${env.cri.socket}`);
    const sandbox = snapshot.sandboxes.find((p) => p.id === pod.id)!;
    expect(sandbox.containers.find((c) => c.id === appId)?.stats?.writableLayerBytes).toBeGreaterThanOrEqual(3_000_000);
    expect(snapshot.images.map((i) => i.tags).flat()).toContain(env.cri.image);

    const missing = join(dirname(env.cri.socket), 'nothing-here.sock');
    await expect(api.cri.snapshot.query({ host: host.id, socket: missing })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(`No CRI runtime on root@127.0.0.1:${env.ssh.port}: no socket at ${missing}`),
    });
  });
});

describe('when there is no CRI runtime', () => {
  it('says no runtime is at a missing socket, and that containerd needs its CRI plugin', async () => {
    const missing = join(env.dir, 'no-cri-here.sock');
    const error = await api.cri.snapshot.query({ host: 'local', socket: missing }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    const message = (error as Error).message;
    expect(message).toContain(`No CRI runtime on this computer: no socket at ${missing}`);
    expect(message).toContain('CRI plugin enabled');
    expect(message).toContain('CRI-O');
  });

  it('tells a containerd without its CRI plugin (the test dockerd’s own) from a missing runtime', async () => {
    const plain = join(dirname(env.dockerSocket), 'containerd.sock');
    await expect(api.cri.snapshot.query({ host: 'local', socket: plain })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(`${plain} answers gRPC but not the Kubernetes CRI API (runtime.v1): if it is containerd, its CRI plugin is disabled`),
    });
  });

  it("says Docker's API socket is not a CRI runtime", async () => {
    await expect(api.cri.snapshot.query({ host: 'local', socket: env.dockerSocket })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(`${env.dockerSocket} does not speak gRPC`),
    });
  });

  it('refuses a socket that is not an absolute unix path', async () => {
    await expect(api.cri.snapshot.query({ host: 'local', socket: 'tcp://10.0.0.1:10010' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('give a unix socket path'),
    });
  });
});
