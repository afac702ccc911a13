import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolationOf } from '../../../main/stats/limits';

const recorded = (file: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', file), 'utf8'));
const shared = (i: ReturnType<typeof isolationOf>) => Object.fromEntries(i.namespaces.map((n) => [n.name, n.shared]));

describe('limits and namespaces from inspect', () => {
  it('Docker: --cpus 0.5 --memory 64m --pids-limit 50 --cpuset-cpus 0, everything private but user and cgroup (v1)', () => {
    const i = isolationOf(recorded('docker-20.10-inspect.json'), '1');
    expect(i.name).toBe('stats-capture');
    expect(i.limits).toMatchObject({ memoryBytes: 64 * 1024 * 1024, memorySwapBytes: 128 * 1024 * 1024, cpus: 0.5, cpuShares: null, cpusetCpus: '0', pidsLimit: 50 });
    expect(shared(i)).toEqual({ pid: 'private', net: 'private', ipc: 'private', uts: 'private', mnt: 'private', user: 'host', cgroup: 'host' });
  });

  it('Docker: --pid host --network host --ipc host --cpu-shares 512, no limits', () => {
    const i = isolationOf(recorded('docker-20.10-inspect-host-ns.json'), '1');
    expect(i.limits).toMatchObject({ memoryBytes: null, cpus: null, cpuShares: 512, cpusetCpus: null, pidsLimit: null });
    expect(shared(i)).toMatchObject({ pid: 'host', net: 'host', ipc: 'host', uts: 'private', mnt: 'private' });
  });

  it('Podman: quota and period as well as NanoCpus', () => {
    const i = isolationOf(recorded('podman-4.3-inspect.json'), '1');
    expect(i.limits).toMatchObject({ memoryBytes: 64 * 1024 * 1024, cpus: 0.5, cpuQuotaUs: 50_000, cpuPeriodUs: 100_000, pidsLimit: 50 });
    expect(shared(i)).toMatchObject({ pid: 'private', net: 'private', ipc: 'private', uts: 'private' });
  });

  it('a quota without a period uses the kernel default of 100 ms; container: modes name the other container', () => {
    const i = isolationOf({ HostConfig: { CpuQuota: 150_000, NetworkMode: 'container:web', CgroupnsMode: '' } }, '2');
    expect(i.limits.cpus).toBe(1.5);
    expect(i.namespaces.find((n) => n.name === 'net')).toEqual({ name: 'net', shared: 'container', with: 'web', mode: 'container:web' });
    expect(i.namespaces.find((n) => n.name === 'cgroup')?.shared).toBe('private');
  });
});
