// Podman's own API (libpod), beside its Docker-compatible one: what only
// Podman has (pods, its own inspect) goes through here, over the same
// connection as every other call.
import type Docker from 'dockerode';
import { ApiError } from '../api/procedure';
import { engineJson, type EngineRequest, type Explain } from './engine-call';
import { arr, num, obj, str } from './json';
import { mapLibpodContainer } from './map-containers';
import type { ContainerRow } from './types';

/** Podman 4.0 and later answer under this prefix; 4.x and 5.x accept it. */
export const LIBPOD_PREFIX = '/v4.0.0/libpod';

const notPodman: Explain = (f) =>
  f.status === 404 && /page not found|not found$/i.test(f.message) && !/no such/i.test(f.message)
    ? new ApiError('UNAVAILABLE', 'This engine has no libpod API: it is not Podman (pods and Podman\'s own fields need Podman 4 or later).')
    : null;

/** A libpod call: the path is below /libpod, e.g. "/pods/json". */
export function libpodJson<T>(docker: Docker, req: EngineRequest, explain?: Explain): Promise<T> {
  return engineJson<T>(docker, { ...req, path: `${LIBPOD_PREFIX}${req.path}` }, (f) => explain?.(f) ?? notPodman(f));
}

export async function listLibpodContainers(docker: Docker, signal?: AbortSignal): Promise<ContainerRow[]> {
  const raw = await libpodJson<unknown>(docker, { method: 'GET', path: '/containers/json', query: { all: true }, signal });
  return arr(raw)
    .map(mapLibpodContainer)
    .filter((c) => c.id !== '');
}

/** The fields of Podman's own inspect that its Docker-compatible one leaves out. */
export interface PodmanContainerFacts {
  ociRuntime: string;
  pod: string | null;
  /** True for a pod's infra container, which holds the pod's namespaces. */
  infra: boolean;
  conmonPid: number | null;
  /** Podman's state name (configured, running, stopped, …). */
  state: string;
  restarts: number;
}

export function mapPodmanInspect(raw: unknown): PodmanContainerFacts {
  const c = obj(raw);
  const state = obj(c['State']);
  const conmon = num(state['ConmonPid']);
  const pod = str(c['Pod']);
  return {
    ociRuntime: str(c['OCIRuntime']),
    pod: pod || null,
    infra: c['IsInfra'] === true,
    conmonPid: conmon > 0 ? conmon : null,
    state: str(state['Status']),
    restarts: num(c['RestartCount']),
  };
}

export async function inspectPodmanContainer(docker: Docker, id: string, signal?: AbortSignal): Promise<PodmanContainerFacts> {
  const raw = await libpodJson<unknown>(docker, { method: 'GET', path: `/containers/${encodeURIComponent(id)}/json`, signal }, (f) =>
    f.status === 404 && /no such container/i.test(f.message) ? new ApiError('NOT_FOUND', `No container "${id}" on this engine: it may have been removed.`) : null,
  );
  return mapPodmanInspect(raw);
}
