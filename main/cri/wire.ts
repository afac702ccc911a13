// The CRI messages as Berth decodes them: protobufjs objects with the .proto's
// snake_case names, 64-bit integers as decimal strings (nanosecond timestamps
// do not fit a double exactly) and enums as their names. Only what Berth reads.

type Labels = Record<string, string>;
interface U64 {
  value: string;
}

export interface WireVersion {
  version: string;
  runtime_name: string;
  runtime_version: string;
  runtime_api_version: string;
}

export interface WirePodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

export interface WirePodSandbox {
  id: string;
  metadata: WirePodSandboxMetadata | null;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  created_at: string;
  labels: Labels;
  annotations: Labels;
  runtime_handler: string;
}

export interface WirePodSandboxStatus extends WirePodSandbox {
  network: { ip: string; additional_ips: { ip: string }[] } | null;
}

export interface WireContainer {
  id: string;
  pod_sandbox_id: string;
  metadata: { name: string; attempt: number } | null;
  image: { image: string } | null;
  image_ref: string;
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
  created_at: string;
  labels: Labels;
  annotations: Labels;
  image_id: string;
}

export interface WireContainerStatus extends Omit<WireContainer, 'pod_sandbox_id'> {
  started_at: string;
  finished_at: string;
  exit_code: number;
  reason: string;
  message: string;
  mounts: { container_path: string; host_path: string; readonly: boolean }[];
  log_path: string;
}

export interface WireFilesystemUsage {
  timestamp: string;
  fs_id: { mountpoint: string } | null;
  used_bytes: U64 | null;
  inodes_used: U64 | null;
}

export interface WireContainerStats {
  attributes: { id: string; metadata: { name: string; attempt: number } | null; labels: Labels } | null;
  cpu: { timestamp: string; usage_core_nano_seconds: U64 | null; usage_nano_cores: U64 | null } | null;
  memory: { timestamp: string; working_set_bytes: U64 | null; available_bytes: U64 | null; usage_bytes: U64 | null; rss_bytes: U64 | null } | null;
  writable_layer: WireFilesystemUsage | null;
}

export interface WireImage {
  id: string;
  repo_tags: string[];
  repo_digests: string[];
  size: string;
  username: string;
  pinned: boolean;
}

export interface WireImageFsInfo {
  image_filesystems: WireFilesystemUsage[];
  container_filesystems: WireFilesystemUsage[];
}
