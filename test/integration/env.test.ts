// The private test environment works the way the rest of the tests rely on:
// real engines, a real registry, a real SSH host, fixture images with layers.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { Client, utils } from 'ssh2';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { docker, podman } from '../env';

const exec = promisify(execFile);
const env = inject('testEnv');

function httpGet(options: { socketPath?: string; host?: string; port?: number; path: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ ...options, host: options.host ?? 'localhost', method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Retries a GET until the server behind a freshly published port answers. */
async function getWhenUp(port: number, path: string): Promise<{ status: number; body: string }> {
  let lastError: unknown;
  for (let i = 0; i < 50; i++) {
    try {
      return await httpGet({ host: '127.0.0.1', port, path });
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw lastError;
}

describe('private Docker engine', () => {
  const engine = () => new Docker({ socketPath: env.dockerSocket });
  const created: string[] = [];
  afterAll(async () => {
    await Promise.allSettled(created.map((id) => engine().getContainer(id).remove({ force: true })));
  });

  it('answers /_ping on its own socket, not the machine default one', async () => {
    expect(env.dockerHost).toBe(`unix://${env.dockerSocket}`);
    expect(env.dockerSocket).not.toBe('/var/run/docker.sock');
    expect(env.dockerSocket.startsWith(`${env.dir}/`)).toBe(true);
    expect(String(await engine().ping())).toBe('OK');
    expect(process.env.DOCKER_HOST).toBe(env.dockerHost);
  });

  it('lists the fixture images', async () => {
    const tags = (await engine().listImages()).flatMap((image) => image.RepoTags ?? []);
    expect(tags).toContain(env.images.base);
    expect(tags).toContain(env.images.layered);
  });

  it('has a layered image with several layers, a deletion (whiteout) and a re-created directory (opaque)', async () => {
    const info = await engine().getImage(env.images.layered).inspect();
    expect(info.RootFS.Layers?.length ?? 0).toBeGreaterThan(2);
    expect(info.Config.Env).toContain('GREETING=hello');
    expect(Object.keys(info.Config.ExposedPorts ?? {})).toContain('8080/tcp');
    expect(info.Config.Labels?.['org.opencontainers.image.title']).toBe('Berth layered fixture');

    const history = await engine().getImage(env.images.layered).history();
    expect(history.some((step: { CreatedBy: string }) => step.CreatedBy.includes('rm -rf /data/remove'))).toBe(true);

    const work = mkdtempSync(join(tmpdir(), 'berth-layers-'));
    try {
      await docker(env, 'save', '-o', join(work, 'image.tar'), env.images.layered);
      await exec('tar', ['-xf', join(work, 'image.tar'), '-C', work]);
      const manifest = JSON.parse((await exec('cat', [join(work, 'manifest.json')])).stdout) as { Layers: string[] }[];
      const layers = manifest[0]?.Layers ?? [];
      expect(layers.length).toBe(info.RootFS.Layers?.length);
      const entries = await Promise.all(layers.map(async (layer) => (await exec('tar', ['-tf', join(work, layer)])).stdout.split('\n')));
      expect(entries[0]).toContain('./bin/busybox');
      expect(entries.some((list) => list.includes('data/.wh.remove'))).toBe(true);
      expect(entries.some((list) => list.includes('opt/opaque/.wh..wh..opq'))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('runs a container from the layered image whose published port answers on loopback', async () => {
    const id = await docker(env, 'run', '-d', '-p', '127.0.0.1::8080', env.images.layered);
    created.push(id);
    const port = Number((await docker(env, 'port', id, '8080/tcp')).split('\n')[0]?.split(':').pop());
    expect(port).toBeGreaterThan(0);
    const res = await getWhenUp(port, '/hello.txt');
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello from a COPY layer\n');
  });
});

describe('private registry', () => {
  it('answers /v2/ and accepts a push of the base image from the private engine', async () => {
    const [host, port] = env.registry.split(':');
    expect(host).toBe('127.0.0.1');
    const v2 = await httpGet({ host, port: Number(port), path: '/v2/' });
    expect(v2.status).toBe(200);

    const ref = `${env.registry}/berth-test/base:smoke`;
    await docker(env, 'tag', env.images.base, ref);
    await docker(env, 'push', ref);
    const catalog = await httpGet({ host, port: Number(port), path: '/v2/_catalog' });
    // Other test files push to the same registry at the same time.
    expect((JSON.parse(catalog.body) as { repositories: string[] }).repositories).toContain('berth-test/base');
    const tags = await httpGet({ host, port: Number(port), path: '/v2/berth-test/base/tags/list' });
    expect(JSON.parse(tags.body)).toEqual({ name: 'berth-test/base', tags: ['smoke'] });
  });
});

describe('private Podman service', () => {
  it('answers /_ping and the libpod info with runc and private storage', async () => {
    const ping = await httpGet({ socketPath: env.podmanSocket, path: '/_ping' });
    expect(ping).toEqual({ status: 200, body: 'OK' });
    const info = await httpGet({ socketPath: env.podmanSocket, path: '/v4.0.0/libpod/info' });
    expect(info.status).toBe(200);
    const body = JSON.parse(info.body) as { host: { ociRuntime: { name: string } }; store: { graphRoot: string } };
    expect(body.host.ociRuntime.name).toBe('runc');
    expect(body.store.graphRoot.startsWith(`${env.dir}/`)).toBe(true);
  });

  it('has the fixture images and runs a container with a published port', async () => {
    const images = await podman(env, 'images', '--format', '{{.Repository}}:{{.Tag}}');
    expect(images.split('\n')).toEqual(expect.arrayContaining([`localhost/${env.images.base}`, `localhost/${env.images.layered}`]));
    const id = await podman(env, 'run', '-d', '-p', '127.0.0.1::8080', env.images.layered);
    try {
      const port = Number((await podman(env, 'port', id, '8080/tcp')).split(':').pop());
      const res = await getWhenUp(port, '/hello.txt');
      expect(res.body).toBe('hello from a COPY layer\n');
    } finally {
      await podman(env, 'rm', '-f', '-t', '0', id);
    }
  });
});

describe('private SSH host', () => {
  it('accepts the client key, presents the known host key, and forwards to the engine socket', async () => {
    const { readFile } = await import('node:fs/promises');
    const privateKey = await readFile(env.ssh.privateKeyPath);
    const knownHosts = await readFile(env.ssh.knownHostsPath, 'utf8');
    expect(knownHosts).toBe(`[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n`);
    const expectedKey = utils.parseKey(env.ssh.hostPublicKey);
    if (expectedKey instanceof Error) throw expectedKey;

    const client = new Client();
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('ready', () => resolve());
        client.once('error', reject);
        client.connect({
          host: env.ssh.host,
          port: env.ssh.port,
          username: env.ssh.user,
          privateKey,
          hostVerifier: (key: Buffer) => key.equals(expectedKey.getPublicSSH()),
          readyTimeout: 10_000,
        });
      });
      const reply = await new Promise<string>((resolve, reject) => {
        client.openssh_forwardOutStreamLocal(env.dockerSocket, (error, stream) => {
          if (error) return reject(error);
          let data = '';
          // sshd half-closes when the engine closes the connection: the reply is complete at 'end'.
          stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
          stream.on('end', () => {
            resolve(data);
            stream.close();
          });
          stream.on('error', reject);
          stream.write('GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n');
        });
      });
      expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(reply.endsWith('\r\n\r\nOK')).toBe(true);
    } finally {
      client.end();
    }
  });
});
