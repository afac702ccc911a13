// A host running Docker and Podman at once: discovery finds both (the private
// sockets injected as this machine's socket list), each with its kind,
// version, runtimes and capabilities, and every view can address either. And
// the low-level picture: the private dockerd's containers followed into its
// containerd (namespace moby) and runc, by the same ids `docker ps` shows.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localEngineSource } from '../../../main/engines/directory';
import { docker, podman } from '../../env';
import { apiFor } from '../../support/api-client';

const env = inject('testEnv');
const label = `berth.test=engines-${process.pid}`;
let berth: ReturnType<typeof apiFor>;

beforeAll(() => {
  const unix = (path: string, source: string) => ({ endpoint: { kind: 'unix' as const, path }, source });
  const sockets = [unix(env.dockerSocket, 'Docker Engine'), unix(`${env.dir}/nothing-here.sock`, 'rootless Docker'), unix(env.podmanSocket, 'Podman')];
  berth = apiFor(env.dockerHost, { engines: localEngineSource(async () => sockets) });
});

afterAll(async () => {
  await berth.close();
  const ids = await docker(env, 'ps', '-aq', '--filter', `label=${label}`);
  if (ids) await docker(env, 'rm', '-f', ...ids.split('\n'));
  const pids = await podman(env, 'ps', '-aq', '--filter', `label=${label}`);
  if (pids) await podman(env, 'rm', '-f', ...pids.split('\n'));
});

describe('a host with Docker and Podman', () => {
  it('finds both engines, the default one first, each with its facts and what it cannot do', async () => {
    const engines = await berth.api.engine.engines.query({});
    expect(engines.map((e) => [e.info?.kind, e.isDefault, e.endpoint])).toEqual([
      ['docker', true, env.dockerHost],
      ['podman', false, `unix://${env.podmanSocket}`],
    ]);
    const [dockerEngine, podmanEngine] = engines;
    expect(dockerEngine!.address).toBe('local');
    expect(podmanEngine!.address).toMatch(/^local:[0-9a-f]{8}$/);
    expect(dockerEngine!.info).toMatchObject({ version: expect.stringMatching(/^20\.10/), apiVersion: '1.41', rootless: false, defaultRuntime: 'runc' });
    expect(dockerEngine!.info!.runtimes).toContain('runc');
    expect(podmanEngine!.info).toMatchObject({ version: expect.stringMatching(/^4\./), rootless: false });
    expect(dockerEngine!.info!.capabilities.pods).toEqual({ available: false, reason: expect.stringMatching(/Docker Engine has no pods/) });
    expect(podmanEngine!.info!.capabilities.pods.available).toBe(true);
    // The same list whichever of its engines the caller is on.
    expect((await berth.api.engine.engines.query({ host: podmanEngine!.address })).map((e) => e.address)).toEqual(engines.map((e) => e.address));
  });

  it('serves every view from the engine picked', { timeout: 60_000 }, async () => {
    const [, podmanEngine] = await berth.api.engine.engines.query({});
    const host = podmanEngine!.address;
    const inPodman = await podman(env, 'create', '--label', label, `localhost/${env.images.base}`, 'true');
    const inDocker = await docker(env, 'create', '--label', label, env.images.base, 'true');
    expect((await berth.api.engine.info.query({ host })).kind).toBe('podman');
    const podmanIds = (await berth.api.containers.list.query({ host })).map((c) => c.id);
    const dockerIds = (await berth.api.containers.list.query({})).map((c) => c.id);
    expect(podmanIds).toContain(inPodman);
    expect(podmanIds).not.toContain(inDocker);
    expect(dockerIds).toContain(inDocker);
    expect(dockerIds).not.toContain(inPodman);
    await expect(berth.api.pods.list.query({ host })).resolves.toBeInstanceOf(Array);
    await expect(berth.api.pods.list.query({})).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/Pick a Podman engine/) });
    await expect(berth.api.containers.list.query({ host: 'local:00000000' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/no longer answers/) });
    await expect(berth.api.containers.list.query({ host: 'elsewhere:1234abcd' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the runtimes under the engine', () => {
  it('follows Docker containers into containerd namespace moby and runc, with the ids docker ps shows', { timeout: 60_000 }, async () => {
    const running = await docker(env, 'run', '-d', '--label', label, env.images.base, 'sleep', '600');
    const stopped = await docker(env, 'create', '--label', label, env.images.base, 'true');
    const picture = await berth.api.runtimes.picture.query({});
    expect(picture.notes).toEqual([]);
    expect(picture.dockerd).toMatchObject({ execRoot: `${env.dir}/docker/dx`, runcRoot: `${env.dir}/docker/dx/runtime-runc/moby`, containerdManaged: false });
    expect(picture.containerd!.namespaces.find((n) => n.name === 'moby')!.containers).toContain(running);
    expect(picture.rows.find((r) => r.id === running)).toMatchObject({ containerdNamespace: 'moby', runc: { status: 'running', pid: expect.any(Number) } });
    expect(picture.rows.find((r) => r.id === stopped)).toMatchObject({ containerdNamespace: null, runc: null });
    // Every container runc holds under dockerd's root is one of docker ps's, by the same full id.
    const runcIds = picture.runc!.containers.map((c) => c.id);
    expect(runcIds).toContain(running);
    const dockerAll = (await docker(env, 'ps', '-aq', '--no-trunc')).split('\n');
    expect(runcIds.filter((id) => !dockerAll.includes(id))).toEqual([]);
    expect(picture.others).toEqual([]);
    expect(await berth.api.runtimes.container.query({ id: running })).toEqual({ ociRuntime: 'runc', podman: null });
  });

  it('follows Podman containers into runc', { timeout: 60_000 }, async () => {
    const [, podmanEngine] = await berth.api.engine.engines.query({});
    const id = await podman(env, 'run', '-d', '--label', label, `localhost/${env.images.base}`, 'sleep', '600');
    const picture = await berth.api.runtimes.picture.query({ host: podmanEngine!.address });
    expect(picture.kind).toBe('podman');
    expect(picture.dockerd).toBeNull();
    expect(picture.rows.find((r) => r.id === id)).toMatchObject({ runc: { status: 'running' } });
  });
});
