// Pull and run through Berth's API against the private engine and registry:
// push an image with the docker CLI, pull it through Berth and watch its
// progress, run it with a port mapping and reach its HTTP server, read its
// logs, type into a terminal, stop and remove it.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ExecEvent } from '../../../main/containers/exec';
import { EMPTY_RUN_SPEC, type RunSpec } from '../../../main/containers/run-spec';
import type { PullEvent } from '../../../main/images/pull';
import { docker, dockerWith, podman, PODMAN_IMAGES } from '../../env';
import { freePort } from '../../env/ports';
import { apiFor, collect } from '../../support/api-client';

const env = inject('testEnv');
const TAG = `${process.pid}-${Date.now().toString(36)}`;
const LABEL = `berth.test.run=${TAG}`;
let repo: string;
let berth: ReturnType<typeof apiFor>;

const spec = (over: Partial<RunSpec> & { image: string }): RunSpec => ({ ...EMPTY_RUN_SPEC, labels: LABEL, ...over });


beforeAll(async () => {
  // An image of this run's own, with a layer no other image has, pushed and then removed locally:
  // pulling it must download that layer, while the base layer already exists.
  repo = `${env.registry}/berth-it/web-${TAG}`;
  const dockerfile = `FROM ${env.images.base}
RUN head -c 3000000 /dev/urandom > /blob && echo ${TAG} > /var/www/tag.txt
LABEL berth.test.run="${TAG}"
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/var/www"]
`;
  await dockerWith(env, { input: dockerfile, env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000 }, 'build', '-q', '-t', `${repo}:1`, '-');
  await dockerWith(env, { timeoutMs: 120_000 }, 'push', `${repo}:1`);
  await docker(env, 'rmi', `${repo}:1`);
  berth = apiFor(env.dockerHost);
}, 180_000);

afterAll(async () => {
  await berth?.close();
  const ids = await docker(env, 'ps', '-aq', '--filter', `label=${LABEL}`);
  if (ids) await docker(env, 'rm', '-f', ...ids.split('\n'));
  await docker(env, 'rmi', '-f', `${repo}:1`).catch(() => '');
});

describe('pull', () => {
  it('validates a reference as the docker CLI does before anything is sent', async () => {
    expect(await berth.api.images.checkReference.query({ text: 'nginx' })).toEqual({ ok: true, error: null, canonical: 'docker.io/library/nginx:latest', familiar: 'nginx:latest', tagDefaulted: true });
    const bad = await berth.api.images.checkReference.query({ text: 'Nginx' });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/lowercase/);
    const sub = collect<PullEvent>((h) => berth.api.images.pull.subscribe({ reference: 'Nginx' }, h));
    expect(await sub.ended()).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/lowercase/) });
  });

  it('pulls from the registry with per-layer progress that reaches done', async () => {
    const sub = collect<PullEvent>((h) => berth.api.images.pull.subscribe({ reference: `${repo}:1` }, h));
    expect(await sub.ended()).toBeNull();
    const last = sub.events.at(-1)!;
    expect(last.phase).toBe('done');
    expect(last.reference).toBe(`${repo}:1`);
    expect(last.progress.fraction).toBe(1);
    expect(last.progress.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The base layer was here already; the run's own layer came over the wire.
    const states = last.progress.layers.map((l) => l.state);
    expect(states).toContain('exists');
    expect(states).toContain('done');
    expect(states.every((s) => s === 'exists' || s === 'done')).toBe(true);
    expect(last.progress.downloaded).toBeGreaterThan(1_000_000);
    expect(await docker(env, 'image', 'inspect', '--format', '{{.Id}}', `${repo}:1`)).toMatch(/^sha256:/);
  });

  it('says the tag does not exist when it does not', async () => {
    const sub = collect<PullEvent>((h) => berth.api.images.pull.subscribe({ reference: `${repo}:no-such-tag` }, h));
    const error = await sub.ended();
    expect(error?.code).toBe('NOT_FOUND');
    expect(error?.message).toMatch(/does not exist/);
  });

  it('reads the image defaults to prefill the run dialog', async () => {
    const defaults = await berth.api.images.defaults.query({ reference: `${repo}:1` });
    expect(defaults).toMatchObject({ cmd: ['httpd', '-f', '-p', '8080', '-h', '/var/www'], exposedPorts: ['8080/tcp'] });
  });
});

describe('run and look after a container', () => {
  let id: string;
  let port: number;
  const name = `berth-web-${TAG}`;

  it('runs the pulled image with a port mapping, and its HTTP server answers', async () => {
    port = await freePort();
    const result = await berth.api.containers.run.mutate({
      spec: spec({ image: `${repo}:1`, name, ports: [{ hostIp: '127.0.0.1', hostPort: String(port), containerPort: '8080', protocol: 'tcp' }], memory: '64m', cpus: '0.5' }),
    });
    expect(result).toMatchObject({ name, started: true, startError: null });
    id = result.id;
    const res = await fetch(`http://127.0.0.1:${port}/tag.txt`);
    expect(await res.text()).toBe(`${TAG}\n`);
    const limits = await docker(env, 'inspect', '--format', '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}', id);
    expect(limits).toBe(`${64 * 1024 * 1024} 500000000`);
  });

  it('refuses a taken name and a host port in use, saying which, already while the user types', async () => {
    const preview = await berth.api.containers.previewRun.query({ spec: spec({ image: `${repo}:1`, name, ports: [{ hostIp: '', hostPort: '', containerPort: '80', protocol: 'tcp' }, { hostIp: '127.0.0.1', hostPort: String(port), containerPort: '8080', protocol: 'tcp' }] }) });
    expect(preview.errors).toEqual([
      { field: 'name', message: expect.stringMatching(`The name "${name}" is taken by a running container`) },
      { field: 'ports.1.hostPort', message: expect.stringMatching(`${port}/tcp is in use by container ${name}`) },
    ]);
    await expect(berth.api.containers.run.mutate({ spec: spec({ image: `${repo}:1`, name }) })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/is taken/) });
    await expect(
      berth.api.containers.run.mutate({ spec: spec({ image: `${repo}:1`, ports: [{ hostIp: '127.0.0.1', hostPort: String(port), containerPort: '8080', protocol: 'tcp' }] }) }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(new RegExp(`${port}/tcp is in use by container ${name}`)) });
    await expect(berth.api.containers.run.mutate({ spec: spec({ image: `${repo}:1`, memory: '12q' }) })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/not a size/) });
  });

  it('says when a host port is held by another program on this computer', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    const held = (holder.address() as AddressInfo).port;
    try {
      const preview = await berth.api.containers.previewRun.query({ spec: spec({ image: `${repo}:1`, ports: [{ hostIp: '', hostPort: String(held), containerPort: '8080', protocol: 'tcp' }] }) });
      expect(preview.errors).toEqual([{ field: 'ports.0.hostPort', message: `Host port ${held}/tcp is in use by another program on this computer. Choose another host port.` }]);
    } finally {
      holder.close();
    }
  });

  it('types into a terminal in the container and reads the answer', async () => {
    const sub = collect<ExecEvent>((h) => berth.api.containers.exec.subscribe({ id, cols: 100, rows: 30 }, h));
    const ready = await sub.seen((e) => e.type === 'ready');
    const session = ready.type === 'ready' ? ready.session : '';
    await berth.api.containers.execResize.mutate({ session, cols: 120, rows: 40 });
    await berth.api.containers.execInput.mutate({ session, data: 'echo $((6*7)); stty size\n' });
    const output = () => sub.events.map((e) => (e.type === 'output' ? e.data : '')).join('');
    await sub.seen(() => /\b42\b/.test(output()) && /40 120/.test(output()));
    await berth.api.containers.execInput.mutate({ session, data: 'exit 3\n' });
    expect(await sub.ended()).toBeNull();
    expect(sub.events.at(-1)).toEqual({ type: 'exit', code: 3 });
    await expect(berth.api.containers.execInput.mutate({ session, data: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to remove a running container without force, stops it, then removes it and says so', async () => {
    const refused = await berth.api.containers.remove.mutate({ ids: [id] });
    expect(refused.done).toEqual([]);
    expect(refused.failed[0]!.message).toMatch(/running; stop it first/);
    const stopped = await berth.api.containers.stop.mutate({ ids: [id] });
    expect(stopped.done).toEqual([{ id, name, ok: true, message: `${name} stopped.` }]);
    expect(await docker(env, 'inspect', '--format', '{{.State.Status}}', id)).toBe('exited');
    const removed = await berth.api.containers.remove.mutate({ ids: [id] });
    expect(removed.done.map((d) => d.id)).toEqual([id]);
    await expect(docker(env, 'inspect', id)).rejects.toThrow();
  });
});

describe('logs', () => {
  it('separates stdout and stderr of a container without a TTY, with timestamps and tail', async () => {
    const result = await berth.api.containers.run.mutate({ spec: spec({ image: env.images.base, command: `sh -c 'echo one; echo two >&2; echo three'` }) });
    await docker(env, 'wait', result.id);
    const all = collect<{ lines: { stream: string; text: string; time: string | null }[] }>((h) => berth.api.containers.logs.subscribe({ id: result.id, follow: false, timestamps: true, tail: null }, h));
    expect(await all.ended()).toBeNull();
    const lines = all.events.flatMap((e) => e.lines);
    expect(lines.map((l) => [l.stream, l.text]).sort()).toEqual([
      ['stderr', 'two'],
      ['stdout', 'one'],
      ['stdout', 'three'],
    ]);
    expect(lines.every((l) => /^\d{4}-\d\d-\d\dT/.test(l.time ?? ''))).toBe(true);
    const tail = collect<{ lines: { text: string }[] }>((h) => berth.api.containers.logs.subscribe({ id: result.id, follow: false, timestamps: false, tail: 1 }, h));
    await tail.ended();
    expect(tail.events.flatMap((e) => e.lines).map((l) => l.text)).toHaveLength(1);
  });

  it('follows new lines as the container writes them', async () => {
    const result = await berth.api.containers.run.mutate({ spec: spec({ image: env.images.base, command: `sh -c 'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done'` }) });
    const sub = collect<{ lines: { text: string }[] }>((h) => berth.api.containers.logs.subscribe({ id: result.id, follow: true, timestamps: false, tail: 0 }, h));
    await sub.seen((e) => e.lines.some((l) => l.text === 'line 3'));
    sub.stop();
    await berth.api.containers.kill.mutate({ ids: [result.id] });
  });
});

describe('a start that fails', () => {
  it('reports that the container was created but did not start, and leaves it for the user to remove', async () => {
    const result = await berth.api.containers.run.mutate({ spec: spec({ image: env.images.base, command: '/no/such/program' }) });
    expect(result.started).toBe(false);
    expect(result.startError).toMatch(/no such file|not found/i);
    expect(await docker(env, 'inspect', '--format', '{{.State.Status}}', result.id)).toBe('created');
    const removed = await berth.api.containers.remove.mutate({ ids: [result.id] });
    expect(removed.done).toHaveLength(1);
  });
});

describe('bulk lifecycle and prune', () => {
  it('pauses, unpauses and restarts several containers at once, reporting each', async () => {
    const a = await berth.api.containers.run.mutate({ spec: spec({ image: env.images.base, command: 'sleep 600' }) });
    const b = await berth.api.containers.run.mutate({ spec: spec({ image: env.images.base, command: 'sleep 600' }) });
    const paused = await berth.api.containers.pause.mutate({ ids: [a.id, b.id] });
    expect(paused.done.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect(await docker(env, 'inspect', '--format', '{{.State.Status}}', a.id, b.id)).toBe('paused\npaused');
    const unpaused = await berth.api.containers.unpause.mutate({ ids: [a.id, b.id, 'no-such-container'] });
    expect(unpaused.done).toHaveLength(2);
    expect(unpaused.failed).toEqual([expect.objectContaining({ id: 'no-such-container', message: expect.stringMatching(/No container/) })]);
    const removed = await berth.api.containers.remove.mutate({ ids: [a.id, b.id], force: true });
    expect(removed.done).toHaveLength(2);
  });

  it('previews what a prune removes and reports what it removed', async () => {
    const dead = await docker(env, 'create', '--label', LABEL, env.images.base, 'true');
    const preview = await berth.api.prune.preview.query({});
    expect(preview.containers.map((c) => c.id)).toContain(dead);
    const report = await berth.api.prune.run.mutate({ containers: true, images: false, until: preview.at });
    expect(report.containers).toContain(dead);
    await expect(docker(env, 'inspect', dead)).rejects.toThrow();
  });
});

describe('volumes and networks', () => {
  it('creates a volume, shows who uses it, refuses to remove it while used, then removes it', async () => {
    const vol = `berth-vol-${TAG}`;
    await berth.api.volumes.create.mutate({ name: vol, labels: { 'berth.test.run': TAG } });
    const c = await berth.api.containers.run.mutate({ spec: spec({ image: env.images.base, command: 'sleep 600', mounts: [{ type: 'volume', source: vol, target: '/data', readOnly: false }] }) });
    const row = (await berth.api.volumes.list.query({})).find((v) => v.name === vol);
    expect(row?.usedBy.map((u) => u.id)).toEqual([c.id]);
    const refused = await berth.api.volumes.remove.mutate({ names: [vol] });
    expect(refused.removed).toEqual([]);
    expect(refused.refused[0]!.reason).toContain(c.name);
    await berth.api.containers.remove.mutate({ ids: [c.id], force: true });
    expect(await berth.api.volumes.remove.mutate({ names: [vol] })).toEqual({ removed: [vol], refused: [] });
  });

  it('sizes each volume after the list, by what it holds', async () => {
    const vol = `berth-sized-${TAG}`;
    await berth.api.volumes.create.mutate({ name: vol, labels: { 'berth.test.run': TAG } });
    expect((await berth.api.volumes.sizes.query({}))[vol]).toBe(0);
    const c = await berth.api.containers.run.mutate({ spec: spec({ image: env.images.base, command: 'sh -c "head -c 250000 /dev/zero > /data/fill"', mounts: [{ type: 'volume', source: vol, target: '/data', readOnly: false }] }) });
    await docker(env, 'wait', c.id);
    const size = (await berth.api.volumes.sizes.query({}))[vol];
    expect(size).toBeGreaterThanOrEqual(250_000);
    expect(size).toBeLessThan(300_000);
    await berth.api.containers.remove.mutate({ ids: [c.id] });
    await berth.api.volumes.remove.mutate({ names: [vol] });
  });

  it('sizes Podman\'s volumes the same way', async () => {
    const vol = `berth-sized-${TAG}`;
    const onPodman = apiFor(`unix://${env.podmanSocket}`);
    try {
      await podman(env, 'volume', 'create', '--label', LABEL, vol);
      await podman(env, 'run', '--rm', '-v', `${vol}:/data`, PODMAN_IMAGES.base, 'sh', '-c', 'head -c 200000 /dev/zero > /data/fill');
      expect((await onPodman.api.volumes.sizes.query({}))[vol]).toBe(200_000);
    } finally {
      await podman(env, 'volume', 'rm', '-f', vol).catch(() => '');
      await onPodman.close();
    }
  });

  it('creates a network, runs a container on it, refuses to remove it while used, and never removes the engine\'s own', async () => {
    const net = `berth-net-${TAG}`;
    const created = await berth.api.networks.create.mutate({ name: net });
    expect(created).toMatchObject({ name: net, driver: 'bridge', builtin: false });
    const c = await berth.api.containers.run.mutate({ spec: spec({ image: env.images.base, command: 'sleep 600', network: net }) });
    const refused = await berth.api.networks.remove.mutate({ ids: [created.id, 'bridge'] });
    expect(refused.removed).toEqual([]);
    expect(refused.refused.map((r) => r.reason)).toEqual([expect.stringContaining(c.name), expect.stringMatching(/engine's own/)]);
    await berth.api.containers.remove.mutate({ ids: [c.id], force: true });
    expect(await berth.api.networks.remove.mutate({ ids: [created.id] })).toEqual({ removed: [net], refused: [] });
  });
});
