// CRI wire objects to what Berth shows. Pure: tests feed it decoded responses.
import type { CriContainer, CriContainerStats, CriFilesystem, CriImage, CriRuntime, CriSandbox, CriSnapshot } from './types';
import type { WireContainer, WireContainerStats, WireContainerStatus, WireFilesystemUsage, WireImage, WireImageFsInfo, WirePodSandboxStatus, WireVersion } from './wire';

/** Nanoseconds since the epoch (a decimal string) to Unix ms; 0 (unset) is null. */
export function nanosToMs(nanos: string | undefined): number | null {
  if (!nanos || nanos === '0') return null;
  return Number(BigInt(nanos) / 1_000_000n);
}

const u64 = (value: { value: string } | null | undefined): number | null => (value ? Number(value.value) : null);

const CONTAINER_STATES = { CONTAINER_CREATED: 'created', CONTAINER_RUNNING: 'running', CONTAINER_EXITED: 'exited', CONTAINER_UNKNOWN: 'unknown' } as const;

export function mapRuntime(version: WireVersion, endpoint: string): CriRuntime {
  return { name: version.runtime_name, version: version.runtime_version, apiVersion: version.runtime_api_version, endpoint };
}

export function mapStats(stats: WireContainerStats): CriContainerStats {
  const nanoCores = u64(stats.cpu?.usage_nano_cores);
  const coreNanos = u64(stats.cpu?.usage_core_nano_seconds);
  return {
    cpuCores: nanoCores === null ? null : nanoCores / 1e9,
    cpuSeconds: coreNanos === null ? null : coreNanos / 1e9,
    memoryWorkingSetBytes: u64(stats.memory?.working_set_bytes),
    memoryUsageBytes: u64(stats.memory?.usage_bytes),
    writableLayerBytes: u64(stats.writable_layer?.used_bytes),
    writableLayerInodes: u64(stats.writable_layer?.inodes_used),
  };
}

/** A container from the list, completed by its status (exit code, times, reason) when the runtime gave one. */
export function mapContainer(container: WireContainer, status: WireContainerStatus | undefined, stats: WireContainerStats | undefined): CriContainer {
  const exited = container.state === 'CONTAINER_EXITED';
  return {
    id: container.id,
    sandboxId: container.pod_sandbox_id,
    name: container.metadata?.name ?? '',
    attempt: container.metadata?.attempt ?? 0,
    image: container.image?.image ?? '',
    imageRef: container.image_ref,
    state: CONTAINER_STATES[container.state] ?? 'unknown',
    createdAt: nanosToMs(container.created_at) ?? 0,
    startedAt: nanosToMs(status?.started_at),
    finishedAt: nanosToMs(status?.finished_at),
    exitCode: status && exited ? status.exit_code : null,
    reason: status?.reason ?? '',
    message: status?.message ?? '',
    labels: container.labels,
    stats: stats ? mapStats(stats) : null,
  };
}

export function mapSandbox(sandbox: WirePodSandboxStatus, containers: CriContainer[]): CriSandbox {
  const network = sandbox.network;
  return {
    id: sandbox.id,
    name: sandbox.metadata?.name ?? '',
    namespace: sandbox.metadata?.namespace ?? '',
    uid: sandbox.metadata?.uid ?? '',
    attempt: sandbox.metadata?.attempt ?? 0,
    state: sandbox.state === 'SANDBOX_READY' ? 'ready' : 'notready',
    createdAt: nanosToMs(sandbox.created_at) ?? 0,
    labels: sandbox.labels,
    annotations: sandbox.annotations,
    runtimeHandler: sandbox.runtime_handler,
    ips: network ? [network.ip, ...network.additional_ips.map((a) => a.ip)].filter(Boolean) : [],
    containers,
  };
}

export function mapImage(image: WireImage, containers: CriContainer[]): CriImage {
  return {
    id: image.id,
    tags: image.repo_tags,
    digests: image.repo_digests,
    sizeBytes: Number(image.size),
    pinned: image.pinned,
    containers: containers.filter((c) => c.imageRef === image.id).length,
  };
}

export function mapFilesystem(fs: WireFilesystemUsage): CriFilesystem {
  return { mountpoint: fs.fs_id?.mountpoint ?? '', usedBytes: u64(fs.used_bytes), inodesUsed: u64(fs.inodes_used) };
}

export interface WireSnapshot {
  version: WireVersion;
  endpoint: string;
  /** Each sandbox as its status, or as listed when its status could not be read. */
  sandboxes: WirePodSandboxStatus[];
  containers: WireContainer[];
  statuses: Map<string, WireContainerStatus>;
  stats: WireContainerStats[];
  images: WireImage[];
  imageFs: WireImageFsInfo;
  takenAt: number;
}

/** Sandboxes newest first, each with its containers (newest first). */
export function mapSnapshot(wire: WireSnapshot): CriSnapshot {
  const statsById = new Map(wire.stats.flatMap((s) => (s.attributes ? [[s.attributes.id, s] as const] : [])));
  const containers = wire.containers.map((c) => mapContainer(c, wire.statuses.get(c.id), statsById.get(c.id))).sort((a, b) => b.createdAt - a.createdAt);
  const known = new Set(wire.sandboxes.map((s) => s.id));
  const sandboxes = wire.sandboxes
    .map((s) => mapSandbox(s, containers.filter((c) => c.sandboxId === s.id)))
    .sort((a, b) => b.createdAt - a.createdAt);
  return {
    runtime: mapRuntime(wire.version, wire.endpoint),
    sandboxes,
    unassigned: containers.filter((c) => !known.has(c.sandboxId)),
    images: wire.images.map((i) => mapImage(i, containers)).sort((a, b) => (a.tags[0] ?? a.id).localeCompare(b.tags[0] ?? b.id)),
    imageFilesystems: [...wire.imageFs.image_filesystems, ...wire.imageFs.container_filesystems].map(mapFilesystem),
    takenAt: wire.takenAt,
  };
}
