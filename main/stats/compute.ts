// From the engine's stats JSON (GET /containers/{id}/stats) to a sample, the
// way the docker CLI computes `docker stats` (cli/command/container/stats_helpers.go)
// for Docker (cgroup v1 and v2), and as `podman stats` does for Podman's
// compatible API. No I/O: the sampler feeds it the figures scanned from what
// the engine sent (scan.ts) and the counters it kept.
import type { StatsFigures } from './scan';
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

/**
 * One reading. `previous` is the last reading Berth kept of this container:
 * CPU uses the engine's own precpu when it has one, as the CLI does, and the
 * previous reading when it has not (Docker's first sample, and Podman's first,
 * whose precpu is from a few milliseconds before); rates always use `previous`.
 */
export function readStats(f: StatsFigures, previous: Counters | null): Reading {
  const t = f.read;
  const counters: Counters = { t, cpuTotal: f.cpuTotal, systemTotal: f.systemCpu, netRx: f.netRx, netTx: f.netTx, blkRead: f.blkRead, blkWrite: f.blkWrite };

  // Podman's first precpu is read a few milliseconds before: too short a window to mean anything.
  const engineHasPrevious = f.preread > 0 && f.preSystemCpu > 0 && t - f.preread >= MIN_WINDOW_MS;
  const base = engineHasPrevious ? { t: f.preread, cpuTotal: f.preCpuTotal, systemTotal: f.preSystemCpu } : previous;
  const onlineCpus = f.onlineCpus || f.percpuCount;
  let cpu: number | null = null;
  if (base) {
    const cpuDelta = f.cpuTotal - base.cpuTotal;
    // Podman (which adds its own `cpu` figure) counts system_cpu_usage
    // differently from Docker, so the CLI's formula overshoots there; Podman
    // itself divides by the wall time between the readings, as done here.
    cpu = Number.isNaN(f.podmanCpu) ? cpuPercent(cpuDelta, f.systemCpu - base.systemTotal, onlineCpus) : cpuPercent(cpuDelta, (t - base.t) * 1e6, 1);
  }

  const seconds = previous ? (t - previous.t) / 1000 : 0;
  const rate = (now: number, before: number | undefined) =>
    // A counter that went down was reset (the container restarted): no rate across it.
    before === undefined || seconds <= 0 || now < before ? null : (now - before) / seconds;

  return {
    counters,
    sample: {
      t,
      cpu,
      mem: memoryUsed(f),
      memLimit: f.memLimit,
      netRx: rate(counters.netRx, previous?.netRx),
      netTx: rate(counters.netTx, previous?.netTx),
      blkRead: rate(counters.blkRead, previous?.blkRead),
      blkWrite: rate(counters.blkWrite, previous?.blkWrite),
      pids: f.pids,
      // Docker on cgroup v1 reports a huge number for "no limit"; the kernel's max is 4 million.
      pidsLimit: f.pidsLimit > 0 && f.pidsLimit < 2 ** 32 ? f.pidsLimit : null,
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
function memoryUsed(f: StatsFigures): number {
  const usage = f.memUsage;
  if (f.inactiveFileV1 < usage) return usage - f.inactiveFileV1;
  return f.inactiveFileV2 < usage ? usage - f.inactiveFileV2 : usage;
}
