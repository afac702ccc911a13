// Cancelling a pull stops it on the engine, not only in Berth. The engine
// pulls through a link that passes the first 300 kB of each connection and
// then trickles (10 kB/s: the 3 MB layer would take minutes), so the download
// is still under way when the user cancels. The engine must then drop its
// connection to the registry and leave no image behind.
//
// Why a trickle and not a link that stops dead: dockerd 20.10 cancels the pull
// when Berth closes the request ("Not continuing with pull after error: context
// canceled" in its log), but its blob reader only notices on the next bytes
// from the registry; a registry connection that never sends again stays open
// in dockerd whatever the client does.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { PullEvent } from '../../../main/images/pull';
import { docker, dockerWith } from '../../env';
import { apiFor, collect } from '../../support/api-client';
import { tcpProxy, type TcpProxy } from '../../support/tcp-proxy';

const env = inject('testEnv');
const TAG = `${process.pid}-${Date.now().toString(36)}`;
const REPO = `berth-it/slow-${TAG}`;
let proxy: TcpProxy;
let berth: ReturnType<typeof apiFor>;

beforeAll(async () => {
  // A layer of 3 MB that does not compress, on top of the base layer the engine already has.
  const dockerfile = `FROM ${env.images.base}\nRUN head -c 3000000 /dev/urandom > /blob\nLABEL berth.test.run="${TAG}"\n`;
  await dockerWith(env, { input: dockerfile, env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000 }, 'build', '-q', '-t', `${env.registry}/${REPO}:1`, '-');
  await dockerWith(env, { timeoutMs: 120_000 }, 'push', `${env.registry}/${REPO}:1`);
  await docker(env, 'rmi', `${env.registry}/${REPO}:1`);
  // The engine trusts plain HTTP on loopback, so it pulls through the proxy as from any registry.
  proxy = await tcpProxy(Number(env.registry.split(':')[1]), { trickle: { after: 300_000, bytesPerSecond: 10_000 } });
  berth = apiFor(env.dockerHost);
}, 180_000);

afterAll(async () => {
  await berth?.close();
  await proxy?.close();
  await docker(env, 'rmi', '-f', `127.0.0.1:${proxy?.port}/${REPO}:1`).catch(() => '');
});

it('cancelling a pull mid-download closes the engine\'s connection to the registry and leaves no image', async () => {
  const reference = `127.0.0.1:${proxy.port}/${REPO}:1`;
  const sub = collect<PullEvent>((h) => berth.api.images.pull.subscribe({ reference }, h));
  // The engine is mid-download: the layer's bytes come slowly and its connection stays open.
  await expect.poll(() => proxy.trickling, { timeout: 20_000 }).toBeGreaterThan(0);
  await sub.seen((e) => e.progress.layers.some((l) => l.state === 'downloading'));

  sub.stop();

  // The proxy never closes a connection on its own: only the engine giving up the download does.
  await expect.poll(() => proxy.trickling, { timeout: 20_000 }).toBe(0);
  expect(sub.events.at(-1)?.phase).toBe('pulling');
  await expect(docker(env, 'image', 'inspect', reference)).rejects.toThrow(/No such image/i);
}, 60_000);
