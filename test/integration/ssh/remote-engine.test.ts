// Berth's SSH hosts against the test environment's real OpenSSH server, which
// forwards to the private Docker and Podman sockets. Each test has its own
// known_hosts and config (test/support/ssh-home.ts), never the machine's.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import type { ContainerRow, ListEvent } from '../../../main/engines/types';
import { createEngineSession } from '../../../main/live/session';
import type { EngineSession } from '../../../main/live/types';
import { memoryStore } from '../../../main/secrets/secret-store';
import { samplerOf } from '../../../main/stats/sampler';
import type { StatsFrame } from '../../../main/stats/types';
import { HostLink, type HostLinkOptions, type LinkStatus, type SshHostSpec } from '../../../main/ssh/host-link';
import { docker } from '../../env';
import { freePort } from '../../env/ports';
import { run } from '../../env/process';
import { firstSeenOnEachStream } from '../../support/event-streams';
import { sshHome } from '../../support/ssh-home';
import { tcpProxy } from '../../support/tcp-proxy';
import { reader } from '../../unit/live/reader';

const env = inject('testEnv');
const knownAt = (port: number) => `[127.0.0.1]:${port} ${env.ssh.hostPublicKey}\n`;
const spec = (over: Partial<SshHostSpec> = {}): SshHostSpec => ({
  id: 'remote',
  name: 'remote',
  target: `root@127.0.0.1:${env.ssh.port}`,
  auth: 'key',
  keyPath: env.ssh.privateKeyPath,
  socket: env.dockerSocket,
  ...over,
});

const open: { link: HostLink; session: EngineSession }[] = [];
const stops: (() => unknown)[] = [];
afterEach(async () => {
  for (const { link, session } of open.splice(0)) {
    await session.close();
    link.close();
  }
});
afterAll(async () => {
  for (const stop of stops) await stop();
});

function start(s: SshHostSpec, home: Awaited<ReturnType<typeof sshHome>>, options?: HostLinkOptions) {
  const link = new HostLink(s, home.env, options);
  const session = createEngineSession({ ...link.engine(), retryDelaysMs: [100, 200, 400] });
  open.push({ link, session });
  return { link, session, status: reader(link.watch(new AbortController().signal)) };
}

/** A host reached through a TCP proxy the test can count connections on and cut. */
async function startThroughProxy(options?: HostLinkOptions) {
  const proxy = await tcpProxy(env.ssh.port);
  stops.push(() => proxy.close());
  const home = await sshHome({ knownHosts: knownAt(proxy.port) });
  return { proxy, ...start(spec({ target: `root@127.0.0.1:${proxy.port}` }), home, options) };
}

const in_ = (state: LinkStatus['state']) => (s: LinkStatus) => s.state === state;

describe('connecting to a host over SSH', () => {
  it('lists the remote engine with key auth, and says where it is', async () => {
    const home = await sshHome({ knownHosts: knownAt(env.ssh.port) });
    const { link, session } = start(spec(), home);
    const info = await session.info();
    expect(info.kind).toBe('docker');
    expect(info.endpoint).toBe(`ssh://root@127.0.0.1:${env.ssh.port}${env.dockerSocket}`);
    expect(Array.isArray(await session.containers())).toBe(true);
    expect(link.status()).toMatchObject({ state: 'connected', engines: [`the engine socket you gave on root@127.0.0.1:${env.ssh.port} (${env.dockerSocket})`] });
  });

  it('finds the engines by probing sockets, and uses the first that answers', async () => {
    const home = await sshHome({ knownHosts: knownAt(env.ssh.port) });
    const probe = [
      { path: join(env.dir, 'no-such-engine.sock'), source: 'Docker Engine' },
      { path: env.podmanSocket, source: 'Podman' },
      { path: env.dockerSocket, source: 'Docker Engine' },
    ];
    const { link, session } = start(spec({ socket: null }), home, { probe });
    expect((await session.info()).kind).toBe('podman');
    expect(link.status().engines).toEqual([`Podman on root@127.0.0.1:${env.ssh.port} (${env.podmanSocket})`, `Docker Engine on root@127.0.0.1:${env.ssh.port} (${env.dockerSocket})`]);
    expect(session.status().tried[0]).toMatchObject({ outcome: 'missing', detail: expect.stringContaining('no socket at') });
  });

  it('reads the alias, user, port and key from ~/.ssh/config', async () => {
    const config = `Host devbox\n  HostName 127.0.0.1\n  User root\n  Port ${env.ssh.port}\n  IdentityFile ${env.ssh.privateKeyPath}\n`;
    const home = await sshHome({ knownHosts: knownAt(env.ssh.port), config });
    const { session } = start(spec({ target: 'devbox', keyPath: null }), home);
    expect((await session.info()).endpoint).toBe(`ssh://root@127.0.0.1:${env.ssh.port}${env.dockerSocket}`);
  });

  it('asks about an unknown host key with its SHA256 fingerprint, and remembers it once accepted', async () => {
    const home = await sshHome();
    const { link, session, status } = start(spec(), home);
    const asking = await status.next(in_('needs-host-key'), 10_000);
    const expected = (await run('ssh-keygen', ['-lf', `${env.ssh.privateKeyPath.replace(/client_ed25519$/, 'host_ed25519')}.pub`])).split(' ')[1];
    expect(asking.hostKey).toMatchObject({ type: 'ssh-ed25519', fingerprint: expected });
    expect(asking.reason).toContain(expected);
    expect(session.status().state).toBe('offline');

    await link.acceptHostKey(asking.hostKey!.fingerprint);
    await online(session);
    expect((await session.info()).kind).toBe('docker');
    expect(await readFile(home.env.knownHostsPath, 'utf8')).toBe(knownAt(env.ssh.port));
  });

  it('refuses a changed host key, with a warning and nothing to accept', async () => {
    const home = await sshHome();
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home.dir, 'other')]);
    const other = (await readFile(join(home.dir, 'other.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
    await writeFile(home.env.knownHostsPath, `[127.0.0.1]:${env.ssh.port} ${other}\n`);
    const { link, status } = start(spec(), home);
    const refused = await status.next(in_('host-key-changed'), 10_000);
    expect(refused.reason).toMatch(/has CHANGED/);
    expect(refused.reason).toContain(`ssh-keygen -R '[127.0.0.1]:${env.ssh.port}'`);
    await expect(link.acceptHostKey(refused.hostKey!.fingerprint)).rejects.toThrow(/no host key waiting/);
    expect(await readFile(home.env.knownHostsPath, 'utf8')).toBe(`[127.0.0.1]:${env.ssh.port} ${other}\n`);
  });

  it('says the login was refused for a key the server does not know', async () => {
    const home = await sshHome({ knownHosts: knownAt(env.ssh.port) });
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home.dir, 'stranger')]);
    const { status, session } = start(spec({ keyPath: join(home.dir, 'stranger') }), home);
    const failed = await status.next(in_('auth-failed'), 10_000);
    expect(failed.reason).toMatch(/refused the login: tried the key .*stranger/);
    await expect(session.info()).rejects.toThrow(/refused the login/);
  });

  it('says nothing listens at a closed port', async () => {
    const port = await freePort();
    const home = await sshHome();
    const { status } = start(spec({ target: `root@127.0.0.1:${port}` }), home);
    const down = await status.next(in_('unreachable'), 10_000);
    expect(down.reason).toBe(`Nothing accepts connections at root@127.0.0.1:${port} (connection refused). Is sshd running, and is the port right?`);
  });

  it('asks for the passphrase of a protected key, connects once it is given, and remembers it when asked', async () => {
    const home = await sshHome({ knownHosts: knownAt(env.ssh.port) });
    const key = join(home.dir, 'protected');
    await run('cp', [env.ssh.privateKeyPath, key]);
    await run('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'open sesame', '-f', key]);
    const secrets = memoryStore();
    const { link, status, session } = start(spec({ keyPath: key }), home, { secrets });
    const asking = await status.next(in_('needs-secret'), 10_000);
    expect(asking.secret).toEqual({ kind: 'passphrase', prompt: expect.stringContaining(`The key ${key} is protected by a passphrase`), storage: 'memory' });
    link.provideSecret('wrong', true);
    expect((await status.next(in_('needs-secret'), 10_000)).secret?.prompt).toMatch(/passphrase .* is wrong/);
    expect(await secrets.get('ssh/remote/passphrase')).toBeNull();
    link.provideSecret('open sesame', true);
    await online(session);
    expect((await session.info()).kind).toBe('docker');
    await waitFor(async () => (await secrets.get('ssh/remote/passphrase')) === 'open sesame');

    // The next link of this host (the next app run, same store) unlocks the key without asking.
    const again = start(spec({ keyPath: key }), home, { secrets });
    expect((await again.session.info()).kind).toBe('docker');
    expect(again.link.status().state).toBe('connected');
  });

  it('logs in with the ssh-agent', async () => {
    const home = await sshHome({ knownHosts: knownAt(env.ssh.port) });
    const agentSocket = join(home.dir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
    stops.push(() => agent.kill());
    await waitFor(async () => existsSync(agentSocket));
    await run('ssh-add', [env.ssh.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } });
    const { session, link } = start(spec({ auth: 'agent', keyPath: null }), { ...home, env: { ...home.env, agentSocket } });
    expect((await session.info()).kind).toBe('docker');
    expect(link.status().state).toBe('connected');
  });
});

describe('one SSH connection under load and failure', () => {
  // A loaded CI machine (the other test worker busy with engines) needs more than the default 30 s here.
  it('carries 100 concurrent streams over one connection', { timeout: 120_000 }, async () => {
    const { proxy, session } = await startThroughProxy();
    await session.info();
    const docker = session.driver().docker;
    // /_ping: /version would spawn runc and docker-init in dockerd for each call and measure the machine, not the link.
    const pings = await Promise.all(Array.from({ length: 100 }, () => docker.ping()));
    expect(pings.map(String)).toEqual(Array(100).fill('OK'));
    expect(proxy.accepted).toBe(1);
  });

  it('keeps 100 event streams open at once on one connection, and every one gets the next event', { timeout: 120_000 }, async () => {
    const { proxy, session } = await startThroughProxy();
    await session.info();
    const streaming = new AbortController();
    stops.push(() => streaming.abort());
    const firstSeen = await firstSeenOnEachStream(session.driver(), 100, streaming.signal, async () => {
      const id = await docker(env, 'create', '--label', 'berth.test=ssh', env.images.base, 'true');
      stops.push(() => docker(env, 'rm', '-f', id));
      return id;
    });
    expect(firstSeen).toEqual(Array(100).fill('create'));
    expect(proxy.accepted).toBe(1);
  });

  it('runs a command on the host over the same connection, with its status, output and errors', async () => {
    const { proxy, link, session } = await startThroughProxy();
    await session.info();
    expect(await link.exec('echo out; echo err >&2; exit 3')).toEqual({ code: 3, stdout: Buffer.from('out\n'), stderr: 'err\n', truncated: false });
    const long = await link.exec('head -c 100000 /dev/zero', { maxBytes: 1000 });
    expect([long.code, long.stdout.length, long.truncated]).toEqual([0, 1000, true]);
    expect(proxy.accepted).toBe(1);
  });

  it('samples stats over SSH, and after the link is cut the same watcher gets new samples by itself', { timeout: 90_000 }, async () => {
    const { proxy, session, status } = await startThroughProxy({ keepaliveIntervalMs: 1000 });
    await session.info();
    const id = await docker(env, 'run', '-d', '--label', 'berth.test=ssh', '--network', 'none', env.images.base, 'sleep', '600');
    stops.push(() => docker(env, 'rm', '-f', id));
    const watching = new AbortController();
    stops.push(() => watching.abort());
    const frames = reader(samplerOf(session).watch([id], watching.signal));
    const before = (await frames.next((f: StatsFrame) => !!f.samples[id], 30_000)).samples[id]!;

    const cutAt = Date.now();
    proxy.cut();
    await status.next(in_('unreachable'), 10_000);
    await status.next(in_('connected'), 20_000);
    const after = (await frames.next((f: StatsFrame) => (f.samples[id]?.t ?? 0) > cutAt, 30_000)).samples[id]!;
    expect(after.t).toBeGreaterThan(before.t);
    expect(proxy.accepted).toBe(2);
  });

  it('reconnects after the link is cut, and the same watcher gets the containers created after', { timeout: 60_000 }, async () => {
    const { proxy, session, status } = await startThroughProxy({ keepaliveIntervalMs: 1000 });
    const watching = new AbortController();
    stops.push(() => watching.abort());
    const containers = reader(session.watchContainers(watching.signal));
    await containers.next((e: ListEvent<ContainerRow>) => e.type === 'snapshot', 10_000);

    proxy.cut();
    const dropped = await status.next(in_('unreachable'), 10_000);
    expect(dropped.reason).toMatch(/SSH connection .* closed; reconnecting/);
    await status.next(in_('connected'), 10_000);
    expect(proxy.accepted).toBe(2);

    const name = `berth-ssh-reconnect-${process.pid}`;
    const id = await docker(env, 'create', '--name', name, '--label', 'berth.test=ssh', env.images.base, 'true');
    stops.push(() => docker(env, 'rm', '-f', id));
    const seen = await containers.next((e) => (e.type === 'patch' ? e.upsert : e.rows).some((r) => r.id === id), 20_000);
    expect(seen).toBeTruthy();
  });
});

/** The engine is reachable once the session is online (the SSH link comes up first, then the engine is probed). */
async function online(session: EngineSession): Promise<void> {
  const stop = new AbortController();
  for await (const s of session.watchStatus(stop.signal)) if (s.state === 'online') break;
  stop.abort();
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('never ready');
}
