// What Berth knows about an engine and the objects in it, in the shape the UI
// shows. These types cross the API, so they are plain JSON-compatible data.

export type EngineKind = 'docker' | 'podman';

export interface EngineInfo {
  kind: EngineKind;
  /** The product name as the engine reports it, e.g. "Docker Engine - Community" or "Podman Engine". */
  product: string;
  version: string;
  apiVersion: string;
  minApiVersion: string | null;
  os: string; // "Debian GNU/Linux 12 (bookworm)"
  osType: string; // "linux"
  arch: string; // "x86_64"
  kernelVersion: string;
  hostname: string;
  cpus: number;
  memoryBytes: number;
  storageDriver: string;
  defaultRuntime: string;
  runtimes: string[];
  cgroupVersion: string | null;
  cgroupDriver: string | null;
  rootDir: string;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
  /** Podman reports it; Docker says so in its security options. */
  rootless: boolean;
  /** Where Berth reached it, e.g. unix:///var/run/docker.sock */
  endpoint: string;
  /** Why Berth looked there, as in ProbeAttempt.source: "Docker Desktop", "DOCKER_HOST", ... */
  source: string;
  /** What Berth can do with this engine, and why not where it cannot. */
  capabilities: Capabilities;
}

/** Things an engine may or may not do; the UI offers only what it can and says why not. */
export type Capability = 'pods' | 'stats' | 'exec' | 'pause' | 'events';

export interface CapabilityState {
  available: boolean;
  /** Why it is missing, for the user; null when available. */
  reason: string | null;
}

export type Capabilities = Record<Capability, CapabilityState>;

export interface PortMapping {
  privatePort: number;
  publicPort: number | null;
  ip: string | null;
  type: string; // tcp, udp, sctp
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ContainerRow {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  /** The engine's human status, e.g. "Up 3 minutes", "Exited (0) 2 hours ago", true when fetched. */
  status: string;
  /** Unix ms when the state in `status` began (estimated), so the UI can keep its duration current; null when it has none. */
  statusSince: number | null;
  /** Unix seconds. */
  created: number;
  ports: PortMapping[];
  labels: Record<string, string>;
}

export interface ImageRow {
  id: string;
  /** "repo:tag" references; empty for a dangling image. */
  repoTags: string[];
  repoDigests: string[];
  dangling: boolean;
  size: number;
  /** Bytes shared with other images; null when the engine cannot tell. */
  sharedSize: number | null;
  /** Unix seconds. */
  created: number;
  /** Containers (any state) created from this image. */
  containers: number;
}

/** A live list: a snapshot first, then patches. Rows are keyed by id. */
export type ListEvent<Row> = { type: 'snapshot'; rows: Row[] } | { type: 'patch'; upsert: Row[]; remove: string[] };

export type ProbeOutcome = 'ok' | 'missing' | 'refused' | 'permission' | 'timeout' | 'invalid' | 'error';

/** One place Berth looked for an engine, and what it found there. */
export interface ProbeAttempt {
  /** e.g. unix:///var/run/docker.sock, tcp://10.0.0.2:2376, npipe:////./pipe/docker_engine */
  endpoint: string;
  /** Why Berth looked there, e.g. "DOCKER_HOST", "docker context \"colima\"", "Docker Desktop". */
  source: string;
  outcome: ProbeOutcome;
  /** A sentence for the user: what happened and what to do. */
  detail: string;
}

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface ConnectionStatus {
  state: ConnectionState;
  /** The endpoint in use (online) or last used. */
  endpoint: string | null;
  /** Unix milliseconds of the last change of state. */
  since: number;
  /** Why it is offline, for the user. */
  error: string | null;
  /** Every place tried during the last discovery. */
  tried: ProbeAttempt[];
  /** Unix milliseconds of the next attempt while offline. */
  nextRetryAt: number | null;
}
