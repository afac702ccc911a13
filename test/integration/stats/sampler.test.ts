// The sampler against the private engines: its figures agree with the CLIs on
// the same containers, streams follow containers as they come and go, and
// sampling resumes by itself after an engine restart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDiscovery, systemPlaces } from '../../../main/hosts/discover';
import { resolveLocalCandidates } from '../../../main/hosts/resolve';
import { createEngineSession } from '../../../main/live/session';
import type { EngineSession } from '../../../main/live/types';
import { contextFromSessions } from '../../../main/api/create-context';
import { statsApi } from '../../../main/api/stats';
import { hasOwnMemoryLimit } from '../../../main/stats/memory-limit';
import { samplerOf, StatsSampler } from '../../../main/stats/sampler';
import { docker, podman } from '../../env';
import { SecondDockerd } from '../../support/second-dockerd';
import { reader } from '../../unit/live/reader';

const env = inject('testEnv');
const label = `berth.test=stats-${process.pid}`;
const MiB = 1024 * 1024;
const CPUACCT = '/sys/fs/cgroup/cpuacct';

function sessionAt(dockerHost: string): EngineSession {
  return createEngineSession({ discover: localDiscovery({ resolve: () => resolveLocalCandidates(systemPlaces({ DOCKER_HOST: dockerHost })) }) });
}

/** Polls until `check` returns a value; fails with what it saw last. */
async function until<T>(what: string, check: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The CPU time the kernel charged a container's cgroup (cgroup v1 cpuacct,
 * nanoseconds), read beside Berth. Over the same seconds it is what Berth's
 * readings must add up to, however busy the machine is: a container held to
 * 0.5 CPU gets less than that on a loaded machine, and both see it.
 */
function chargedNs(id: string): number {
  for (const parent of readdirSync(CPUACCT)) {
    const dir = join(CPUACCT, parent);
    if (!statSync(dir).isDirectory()) continue;
    const own = readdirSync(dir).find((name) => name === id || name === `libpod-${id}`);
    if (own) return Number(readFileSync(join(dir, own, 'cpuacct.usage'), 'utf8'));
  }
  throw new Error(`no cpuacct cgroup for ${id} under ${CPUACCT}`);
}

/**
 * Berth's CPU readings of a busy container against what the kernel charged it
 * over the same span (`samples` readings after the first); the ceiling holds
 * in every reading.
 */
async function cpuAgainstKernel(sampler: StatsSampler, id: string, samples: number): Promise<{ berth: number; kernel: number; max: number }> {
  const first = await until('a CPU reading', () => sampler.history(id).findLast((s) => s.cpu !== null));
  const from = { t: Date.now(), ns: chargedNs(id) };
  const span = await until(`${samples} more readings`, () => {
    const after = sampler.history(id, first.t + 1).filter((s) => s.cpu !== null);
    return after.length >= samples ? after : null;
  }, 120_000);
  const to = { t: Date.now(), ns: chargedNs(id) };
  const kernel = ((to.ns - from.ns) / ((to.t - from.t) * 1e6)) * 100;
  // Each reading covers the time since the one before; weigh them by it.
  let weighted = 0;
  let prev = first.t;
  for (const s of span) {
    weighted += s.cpu! * (s.t - prev);
    prev = s.t;
  }
  return { berth: weighted / (prev - first.t), kernel, max: Math.max(...sampler.history(id).map((s) => s.cpu ?? 0)) };
}

/**
 * A container without a memory limit reports the engine host's memory as its
 * limit; the frames carry that memory, and the one rule tells the two apart:
 * what the charts and alerts rely on, checked against the engine itself.
 */
async function expectOwnLimitTold(sampler: StatsSampler, session: EngineSession, run: (...args: string[]) => Promise<string>, image: string): Promise<void> {
  const limited = await run('run', '-d', '--label', label, '--memory', '48m', image, 'sleep', '600');
  const unlimited = await run('run', '-d', '--label', label, image, 'sleep', '600');
  const frames = reader(sampler.watch([limited, unlimited], AbortSignal.timeout(40_000)));
  const frame = await frames.next((f) => !!f.samples[limited] && !!f.samples[unlimited] && f.hostMemory !== null, 30_000);
  const hostMemory = (await session.info()).memoryBytes;
  expect(frame.hostMemory).toBe(hostMemory);
  expect(frame.samples[limited]!.memLimit).toBe(48 * MiB);
  expect(hasOwnMemoryLimit(frame.samples[limited]!.memLimit, frame.hostMemory)).toBe(true);
  expect(frame.samples[unlimited]!.memLimit).toBe(hostMemory);
  expect(hasOwnMemoryLimit(frame.samples[unlimited]!.memLimit, frame.hostMemory)).toBe(false);
}

describe('Docker', () => {
  let session: EngineSession;
  let sampler: StatsSampler;

  beforeAll(() => {
    session = sessionAt(env.dockerHost);
    // The one the API uses, so the API tests below see the same samples.
    sampler = samplerOf(session);
  });

  afterAll(async () => {
    sampler.close();
    await session.close();
    const ids = await docker(env, 'ps', '-aq', '--filter', `label=${label}`);
    if (ids) await docker(env, 'rm', '-f', ...ids.split('\n'));
  });

  it('reads a busy loop held to --cpus 0.5 as the kernel charges it, never above the ceiling, as docker stats does', { timeout: 150_000 }, async () => {
    const id = await docker(env, 'run', '-d', '--label', label, '--cpus', '0.5', env.images.base, 'sh', '-c', 'while :; do :; done');
    const { berth, kernel, max } = await cpuAgainstKernel(sampler, id, 8);
    // About 50% on a quiet machine; less, for Berth and the kernel alike, on a busy one.
    expect(Math.abs(berth - kernel), `Berth ${berth.toFixed(1)}%, kernel ${kernel.toFixed(1)}%`).toBeLessThan(5);
    expect(max).toBeLessThan(55);
    // docker stats reads its own two samples a second apart: it agrees with what Berth read around then.
    const before = sampler.history(id).at(-1)!.t;
    const cli = Number.parseFloat(await docker(env, 'stats', '--no-stream', '--format', '{{.CPUPerc}}', id));
    await until('a sample after the CLI read', () => sampler.history(id).at(-1)!.t > before);
    const around = sampler.history(id, before - 2000).flatMap((s) => (s.cpu === null ? [] : [s.cpu]));
    expect(cli).toBeGreaterThan(Math.min(...around) - 5);
    expect(cli).toBeLessThan(Math.max(...around) + 5);
  });

  it('reads 50 MiB written to a tmpfs within 5%, as docker stats does, against its limit', { timeout: 60_000 }, async () => {
    const id = await docker(env, 'run', '-d', '--label', label, '--memory', '128m', env.images.base, 'sh', '-c', 'head -c 50m /dev/zero > /dev/shm/fill && sleep 600');
    const sample = await until('memory filled', () => {
      const s = sampler.history(id).at(-1);
      return s && s.mem > 50 * MiB ? s : null;
    });
    expect(sample.mem / (50 * MiB)).toBeLessThan(1.05);
    expect(sample.memLimit).toBe(128 * MiB);
    const [used] = (await docker(env, 'stats', '--no-stream', '--format', '{{.MemUsage}}', id)).split(' / ');
    expect(used).toMatch(/^5[0-2]\.\d+MiB$/);
    expect(Math.abs(sample.mem / MiB - Number.parseFloat(used!))).toBeLessThan(2.5);
  });

  it('sends one frame per tick with the latest sample of every container asked for, and their history as CSV', { timeout: 60_000 }, async () => {
    const ids = await Promise.all([1, 2].map(() => docker(env, 'run', '-d', '--label', label, env.images.base, 'sleep', '600')));
    const ctx = contextFromSessions(new Map([['local', session]]));
    const watching = new AbortController();
    const frames = reader(statsApi.watch.run({ host: 'local', ids }, ctx, watching.signal));
    const frame = await frames.next((f) => ids.every((id) => f.samples[id]), 30_000);
    expect(Object.keys(frame.samples).sort()).toEqual([...ids].sort());
    watching.abort();
    const csv = await statsApi.csv.run({ host: 'local', id: ids[0]!, seconds: 60 }, ctx);
    expect(csv.split('\n')[0]).toMatch(/^time,cpu_percent,memory_bytes,/);
    expect(csv.trim().split('\n').length).toBeGreaterThan(1);
  });

  it('alerts when a container is OOM-killed and when one dies with a failure, not when it is stopped', { timeout: 60_000 }, async () => {
    await until('the event stream', () => sampler.watchingEvents);
    const alerts = reader(sampler.watchAlerts(AbortSignal.timeout(50_000)));
    const oom = await docker(env, 'run', '-d', '--label', label, '--memory', '16m', '--memory-swap', '16m', env.images.base, 'sh', '-c', 'head -c 64m /dev/zero > /dev/shm/fill');
    expect(await alerts.next((a) => a.container === oom, 30_000)).toMatchObject({ kind: 'oom' });
    const failing = await docker(env, 'run', '-d', '--label', label, env.images.base, 'sh', '-c', 'sleep 1; exit 3');
    expect(await alerts.next((a) => a.container === failing, 30_000)).toMatchObject({ kind: 'died', message: expect.stringContaining('exit code 3') });
    const stopped = await docker(env, 'run', '-d', '--label', label, env.images.base, 'sleep', '600');
    await docker(env, 'stop', '-t', '1', stopped);
    // Another failing container after the stop: the stopped one must not have alerted before it.
    const marker = await docker(env, 'run', '-d', '--label', label, env.images.base, 'sh', '-c', 'exit 4');
    await alerts.next((a) => a.container === marker, 30_000);
    expect(alerts.seen.filter((a) => a.container === stopped)).toEqual([]);
  });

  it('tells a memory limit of its own from the host memory the engine reports without one', { timeout: 60_000 }, async () => {
    await expectOwnLimitTold(sampler, session, (...args) => docker(env, ...args), env.images.base);
  });

  it('closes the stream of a container that is removed, and drops its history', { timeout: 60_000 }, async () => {
    const id = await docker(env, 'run', '-d', '--label', label, env.images.base, 'sleep', '600');
    await until('a sample of the new container', () => sampler.history(id).length > 0);
    // Other tests' containers on the shared engine come and go, so the count is taken for this container.
    expect(sampler.hasOpenStream(id)).toBe(true);
    await docker(env, 'rm', '-f', id);
    await until('the container to be gone', () => sampler.history(id).length === 0);
    await until('its stream to close', () => !sampler.hasOpenStream(id));
  });

  it('stops sampling a container that stops, and keeps what it sampled', { timeout: 60_000 }, async () => {
    const id = await docker(env, 'run', '-d', '--label', label, '--stop-timeout', '1', env.images.base, 'sleep', '600');
    await until('a sample', () => sampler.history(id).length > 0);
    expect(sampler.hasOpenStream(id)).toBe(true);
    await docker(env, 'stop', id);
    await until('the stream to close', () => !sampler.hasOpenStream(id));
    expect(sampler.history(id).length).toBeGreaterThan(0);
  });
});

describe('Podman', () => {
  let session: EngineSession;
  let sampler: StatsSampler;

  beforeAll(() => {
    session = sessionAt(`unix://${env.podmanSocket}`);
    sampler = new StatsSampler(session);
  });

  afterAll(async () => {
    sampler.close();
    await session.close();
    const ids = await podman(env, 'ps', '-aq', '--filter', `label=${label}`);
    if (ids) await podman(env, 'rm', '-f', ...ids.split('\n'));
  });

  it('reads a busy loop held to --cpus 0.5 as the kernel charges it, from Podman samples', { timeout: 150_000 }, async () => {
    const id = await podman(env, 'run', '-d', '--label', label, '--cpus', '0.5', '--memory', '64m', `localhost/${env.images.base}`, 'sh', '-c', 'while :; do :; done');
    // Podman samples every 5 s: three readings are 15 s.
    const { berth, kernel, max } = await cpuAgainstKernel(sampler, id, 3);
    expect(Math.abs(berth - kernel), `Berth ${berth.toFixed(1)}%, kernel ${kernel.toFixed(1)}%`).toBeLessThan(5);
    expect(max).toBeLessThan(55);
    expect(sampler.history(id).at(-1)!.memLimit).toBe(64 * MiB);
  });

  it('tells a memory limit of its own from the host memory the engine reports without one', { timeout: 60_000 }, async () => {
    await expectOwnLimitTold(sampler, session, (...args) => podman(env, ...args), `localhost/${env.images.base}`);
  });
});

describe('engine restart', () => {
  const engine = new SecondDockerd(env, 'stats-restart');
  let session: EngineSession | undefined;
  let sampler: StatsSampler | undefined;

  beforeAll(async () => {
    await engine.start();
    await engine.loadImage(env.images.base);
  }, 120_000);

  afterAll(async () => {
    sampler?.close();
    await session?.close();
    await engine.dispose();
  }, 60_000);

  it('resumes sampling by itself when the engine is back, with a break where it was away', { timeout: 120_000 }, async () => {
    // Restarted by the engine when it comes back, as a service would be.
    const id = await docker(engine.cli, 'run', '-d', '--network', 'none', '--restart', 'always', '--stop-timeout', '1', env.images.base, 'sleep', '600');
    session = sessionAt(engine.host);
    sampler = new StatsSampler(session);
    await until('samples before the restart', () => sampler!.history(id).length >= 2);

    await engine.stop();
    await until('the stream to close', () => sampler!.openStreams === 0);
    const stoppedAt = Date.now();
    await engine.start();

    const after = await until('CPU figures after the restart', () => {
      const since = sampler!.history(id).filter((s) => s.t > stoppedAt);
      return since.filter((s) => s.cpu !== null).length >= 2 && since;
    }, 60_000);
    expect(sampler.openStreams).toBe(1);
    // The chart breaks where the engine was away: the first reading after it has no CPU figure.
    expect(after[0]!.cpu).toBeNull();
  });
});
