// The cgroup limits and namespaces of a container, from its inspect JSON
// (GET /containers/{id}/json), for Docker and Podman.
import { num, obj, str } from '../engines/json';
import type { ContainerIsolation, ContainerLimits, NamespaceInfo, NamespaceName } from './types';

const positive = (v: unknown): number | null => (num(v) > 0 ? num(v) : null);

export function limitsOf(hostConfig: unknown): ContainerLimits {
  const h = obj(hostConfig);
  const quota = positive(h['CpuQuota']);
  // The kernel's default period is 100 ms when only a quota is given.
  const period = positive(h['CpuPeriod']);
  const nano = positive(h['NanoCpus']);
  const swap = num(h['MemorySwap']);
  return {
    memoryBytes: positive(h['Memory']),
    memorySwapBytes: swap === -1 ? -1 : positive(swap),
    memoryReservationBytes: positive(h['MemoryReservation']),
    cpus: nano ? nano / 1e9 : quota ? quota / (period ?? 100_000) : null,
    cpuQuotaUs: quota,
    cpuPeriodUs: period,
    cpuShares: positive(h['CpuShares']),
    cpusetCpus: str(h['CpusetCpus']) || null,
    cpusetMems: str(h['CpusetMems']) || null,
    pidsLimit: positive(h['PidsLimit']),
  };
}

/**
 * Which namespaces a container shares. A mode of "host" is the host's, and
 * "container:<id>" another container's. An empty user or cgroup mode means
 * the engine's default: no user namespace (the host's), and on cgroup v1 the
 * host's cgroup namespace. A container always has its own mount namespace.
 */
export function namespacesOf(hostConfig: unknown, cgroupVersion: string | null): NamespaceInfo[] {
  const h = obj(hostConfig);
  const ns = (name: NamespaceName, mode: string, emptyIsHost: boolean): NamespaceInfo => {
    if (mode === 'host' || (mode === '' && emptyIsHost)) return { name, shared: 'host', with: null, mode: mode || 'host' };
    const joined = /^container:(.+)$/.exec(mode);
    if (joined) return { name, shared: 'container', with: joined[1]!, mode };
    return { name, shared: 'private', with: null, mode: mode || 'private' };
  };
  return [
    ns('pid', str(h['PidMode']), false),
    ns('net', str(h['NetworkMode']), false),
    ns('ipc', str(h['IpcMode']), false),
    ns('uts', str(h['UTSMode']), false),
    ns('mnt', '', false),
    ns('user', str(h['UsernsMode']), true),
    ns('cgroup', str(h['CgroupnsMode']), cgroupVersion !== '2'),
  ];
}

export function isolationOf(inspect: unknown, cgroupVersion: string | null): ContainerIsolation {
  const i = obj(inspect);
  const hostConfig = obj(i['HostConfig']);
  return {
    id: str(i['Id']),
    name: str(i['Name']).replace(/^\//, ''),
    limits: limitsOf(hostConfig),
    namespaces: namespacesOf(hostConfig, cgroupVersion),
    privileged: hostConfig['Privileged'] === true,
  };
}
