// Podman's libpod answers (recorded from Podman 4.3) as the rows Berth shows,
// and what an engine can do from its own facts.
import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../../main/engines/capabilities';
import { mapPodmanInspect } from '../../../main/engines/libpod';
import { mapLibpodContainer } from '../../../main/engines/map-containers';
import { mapPods } from '../../../main/pods/map-pods';
import containers from './fixtures/podman-4.3-libpod-containers.json';
import inspect from './fixtures/podman-4.3-libpod-inspect.json';
import pods from './fixtures/podman-4.3-pods.json';

describe('libpod', () => {
  it('lists a pod with its infra container first and marked', () => {
    const [pod] = mapPods(pods);
    expect(pod).toMatchObject({ name: 'xpod', status: 'Running', labels: { 'berth.test': 'x' }, networks: ['berth-b0de3b53'], created: Math.floor(Date.parse('2026-11-29T17:56:39.782588916Z') / 1000) });
    expect(pod!.containers).toEqual([
      { id: pod!.infraId, name: '79f188deffdc-infra', state: 'running', infra: true },
      { id: expect.stringMatching(/^54d0f183/), name: 'xpodc', state: 'running', infra: false },
    ]);
    expect(mapPods([{ Name: 'no id' }, null])).toEqual([]);
  });

  it('reads its container list as the same rows as the compatible list', () => {
    const rows = containers.map(mapLibpodContainer);
    expect(rows[1]).toMatchObject({ name: 'xpodc', image: 'localhost/berth-test/base:1', command: 'sleep 600', state: 'running', status: 'Up', statusSince: 1795975000_000, ports: [], imageId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(rows[0]!.command).toBe('');
    expect(mapLibpodContainer({ Id: 'x', State: 'exited', ExitCode: 3, ExitedAt: 10, Ports: [{ host_ip: '', container_port: 80, host_port: 8080, protocol: 'tcp' }] })).toMatchObject({
      state: 'exited',
      status: 'Exited (3)',
      statusSince: 10_000,
      ports: [{ privatePort: 80, publicPort: 8080, ip: null, type: 'tcp' }],
    });
  });

  it('reads Podman\'s own inspect fields', () => {
    expect(mapPodmanInspect(inspect)).toEqual({ ociRuntime: 'runc', pod: expect.stringMatching(/^79f188de/), infra: false, conmonPid: expect.any(Number), state: 'running', restarts: 0 });
  });
});

describe('capabilities', () => {
  it('offers pods only on Podman and says why not on Docker', () => {
    expect(capabilitiesOf({ kind: 'podman', rootless: false, cgroupVersion: '2' }).pods).toEqual({ available: true, reason: null });
    expect(capabilitiesOf({ kind: 'docker', rootless: false, cgroupVersion: '2' }).pods.reason).toMatch(/Docker Engine has no pods/);
  });

  it('cannot pause or sample rootless on cgroups v1, and can on v2 or rootful', () => {
    const v1 = capabilitiesOf({ kind: 'podman', rootless: true, cgroupVersion: '1' });
    expect(v1.pause).toEqual({ available: false, reason: expect.stringMatching(/Rootless Podman on cgroups v1 cannot pause/) });
    expect(v1.stats.available).toBe(false);
    expect(v1.exec.available).toBe(true);
    expect(capabilitiesOf({ kind: 'podman', rootless: true, cgroupVersion: '2' }).pause.available).toBe(true);
    expect(capabilitiesOf({ kind: 'docker', rootless: false, cgroupVersion: '1' }).pause.available).toBe(true);
  });
});
