// The same Engine API calls over SSH (one ssh2 connection, a channel per
// connection of the agent) and over the local socket, against the same
// engine; and an image export streamed over SSH against `ssh host cat` of the
// same bytes, the floor for moving them through sshd.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, inject, it } from 'vitest';
import type { EngineDriver } from '../../main/engines/docker-driver';
import { createDockerDriver } from '../../main/engines/docker-driver';
import { createEngineSession } from '../../main/live/session';
import type { EngineSession } from '../../main/live/types';
import { HostLink } from '../../main/ssh/host-link';
import { run } from '../env/process';
import { sshHome } from '../support/ssh-home';
import { medianOf, printTable, type Row } from './figures';

const env = inject('testEnv');
let link: HostLink;
let session: EngineSession;
let remote: EngineDriver;
let local: EngineDriver;

beforeAll(async () => {
  const home = await sshHome({ knownHosts: `[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n` });
  link = new HostLink({ id: 'bench', name: 'bench', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.dockerSocket }, home.env);
  session = createEngineSession(link.engine());
  await session.info();
  remote = session.driver();
  local = createDockerDriver({ endpoint: { kind: 'unix', path: env.dockerSocket }, source: 'bench' });
});

afterAll(async () => {
  local?.close();
  await session?.close();
  link?.close();
});

const drain = (stream: NodeJS.ReadableStream) =>
  new Promise<number>((resolve, reject) => {
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('end', () => resolve(bytes));
    stream.on('error', reject);
  });

it('Engine API over SSH against the local socket', async () => {
  const rows: Row[] = [];
  const calls: [string, (d: EngineDriver) => Promise<unknown>][] = [
    ['GET /_ping', (d) => d.docker.ping()],
    ['GET /containers/json?all=1', (d) => d.listContainers(null)],
    ['GET /images/json', (d) => d.listImages()],
    ['GET /info', (d) => d.docker.info()],
  ];
  for (const [what, call] of calls) {
    await call(remote);
    await call(local);
    rows.push({ what: `${what} over SSH`, berthMs: await medianOf(10, () => call(remote)), reference: 'same call, local socket', referenceMs: await medianOf(10, () => call(local)) });
  }

  const file = join(env.dir, `bench-export-${process.pid}.tar`);
  const archive = await drain(await local.docker.getImage(env.images.layered).get());
  await run('docker', ['-H', env.dockerHost, 'save', '-o', file, env.images.layered], { env: { DOCKER_CONFIG: env.dockerConfig } });
  const sshCat = () => run('ssh', ['-i', env.ssh.privateKeyPath, '-o', `UserKnownHostsFile=${env.ssh.knownHostsPath}`, '-o', 'BatchMode=yes', '-p', String(env.ssh.port), 'root@127.0.0.1', 'cat', file]);
  rows.push({
    what: `image export over SSH (${(archive / 1024).toFixed(0)} KiB)`,
    berthMs: await medianOf(5, async () => drain(await remote.docker.getImage(env.images.layered).get())),
    reference: 'ssh host cat of the same bytes',
    referenceMs: await medianOf(5, sshCat),
  });
  // The floor without ssh's own start-up and handshake: the same bytes through an exec channel of the same connection.
  const catOnLink = async () => {
    const r = await link.exec(`cat ${file}`, { maxBytes: 1 << 30 });
    if (r.stdout.length !== archive) throw new Error(`cat gave ${r.stdout.length} bytes, not ${archive}`);
  };
  rows.push({
    what: `image export over SSH (${(archive / 1024).toFixed(0)} KiB)`,
    berthMs: await medianOf(5, async () => drain(await remote.docker.getImage(env.images.layered).get())),
    reference: 'cat of the same bytes, same connection',
    referenceMs: await medianOf(5, catOnLink),
  });
  await rm(file, { force: true });
  printTable('Remote engine over SSH (one connection) against the local socket', rows);
}, 300_000);
