// The OCI runtime that runs one container: Docker names it in
// HostConfig.Runtime; Podman's compatible inspect says only "oci", its own
// (libpod) inspect names it in OCIRuntime, with the pod and conmon beside it.
import type Docker from 'dockerode';
import { inspectContainer } from '../containers/actions';
import { inspectPodmanContainer, type PodmanContainerFacts } from '../engines/libpod';
import type { EngineKind } from '../engines/types';

export interface ContainerRuntime {
  /** runc, crun, io.containerd.runc.v2, … */
  ociRuntime: string;
  /** Podman's own fields; null on Docker. */
  podman: PodmanContainerFacts | null;
}

export async function containerRuntime(docker: Docker, kind: EngineKind, id: string, defaultRuntime: string): Promise<ContainerRuntime> {
  if (kind === 'podman') {
    const facts = await inspectPodmanContainer(docker, id);
    return { ociRuntime: facts.ociRuntime || defaultRuntime, podman: facts };
  }
  const inspected = await inspectContainer<{ HostConfig?: { Runtime?: string } }>(docker, id);
  return { ociRuntime: inspected.HostConfig?.Runtime || defaultRuntime, podman: null };
}
