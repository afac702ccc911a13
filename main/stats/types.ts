// What Berth measures of a container, in the shape that crosses the API:
// plain JSON, rates already per second, nulls where a figure cannot be known
// yet (a rate needs two samples).

/** One reading of a container. */
export interface StatsSample {
  /** Unix milliseconds of the engine's reading. */
  t: number;
  /** Percent of one CPU, as `docker stats` shows it (200 = two CPUs busy). */
  cpu: number | null;
  /** Bytes in use, page cache that can be reclaimed left out, as `docker stats` counts. */
  mem: number;
  /** Bytes the container may use: its limit, or the host's memory when it has none (see memory-limit.ts). */
  memLimit: number;
  /** Bytes per second, all interfaces together. */
  netRx: number | null;
  netTx: number | null;
  /** Bytes per second read from and written to block devices. */
  blkRead: number | null;
  blkWrite: number | null;
  pids: number;
  /** Null when the container may start any number of processes. */
  pidsLimit: number | null;
}

export const SAMPLE_FIELDS = ['t', 'cpu', 'mem', 'memLimit', 'netRx', 'netTx', 'blkRead', 'blkWrite', 'pids', 'pidsLimit'] as const satisfies readonly (keyof StatsSample)[];

export type NamespaceName = 'pid' | 'net' | 'ipc' | 'uts' | 'mnt' | 'user' | 'cgroup';

export interface NamespaceInfo {
  name: NamespaceName;
  /** host: the host's own namespace; container: another container's (`with`); private: its own. */
  shared: 'host' | 'container' | 'private';
  /** The container whose namespace it joins, for shared = container. */
  with: string | null;
  /** The mode as the engine wrote it, e.g. "host", "private", "container:web", "bridge". */
  mode: string;
}

/** The cgroup limits set on a container (null: none set). */
export interface ContainerLimits {
  memoryBytes: number | null;
  /** Memory plus swap; -1 unlimited swap. */
  memorySwapBytes: number | null;
  memoryReservationBytes: number | null;
  /** CPUs the container may use, from --cpus or quota/period. */
  cpus: number | null;
  cpuQuotaUs: number | null;
  cpuPeriodUs: number | null;
  /** Relative weight; 1024 is the default. */
  cpuShares: number | null;
  /** e.g. "0-2,4"; null: all CPUs. */
  cpusetCpus: string | null;
  cpusetMems: string | null;
  pidsLimit: number | null;
}

export interface ContainerIsolation {
  id: string;
  name: string;
  limits: ContainerLimits;
  namespaces: NamespaceInfo[];
  privileged: boolean;
}

/** One tick of the live stream: the latest sample of every subscribed container that has one. */
export interface StatsFrame {
  t: number;
  samples: Record<string, StatsSample>;
  /** Containers being sampled that have no reading yet this tick (just started, or the engine is away). */
  waiting: string[];
  /** The engine host's memory in bytes: what a container without a limit of its own may reach. Null until the engine has said. */
  hostMemory: number | null;
}
