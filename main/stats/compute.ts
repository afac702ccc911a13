// From the engine's stats JSON (GET /containers/{id}/stats) to a sample, the
// way the docker CLI computes `docker stats` (cli/command/container/stats_helpers.go)
// for Docker (cgroup v1 and v2), and as `podman stats` does for Podman's
// compatible API. No I/O: the sampler feeds it what the engine sent and the counters it kept.
import { arr, num, obj, str, type Json } from '../engines/json';
import type { StatsSample } from './types';

/** The cumulative counters of a reading, kept to turn the next one into rates. */
export interface Counters {
  t: number;
  cpuTotal: number;
  systemTotal: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
}

/** Below this, a CPU delta is noise (a burst within one CFS period reads as 100%). */
const MIN_WINDOW_MS = 100;

export interface Reading {
  sample: StatsSample;
  counters: Counters;
}

/** Docker writes the zero time for a reading it does not have (the first precpu). */
const timeOf = (v: unknown): number => {
  const ms = Date.parse(str(v));
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
};

/**
 * One reading. `previous` is the last reading Berth kept of this container:
 * CPU uses the engine's own precpu when it has one, as the CLI does, and the
 * previous reading when it has not (Docker's first sample, and Podman's first,
 * whose precpu is from a few milliseconds before); rates always use `previous`.
 */
export function readStats(raw: unknown, previous: Counters | null): Reading {
  const s = obj(raw);
  const cpuStats = obj(s['cpu_stats']);
  const pre = obj(s['precpu_stats']);
  const t = timeOf(s['read']);
  const counters: Counters = {
    t,
    cpuTotal: num(obj(cpuStats['cpu_usage'])['total_usage']),
    systemTotal: num(cpuStats['system_cpu_usage']),
    ...networkTotals(s['networks']),
    ...blockTotals(obj(s['blkio_stats'])['io_service_bytes_recursive']),
  };

  const preread = timeOf(s['preread']);
  const preCpu = num(obj(pre['cpu_usage'])['total_usage']);
  const preSystem = num(pre['system_cpu_usage']);
  // Podman's first precpu is read a few milliseconds before: too short a window to mean anything.
  const engineHasPrevious = preread > 0 && preSystem > 0 && t - preread >= MIN_WINDOW_MS;
  const base = engineHasPrevious ? { t: preread, cpuTotal: preCpu, systemTotal: preSystem } : previous;
  const onlineCpus = num(cpuStats['online_cpus']) || arr(obj(cpuStats['cpu_usage'])['percpu_usage']).length;
  let cpu: number | null = null;
  if (base) {
    const cpuDelta = counters.cpuTotal - base.cpuTotal;
    // Podman (which adds its own `cpu` figure) counts system_cpu_usage
    // differently from Docker, so the CLI's formula overshoots there; Podman
    // itself divides by the wall time between the readings, as done here.
    cpu = typeof cpuStats['cpu'] === 'number' ? cpuPercent(cpuDelta, (t - base.t) * 1e6, 1) : cpuPercent(cpuDelta, counters.systemTotal - base.systemTotal, onlineCpus);
  }

  const memory = obj(s['memory_stats']);
  const pidsStats = obj(s['pids_stats']);
  const pidsLimit = num(pidsStats['limit']);
  const seconds = previous ? (t - previous.t) / 1000 : 0;
  const rate = (now: number, before: number | undefined) =>
    // A counter that went down was reset (the container restarted): no rate across it.
    before === undefined || seconds <= 0 || now < before ? null : (now - before) / seconds;

  return {
    counters,
    sample: {
      t,
      cpu,
      mem: memoryUsed(memory),
      memLimit: num(memory['limit']),
      netRx: rate(counters.netRx, previous?.netRx),
      netTx: rate(counters.netTx, previous?.netTx),
      blkRead: rate(counters.blkRead, previous?.blkRead),
      blkWrite: rate(counters.blkWrite, previous?.blkWrite),
      pids: num(pidsStats['current']),
      // Docker on cgroup v1 reports a huge number for "no limit"; the kernel's max is 4 million.
      pidsLimit: pidsLimit > 0 && pidsLimit < 2 ** 32 ? pidsLimit : null,
    },
  };
}

/** calculateCPUPercentUnix: the container's share of the host's CPU time, scaled to online CPUs. */
export function cpuPercent(cpuDelta: number, systemDelta: number, onlineCpus: number): number {
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;
}

/**
 * calculateMemUsageUnixNoCache: usage minus the inactive file cache, which the
 * kernel reclaims before it kills: total_inactive_file on cgroup v1,
 * inactive_file on v2. Podman's compatible API already leaves the cache out.
 */
export function memoryUsed(memory: Json): number {
  const usage = num(memory['usage']);
  const stats = obj(memory['stats']);
  const v1 = stats['total_inactive_file'];
  if (typeof v1 === 'number' && v1 < usage) return usage - v1;
  const v2 = num(stats['inactive_file']);
  return v2 < usage ? usage - v2 : usage;
}

function networkTotals(networks: unknown): { netRx: number; netTx: number } {
  let netRx = 0;
  let netTx = 0;
  for (const n of Object.values(obj(networks))) {
    netRx += num(obj(n)['rx_bytes']);
    netTx += num(obj(n)['tx_bytes']);
  }
  return { netRx, netTx };
}

/** calculateBlockIO: "Read"/"Write" on cgroup v1, "read"/"write" on v2. */
function blockTotals(entries: unknown): { blkRead: number; blkWrite: number } {
  let blkRead = 0;
  let blkWrite = 0;
  for (const e of arr(entries)) {
    const op = str(obj(e)['op']).toLowerCase();
    if (op === 'read') blkRead += num(obj(e)['value']);
    else if (op === 'write') blkWrite += num(obj(e)['value']);
  }
  return { blkRead, blkWrite };
}
