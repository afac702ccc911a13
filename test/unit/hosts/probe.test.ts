// Probing against small local sockets that behave like engines (or not).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { describeError, summarizeDiscovery } from '../../../main/hosts/describe';
import type { Candidate } from '../../../main/hosts/endpoint';
import { probeCandidate } from '../../../main/hosts/probe';

const dir = mkdtempSync(join(tmpdir(), 'berth-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const at = (name: string, source = 'Docker Engine'): Candidate => ({ endpoint: { kind: 'unix', path: join(dir, name) }, source });

function listen<S extends net.Server>(server: S, path: string): Promise<S> {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => server.listen(path, () => resolve(server)));
}

const httpServer = (status: number, body: string) =>
  http.createServer((req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(req.url === '/_ping' ? body : 'wrong path');
  });

describe('probing a place', () => {
  it('finds an engine that answers /_ping with OK', async () => {
    const c = at('ok.sock');
    await listen(httpServer(200, 'OK'), join(dir, 'ok.sock'));
    expect(await probeCandidate(c, 1000)).toEqual({ endpoint: `unix://${dir}/ok.sock`, source: 'Docker Engine', outcome: 'ok', detail: expect.stringContaining('answers') });
  });

  it('says "no socket at PATH" where nothing is', async () => {
    const r = await probeCandidate(at('none.sock'), 1000);
    expect(r.outcome).toBe('missing');
    expect(r.detail).toBe(`no socket at ${dir}/none.sock`);
  });

  it('calls a socket file nobody listens on refused, with how to start that engine', async () => {
    writeFileSync(join(dir, 'stale.sock'), '');
    const r = await probeCandidate(at('stale.sock', 'Colima'), 1000);
    expect(r.outcome).toBe('refused');
    expect(r.detail).toContain('no engine is listening');
    expect(r.detail).toContain('colima start');
  });

  it('reports an engine that answers with an error, with its message', async () => {
    await listen(httpServer(500, '{"message":"daemon is shutting down"}'), join(dir, 'err.sock'));
    const r = await probeCandidate(at('err.sock'), 1000);
    expect(r.outcome).toBe('error');
    expect(r.detail).toContain('HTTP 500: daemon is shutting down');
  });

  it('tells an HTTP server that is not an engine, and a socket that does not speak HTTP, apart from engines', async () => {
    await listen(httpServer(200, '<html>hello</html>'), join(dir, 'web.sock'));
    expect((await probeCandidate(at('web.sock'), 1000)).outcome).toBe('invalid');
    await listen(net.createServer((s) => s.resume().end('SSH-2.0-OpenSSH_9.2\r\n')), join(dir, 'ssh.sock'));
    const r = await probeCandidate(at('ssh.sock'), 1000);
    expect(r.outcome).toBe('invalid');
    expect(r.detail).toContain('does not speak HTTP');
  });

  it('gives up on a silent socket after the timeout and leaves no connection open', async () => {
    // The server reads (resume) so it notices when the probe hangs up.
    const silent = await listen(net.createServer((s) => s.resume()), join(dir, 'silent.sock'));
    const started = Date.now();
    const r = await probeCandidate(at('silent.sock'), 200);
    expect(r.outcome).toBe('timeout');
    expect(r.detail).toContain('did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const open = await new Promise<number>((resolve) => silent.getConnections((_, n) => resolve(n)));
    expect(open).toBe(0);
  });

  it('stops at once when the caller aborts', async () => {
    await listen(net.createServer(() => undefined), join(dir, 'slow.sock'));
    const controller = new AbortController();
    const started = Date.now();
    const pending = probeCandidate(at('slow.sock'), 5000, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await pending;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('what a failure means for the user', () => {
  it('explains permission denied on a docker socket with the docker group', () => {
    expect(describeError(at('docker.sock'), { code: 'EACCES' }, 1000)).toEqual({
      outcome: 'permission',
      detail: `permission denied on ${dir}/docker.sock: add your user to the docker group (sudo usermod -aG docker $USER) and log in again`,
    });
  });

  it('points at rootless Podman for the rootful Podman socket, and at docker-users for a pipe', () => {
    expect(describeError({ endpoint: { kind: 'unix', path: '/run/podman/podman.sock' }, source: 'Podman' }, { code: 'EACCES' }, 1000).detail).toContain('rootless Podman');
    expect(describeError({ endpoint: { kind: 'npipe', path: '\\\\.\\pipe\\docker_engine' }, source: 'Docker Desktop' }, { code: 'EPERM' }, 1000).detail).toContain('docker-users');
    expect(describeError({ endpoint: { kind: 'npipe', path: '\\\\.\\pipe\\docker_engine' }, source: 'Docker Desktop' }, { code: 'ENOENT' }, 1000).detail).toBe('no named pipe at \\\\.\\pipe\\docker_engine');
  });

  it('describes tcp failures by address', () => {
    const tcp: Candidate = { endpoint: { kind: 'tcp', host: '10.0.0.2', port: 2376, tls: null }, source: 'DOCKER_HOST' };
    expect(describeError(tcp, { code: 'ECONNREFUSED' }, 1000).detail).toContain('nothing accepts connections at 10.0.0.2:2376');
    expect(describeError(tcp, { code: 'ENOTFOUND' }, 1000).detail).toContain('does not resolve');
    expect(describeError(tcp, { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 1000).detail).toContain('TLS handshake');
  });

  it('sums up a discovery by the place that says most', () => {
    const missing = (n: number) => ({ endpoint: `unix:///s${n}`, source: 'x', outcome: 'missing' as const, detail: `no socket at /s${n}` });
    expect(summarizeDiscovery([missing(1), missing(2), missing(3)])).toContain('No container engine is running');
    expect(summarizeDiscovery([missing(1), { endpoint: 'unix:///var/run/docker.sock', source: 'Docker Engine', outcome: 'permission', detail: 'permission denied on /var/run/docker.sock: add your user' }, missing(3)])).toBe(
      'Permission denied on /var/run/docker.sock: add your user (Docker Engine; 3 places tried)',
    );
    expect(summarizeDiscovery([{ endpoint: 'tcp://x:1', source: 'DOCKER_HOST', outcome: 'refused', detail: 'nothing accepts connections at x:1' }])).toBe('Nothing accepts connections at x:1');
  });
});
