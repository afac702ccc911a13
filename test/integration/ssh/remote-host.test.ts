// A second machine with its own engine, in a network namespace of the test's
// own (test/support/remote-host.ts), reached over its own address: password
// login against a real password-enabled sshd, and two hosts in the app at once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contextFromSessions } from '../../../main/api/create-context';
import { serveApi } from '../../../main/api/dispatch';
import { router, type BerthRouter } from '../../../main/api/router';
import type { EngineSession } from '../../../main/live/types';
import { memoryStore } from '../../../main/secrets/secret-store';
import { HostRegistry, type HostView } from '../../../main/ssh/registry';
import { createClient } from '../../../renderer/src/rpc/client';
import { docker } from '../../env';
import { firstSeenOnEachStream } from '../../support/event-streams';
import { pipePair } from '../../support/pipe-pair';
import { PASSWORD_USER, RemoteHost } from '../../support/remote-host';
import { sshHome } from '../../support/ssh-home';

const env = inject('testEnv');
const remote = new RemoteHost(env);
const sessions = new Map<string, EngineSession>();
const secrets = memoryStore();
let hosts: HostRegistry;
let api: ReturnType<typeof createClient<BerthRouter>>['api'];
let closePipe: () => void;

beforeAll(async () => {
  await remote.start();
  await remote.engine.loadImage(env.images.base);
  const home = await sshHome({ knownHosts: `[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n${remote.knownHosts}` });
  hosts = new HostRegistry({ dataDir: home.dir, sessions, env: home.env, secrets });
  const pair = pipePair();
  serveApi(router, contextFromSessions(sessions, { hosts, secrets, homeDir: home.dir }), pair.server);
  api = createClient<BerthRouter>(pair.client).api;
  closePipe = pair.close;
}, 120_000);

afterAll(async () => {
  closePipe?.();
  await hosts?.close();
  await remote.stop();
}, 60_000);

function stateOf(id: string, ok: (h: HostView) => boolean): Promise<HostView> {
  return new Promise((resolve, reject) => {
    const stop = api.hosts.watch.subscribe(
      {},
      {
        onData: (list) => {
          const h = list.find((x) => x.id === id);
          if (h && ok(h)) {
            stop();
            resolve(h);
          }
        },
        onError: reject,
      },
    );
  });
}

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

  it('keeps more event streams open than sshd allows sessions by default (MaxSessions 10 counts no forwards)', { timeout: 120_000 }, async () => {
    const streaming = new AbortController();
    const firstSeen = await firstSeenOnEachStream(sessions.get('second-machine')!.driver(), 30, streaming.signal, () => docker(remote.engine.cli, 'create', '--network', 'none', env.images.base, 'true'));
    streaming.abort();
    expect(firstSeen).toEqual(Array(30).fill('create'));
  });
});
