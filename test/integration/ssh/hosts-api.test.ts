// The hosts area as the renderer uses it: add a host over SSH, answer its
// questions, see its state, and use the other areas with { host }. Two hosts
// on one sshd, one forwarding to Docker and one to Podman, run at once.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memoryStore } from '../../../main/secrets/secret-store';
import { HostRegistry } from '../../../main/ssh/registry';
import { apiWithHosts } from '../../support/api-client';
import { sshHome } from '../../support/ssh-home';

const env = inject('testEnv');
const secrets = memoryStore();
let dataDir: string;
let berth: ReturnType<typeof apiWithHosts>;
let api: typeof berth.api;
let stateOf: typeof berth.hostState;

beforeAll(async () => {
  const home = await sshHome();
  dataDir = await mkdtemp(join(tmpdir(), 'berth-data-'));
  berth = apiWithHosts({ dataDir, env: home.env, homeDir: home.dir, secrets });
  ({ api, hostState: stateOf } = berth);
});

afterAll(() => berth.close());

describe('hosts over the API', () => {
  it('adds a host, asks about its key, and then serves its engine to the other areas', async () => {
    const added = await api.hosts.add.mutate({ name: 'Build box', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.dockerSocket });
    expect(added.id).toBe('build-box');
    const asking = await stateOf('build-box', (h) => h.state === 'needs-host-key');
    expect(asking.hostKey?.fingerprint).toMatch(/^SHA256:/);
    expect(asking.reason).toContain(asking.hostKey!.fingerprint);

    await api.hosts.acceptHostKey.mutate({ host: 'build-box', fingerprint: asking.hostKey!.fingerprint });
    const online = await stateOf('build-box', (h) => h.state === 'online');
    expect(online.endpoint).toBe(`ssh://root@127.0.0.1:${env.ssh.port}${env.dockerSocket}`);
    expect((await api.engine.info.query({ host: 'build-box' })).kind).toBe('docker');
    expect(Array.isArray(await api.containers.list.query({ host: 'build-box' }))).toBe(true);
  });

  it('runs a second host on the same machine, with Podman, at the same time', async () => {
    await api.hosts.add.mutate({ name: 'Podman box', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.podmanSocket });
    // The key accepted for the first host is in known_hosts now: no question this time.
    await stateOf('podman-box', (h) => h.state === 'online');
    const [docker, podman] = await Promise.all([api.engine.info.query({ host: 'build-box' }), api.engine.info.query({ host: 'podman-box' })]);
    expect([docker.kind, podman.kind]).toEqual(['docker', 'podman']);
    const images = await api.images.list.query({ host: 'podman-box' });
    expect(images.flatMap((i) => i.repoTags)).toContain('localhost/berth-test/layered:1');
  });

  it('saves hosts without secrets, and a removed host is gone from the API', async () => {
    await api.hosts.add.mutate({ name: 'With password', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'password', socket: env.dockerSocket });
    const asking = await stateOf('with-password', (h) => h.state === 'needs-secret');
    expect(asking.secret?.kind).toBe('password');
    await api.hosts.provideSecret.mutate({ host: 'with-password', secret: 'hunter2-not-saved' });
    const refused = await stateOf('with-password', (h) => h.state === 'needs-secret' && /refused the login/.test(h.reason ?? ''));
    expect(JSON.stringify(refused)).not.toContain('hunter2');

    const saved = await readFile(join(dataDir, 'hosts.json'), 'utf8');
    expect(saved).not.toContain('hunter2');
    expect(JSON.parse(saved).hosts.map((h: { id: string }) => h.id)).toEqual(['build-box', 'podman-box', 'with-password']);

    await secrets.set('ssh/with-password/password', 'remembered-before');
    await api.hosts.remove.mutate({ host: 'with-password' });
    expect(await secrets.get('ssh/with-password/password')).toBeNull();
    await expect(api.engine.info.query({ host: 'with-password' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(JSON.parse(await readFile(join(dataDir, 'hosts.json'), 'utf8')).hosts).toHaveLength(2);
  });

  it('explains a malformed address', async () => {
    await expect(api.hosts.add.mutate({ target: 'root@host:99999', auth: 'agent' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'The port 99999 is outside 1–65535.' });
  });

  it('loads the saved hosts in a new app run', async () => {
    const again = new HostRegistry({ dataDir, sessions: new Map(), env: (await sshHome()).env, secrets: memoryStore() });
    await again.load();
    expect(again.list().map((h) => h.id)).toEqual(['build-box', 'podman-box']);
    await again.close();
  });
});
