// A second machine with its own engine, in a network namespace of the test's
// own (test/support/remote-host.ts), reached over its own address: password
// login against a real password-enabled sshd, and two hosts in the app at once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memoryStore } from '../../../main/secrets/secret-store';
import { docker } from '../../env';
import { freePort } from '../../env/ports';
import { apiWithHosts } from '../../support/api-client';
import { firstSeenOnEachStream } from '../../support/event-streams';
import { PASSWORD_USER, RemoteHost } from '../../support/remote-host';
import { sshHome } from '../../support/ssh-home';

const env = inject('testEnv');
const remote = new RemoteHost(env);
const secrets = memoryStore();
let berth: ReturnType<typeof apiWithHosts> | undefined;
let api: NonNullable<typeof berth>['api'];
let stateOf: NonNullable<typeof berth>['hostState'];

beforeAll(async () => {
  await remote.start();
  await remote.engine.loadImage(env.images.base);
  const home = await sshHome({ knownHosts: `[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n${remote.knownHosts}` });
  berth = apiWithHosts({ dataDir: home.dir, env: home.env, homeDir: home.dir, secrets });
  ({ api, hostState: stateOf } = berth);
}, 120_000);

afterAll(async () => {
  await berth?.close();
  await remote.stop();
}, 60_000);

describe('a second machine over SSH', () => {
  it('logs in with a password: a wrong one is asked again, the right one connects and is remembered when asked', async () => {
    await api.hosts.add.mutate({ name: 'Second machine', target: `${PASSWORD_USER.user}@${remote.address}`, auth: 'password', socket: remote.engine.socket });
    const asking = await stateOf('second-machine', (h) => h.state === 'needs-secret');
    expect(asking.secret).toMatchObject({ kind: 'password', prompt: `Password for ${PASSWORD_USER.user}@${remote.address}:`, storage: 'memory' });

    await api.hosts.provideSecret.mutate({ host: 'second-machine', secret: 'not the password', remember: true });
    const again = await stateOf('second-machine', (h) => h.state === 'needs-secret' && /refused the login/.test(h.reason ?? ''));
    expect(again.secret?.prompt).toMatch(/Enter the password again/);
    expect(await secrets.get('ssh/second-machine/password')).toBeNull();

    await api.hosts.provideSecret.mutate({ host: 'second-machine', secret: PASSWORD_USER.password, remember: true });
    const online = await stateOf('second-machine', (h) => h.state === 'online');
    expect(online.endpoint).toBe(`ssh://${PASSWORD_USER.user}@${remote.address}${remote.engine.socket}`);
    expect(await secrets.get('ssh/second-machine/password')).toBe(PASSWORD_USER.password);
    expect(JSON.stringify(await api.hosts.list.query({}))).not.toContain(PASSWORD_USER.password);
  });

  it('shows each host its own engine, side by side with a host on loopback', async () => {
    await api.hosts.add.mutate({ name: 'Loopback', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.dockerSocket });
    await stateOf('loopback', (h) => h.state === 'online');
    const name = `berth-second-machine-${process.pid}`;
    await docker(remote.engine.cli, 'create', '--name', name, '--network', 'none', env.images.base, 'true');

    // The list is live from the host's event stream: the new container shows up once its event came through.
    let there = await api.containers.list.query({ host: 'second-machine' });
    for (let i = 0; i < 100 && !there.some((c) => c.name === name); i++) {
      await new Promise((r) => setTimeout(r, 100));
      there = await api.containers.list.query({ host: 'second-machine' });
    }
    expect(there.map((c) => c.name)).toContain(name);
    const here = await api.containers.list.query({ host: 'loopback' });
    expect(here.map((c) => c.name)).not.toContain(name);
    const [a, b] = await Promise.all([api.engine.info.query({ host: 'second-machine' }), api.engine.info.query({ host: 'loopback' })]);
    expect(a.endpoint).toContain(remote.address);
    expect(b.endpoint).toContain('127.0.0.1');
  });

  it('shows every host at once: containers with their host, and a host that is down as down, not as empty', async () => {
    await api.hosts.add.mutate({ name: 'Switched off', target: `root@127.0.0.1:${await freePort()}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.dockerSocket });
    await stateOf('switched-off', (h) => h.state === 'offline');
    const name = `berth-everywhere-${process.pid}`;
    await docker(remote.engine.cli, 'create', '--name', name, '--network', 'none', env.images.base, 'true');
    let all = await api.hosts.everywhere.query({});
    for (let i = 0; i < 100 && !all.containers.some((c) => c.name === name); i++) {
      await new Promise((r) => setTimeout(r, 100));
      all = await api.hosts.everywhere.query({});
    }
    expect(all.containers.find((c) => c.name === name)).toMatchObject({ host: 'second-machine', hostName: 'Second machine', state: 'created' });
    const byId = Object.fromEntries(all.hosts.map((h) => [h.id, h]));
    expect(byId['second-machine']).toMatchObject({ state: 'online', containers: expect.any(Number) });
    expect(byId['switched-off']).toMatchObject({ state: 'offline', containers: null, running: null, reason: expect.stringMatching(/connection refused/) });
    expect(all.containers.some((c) => c.host === 'switched-off')).toBe(false);
  });

  it('keeps more event streams open than sshd allows sessions by default (MaxSessions 10 counts no forwards)', { timeout: 120_000 }, async () => {
    const streaming = new AbortController();
    const firstSeen = await firstSeenOnEachStream(berth!.sessions.get('second-machine')!.driver(), 30, streaming.signal, () => docker(remote.engine.cli, 'create', '--network', 'none', env.images.base, 'true'));
    streaming.abort();
    expect(firstSeen).toEqual(Array(30).fill('create'));
  });
});
