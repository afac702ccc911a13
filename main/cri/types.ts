// What Berth shows of a CRI runtime: plain data, shared with the renderer.

export interface CriRuntime {
  /** e.g. containerd, cri-o. */
  name: string;
  version: string;
  /** The CRI API version the runtime speaks, e.g. v1. */
  apiVersion: string;
  /** Where it answered: unix:///run/containerd/containerd.sock or ssh://user@host:port/run/…. */
  endpoint: string;
}

export type CriSandboxState = 'ready' | 'notready';
export type CriContainerState = 'created' | 'running' | 'exited' | 'unknown';

export interface CriContainerStats {
  /** CPU in use over the runtime's last sample window, in cores (1 = one full core); null if not reported. */
  cpuCores: number | null;
  /** Cumulative CPU time, in seconds. */
  cpuSeconds: number | null;
  /** Memory working set (what the kubelet counts), in bytes. */
  memoryWorkingSetBytes: number | null;
  memoryUsageBytes: number | null;
  /** Bytes the container wrote to its writable layer. */
  writableLayerBytes: number | null;
  writableLayerInodes: number | null;
}

export interface CriContainer {
  id: string;
  sandboxId: string;
  name: string;
  attempt: number;
  /** The image as the pod asked for it. */
  image: string;
  /** The image's id (digest) the runtime resolved it to. */
  imageRef: string;
  state: CriContainerState;
  /** Unix ms. */
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  exitCode: number | null;
  /** Why it is in its state (e.g. Completed, Error, OOMKilled), with the runtime's message. */
  reason: string;
  message: string;
  labels: Record<string, string>;
  stats: CriContainerStats | null;
}

export interface CriSandbox {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
  state: CriSandboxState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runtimeHandler: string;
  /** The pod's IP addresses, when the runtime manages its network. */
  ips: string[];
  containers: CriContainer[];
}

export interface CriImage {
  id: string;
  tags: string[];
  digests: string[];
  sizeBytes: number;
  pinned: boolean;
  /** How many listed containers use it. */
  containers: number;
}

export interface CriFilesystem {
  mountpoint: string;
  usedBytes: number | null;
  inodesUsed: number | null;
}

export interface CriSnapshot {
  runtime: CriRuntime;
  sandboxes: CriSandbox[];
  /** Containers whose sandbox the runtime did not list (a race while a pod goes). */
  unassigned: CriContainer[];
  images: CriImage[];
  imageFilesystems: CriFilesystem[];
  /** Unix ms when the snapshot was read. */
  takenAt: number;
}
