// Mapping decoded CRI responses (shaped as containerd 1.6 returns them) to what
// the page shows.
import { describe, expect, it } from 'vitest';
import { mapSnapshot, nanosToMs, type WireSnapshot } from '../../../main/cri/map';
import type { WireContainer, WireContainerStats, WirePodSandboxStatus } from '../../../main/cri/wire';

const sandbox = (id: string, createdAt: string, over: Partial<WirePodSandboxStatus> = {}): WirePodSandboxStatus => ({
  id,
  metadata: { name: `pod-${id}`, uid: `uid-${id}`, namespace: 'shop', attempt: 0 },
  state: 'SANDBOX_READY',
  created_at: createdAt,
  labels: { app: 'shop' },
  annotations: {},
  runtime_handler: '',
  network: { ip: '10.88.0.5', additional_ips: [{ ip: 'fd00::5' }] },
  ...over,
});

const container = (id: string, podId: string, state: WireContainer['state'], createdAt: string): WireContainer => ({
  id,
  pod_sandbox_id: podId,
  metadata: { name: `c-${id}`, attempt: 1 },
  image: { image: 'docker.io/library/nginx:1' },
  image_ref: 'sha256:img',
  state,
  created_at: createdAt,
  labels: {},
  annotations: {},
  image_id: '',
});

const stats = (id: string): WireContainerStats => ({
  attributes: { id, metadata: { name: `c-${id}`, attempt: 1 }, labels: {} },
  cpu: { timestamp: '1', usage_core_nano_seconds: { value: '2500000000' }, usage_nano_cores: { value: '250000000' } },
  memory: { timestamp: '1', working_set_bytes: { value: '1048576' }, available_bytes: null, usage_bytes: { value: '2097152' }, rss_bytes: null },
  writable_layer: { timestamp: '1', fs_id: { mountpoint: '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs' }, used_bytes: { value: '3000000' }, inodes_used: { value: '2' } },
});

const wire = (over: Partial<WireSnapshot> = {}): WireSnapshot => ({
  version: { version: '0.1.0', runtime_name: 'containerd', runtime_version: '1.6.20', runtime_api_version: 'v1' },
  endpoint: 'unix:///run/containerd/containerd.sock',
  sandboxes: [],
  containers: [],
  statuses: new Map(),
  stats: [],
  images: [],
  imageFs: { image_filesystems: [], container_filesystems: [] },
  takenAt: 5,
  ...over,
});

describe('a CRI snapshot as the page shows it', () => {
  it('turns nanosecond timestamps into milliseconds without losing the digits a double would', () => {
    expect(nanosToMs('1795975018166290690')).toBe(1795975018166);
    expect(nanosToMs('0')).toBeNull();
  });

  it('puts each container under its pod, newest pods and containers first, with its stats', () => {
    const snapshot = mapSnapshot(
      wire({
        sandboxes: [sandbox('old', '1000000000000000000'), sandbox('new', '2000000000000000000', { state: 'SANDBOX_NOTREADY' })],
        containers: [container('a', 'old', 'CONTAINER_RUNNING', '1100000000000000000'), container('b', 'old', 'CONTAINER_EXITED', '1200000000000000000'), container('z', 'gone', 'CONTAINER_UNKNOWN', '1')],
        stats: [stats('a')],
      }),
    );
    expect(snapshot.runtime).toEqual({ name: 'containerd', version: '1.6.20', apiVersion: 'v1', endpoint: 'unix:///run/containerd/containerd.sock' });
    expect(snapshot.sandboxes.map((s) => [s.id, s.state])).toEqual([
      ['new', 'notready'],
      ['old', 'ready'],
    ]);
    const old = snapshot.sandboxes[1]!;
    expect(old).toMatchObject({ name: 'pod-old', namespace: 'shop', uid: 'uid-old', createdAt: 1_000_000_000_000, ips: ['10.88.0.5', 'fd00::5'], labels: { app: 'shop' } });
    expect(old.containers.map((c) => [c.id, c.state])).toEqual([
      ['b', 'exited'],
      ['a', 'running'],
    ]);
    expect(old.containers[1]!.stats).toEqual({ cpuCores: 0.25, cpuSeconds: 2.5, memoryWorkingSetBytes: 1_048_576, memoryUsageBytes: 2_097_152, writableLayerBytes: 3_000_000, writableLayerInodes: 2 });
    expect(old.containers[0]!.stats).toBeNull();
    expect(snapshot.unassigned.map((c) => c.id)).toEqual(['z']);
  });

  it("shows an exited container's exit code and reason from its status, and none for a running one", () => {
    const base = container('x', 'p', 'CONTAINER_EXITED', '1000000000000000000');
    const status = { ...base, started_at: '1000000001000000000', finished_at: '1000000002000000000', exit_code: 137, reason: 'OOMKilled', message: 'out of memory', mounts: [], log_path: '' };
    const [exited] = mapSnapshot(wire({ sandboxes: [sandbox('p', '1')], containers: [base], statuses: new Map([['x', status]]) })).sandboxes[0]!.containers;
    expect(exited).toMatchObject({ exitCode: 137, reason: 'OOMKilled', message: 'out of memory', startedAt: 1_000_000_001_000, finishedAt: 1_000_000_002_000 });
    const running = { ...base, state: 'CONTAINER_RUNNING' as const };
    const [alive] = mapSnapshot(wire({ sandboxes: [sandbox('p', '1')], containers: [running], statuses: new Map([['x', { ...status, ...running, exit_code: 0, reason: '', finished_at: '0' }]]) })).sandboxes[0]!.containers;
    expect(alive).toMatchObject({ exitCode: null, finishedAt: null });
  });

  it('counts the containers that use each image, and reads the image filesystem', () => {
    const snapshot = mapSnapshot(
      wire({
        sandboxes: [sandbox('p', '1')],
        containers: [container('a', 'p', 'CONTAINER_RUNNING', '1'), container('b', 'p', 'CONTAINER_RUNNING', '2')],
        images: [
          { id: 'sha256:img', repo_tags: ['docker.io/library/nginx:1'], repo_digests: [], size: '55000000', username: '', pinned: false },
          { id: 'sha256:pause', repo_tags: ['registry.k8s.io/pause:3.6'], repo_digests: [], size: '300000', username: '', pinned: true },
        ],
        imageFs: { image_filesystems: [{ timestamp: '1', fs_id: { mountpoint: '/var/lib/containerd' }, used_bytes: { value: '9000' }, inodes_used: null }], container_filesystems: [] },
      }),
    );
    expect(snapshot.images.map((i) => [i.tags[0], i.sizeBytes, i.containers, i.pinned])).toEqual([
      ['docker.io/library/nginx:1', 55_000_000, 2, false],
      ['registry.k8s.io/pause:3.6', 300_000, 0, true],
    ]);
    expect(snapshot.imageFilesystems).toEqual([{ mountpoint: '/var/lib/containerd', usedBytes: 9000, inodesUsed: null }]);
  });
});
