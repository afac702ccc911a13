// Podman as a first-class engine, through the private Podman API service:
// containers run and are sampled through its compatible API, pods through
// libpod; pods are created, listed with their containers (the infra one
// marked), stopped and removed with a report of everything that went.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StatsFrame } from '../../../main/stats/types';
import { podman } from '../../env';
import { apiFor, collect } from '../../support/api-client';

const env = inject('testEnv');
const label = `berth.test=pods-${process.pid}`;
const name = (what: string) => `berth-${what}-${process.pid}`;
let berth: ReturnType<typeof apiFor>;

beforeAll(() => {
  berth = apiFor(`unix://${env.podmanSocket}`);
});

afterAll(async () => {
  await berth.close();
  const pods = await podman(env, 'pod', 'ps', '-q', '--filter', `label=${label}`);
  if (pods) await podman(env, 'pod', 'rm', '-f', ...pods.split('\n'));
  const ids = await podman(env, 'ps', '-aq', '--filter', `label=${label}`);
  if (ids) await podman(env, 'rm', '-f', ...ids.split('\n'));
});

describe('Podman through Berth', () => {
  it('says it is Podman and what it can do, with the OCI runtime its containers run on', async () => {
    const info = await berth.api.engine.info.query({});
    expect(info.kind).toBe('podman');
    expect(info.capabilities.pods).toEqual({ available: true, reason: null });
    expect(info.capabilities.exec.available).toBe(true);
    const id = await podman(env, 'run', '-d', '--label', label, `localhost/${env.images.base}`, 'sleep', '600');
    const runtime = await berth.api.runtimes.container.query({ id });
    // The compatible inspect says only "oci"; libpod names the runtime the test env configures.
    expect(runtime.ociRuntime).toBe('runc');
    expect(runtime.podman).toMatchObject({ pod: null, infra: false, state: 'running' });
    expect(runtime.podman!.conmonPid).toBeGreaterThan(0);
  });

  it('runs a container and samples its resources', { timeout: 60_000 }, async () => {
    const run = await berth.api.containers.run.mutate({
      spec: { image: `localhost/${env.images.base}`, name: name('run'), command: 'sh -c "while :; do :; done"', entrypoint: '', env: '', ports: [], mounts: [], network: '', restart: 'no', maxRetries: '', autoRemove: false, cpus: '0.5', memory: '64m', pidsLimit: '', labels: label, tty: false },
    });
    expect(run.started).toBe(true);
    const frames = collect<StatsFrame>((h) => berth.api.stats.watch.subscribe({ ids: [run.id] }, h));
    const frame = await frames.seen((f) => f.samples[run.id]?.cpu != null);
    frames.stop();
    const sample = frame.samples[run.id]!;
    expect(sample.memLimit).toBe(64 * 1024 * 1024);
    expect(sample.cpu).toBeGreaterThan(0);
  });

  it('creates a pod, lists it with its infra container and the container added to it, stops and removes it with a report', { timeout: 60_000 }, async () => {
    const podName = name('pod');
    const created = await berth.api.pods.create.mutate({ name: podName, labels: { 'berth.test': label.split('=')[1]! } });
    expect(created.name).toBe(podName);
    expect(created.infraId).not.toBeNull();
    await expect(berth.api.pods.create.mutate({ name: podName })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/already exists/) });

    // A container added in a terminal, the way users do.
    const member = await podman(env, 'run', '-d', '--pod', podName, '--name', name('in-pod'), '--label', label, `localhost/${env.images.base}`, 'sleep', '600');
    const listed = (await berth.api.pods.list.query({})).find((p) => p.id === created.id)!;
    expect(listed.status).toBe('Running');
    expect(listed.containers.map((c) => ({ id: c.id, infra: c.infra }))).toEqual([
      { id: created.infraId, infra: true },
      { id: member, infra: false },
    ]);
    const runtime = await berth.api.runtimes.container.query({ id: member });
    expect(runtime.podman).toMatchObject({ pod: created.id, infra: false });

    const refused = await berth.api.pods.remove.mutate({ ids: [podName] });
    expect(refused.done).toEqual([]);
    expect(refused.failed[0]!.message).toMatch(/2 running containers; stop the pod first/);

    const stopped = await berth.api.pods.stop.mutate({ ids: [created.id] });
    expect(stopped.done.map((d) => d.name)).toEqual([podName]);
    expect(await podman(env, 'inspect', '--format', '{{.State.Status}}', member)).toBe('exited');

    const removed = await berth.api.pods.remove.mutate({ ids: [created.id] });
    expect(removed.failed).toEqual([]);
    expect(removed.done[0]!.containers).toEqual([expect.stringMatching(/-infra \(infra\)$/), name('in-pod')]);
    expect(removed.done[0]!.message).toContain(name('in-pod'));
    expect(await podman(env, 'pod', 'ps', '-q', '--filter', `id=${created.id}`)).toBe('');
    await expect(podman(env, 'inspect', member)).rejects.toThrow(/no such/i);
    expect((await berth.api.pods.list.query({})).some((p) => p.id === created.id)).toBe(false);
  });

  it('reports pods that are not there without stopping the others', async () => {
    const report = await berth.api.pods.start.mutate({ ids: ['no-such-pod-here'] });
    expect(report.failed).toEqual([expect.objectContaining({ name: 'no-such-pod-here', message: expect.stringMatching(/No pod "no-such-pod-here"/) })]);
    await expect(berth.api.pods.create.mutate({ name: '-bad' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
