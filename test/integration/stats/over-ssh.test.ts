// Sampling a remote engine over SSH: the stats streams are channels of the
// host's one SSH connection, read the same way as local sockets.
import { afterAll, expect, inject, it } from 'vitest';
import { createEngineSession } from '../../../main/live/session';
import { HostLink } from '../../../main/ssh/host-link';
import { StatsSampler } from '../../../main/stats/sampler';
import { docker } from '../../env';
import { sshHome } from '../../support/ssh-home';

const env = inject('testEnv');
const label = `berth.test=stats-ssh-${process.pid}`;
const cleanup: (() => unknown)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  const ids = await docker(env, 'ps', '-aq', '--filter', `label=${label}`);
  if (ids) await docker(env, 'rm', '-f', ...ids.split('\n'));
});

it('samples a container of a host reached over SSH, and closes its stream when it goes', { timeout: 90_000 }, async () => {
  const home = await sshHome({ knownHosts: `[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n` });
  const link = new HostLink({ id: 'remote', name: 'remote', target: `root@127.0.0.1:${env.ssh.port}`, auth: 'key', keyPath: env.ssh.privateKeyPath, socket: env.dockerSocket }, home.env);
  const session = createEngineSession({ ...link.engine(), retryDelaysMs: [100, 200, 400] });
  const sampler = new StatsSampler(session);
  cleanup.push(() => link.close(), () => session.close(), () => sampler.close());

  const id = await docker(env, 'run', '-d', '--label', label, '--memory', '32m', env.images.base, 'sleep', '600');
  const deadline = Date.now() + 60_000;
  while (sampler.history(id).filter((s) => s.cpu !== null).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const samples = sampler.history(id);
  expect(samples.filter((s) => s.cpu !== null).length, 'CPU readings over SSH').toBeGreaterThanOrEqual(3);
  expect(samples.at(-1)!.memLimit).toBe(32 * 1024 * 1024);
  // Later samples come after earlier ones: the stream keeps being read, a tick at a time.
  expect(samples.at(-1)!.t).toBeGreaterThan(samples[0]!.t);

  // Other tests' containers on the shared engine come and go, so the count is taken for this container.
  expect(sampler.hasOpenStream(id)).toBe(true);
  await docker(env, 'rm', '-f', id);
  const gone = Date.now() + 30_000;
  while (sampler.hasOpenStream(id) && Date.now() < gone) await new Promise((r) => setTimeout(r, 200));
  expect(sampler.hasOpenStream(id)).toBe(false);
});
