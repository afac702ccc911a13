// The driver for Docker Engine and Podman's Docker-compatible API, over
// dockerode. One driver is one connection's life: the session makes a new one
// on every reconnect and closes the old, which drops its pooled sockets.
import Docker from 'dockerode';
import type { Agent, IncomingMessage } from 'node:http';
import { ApiError } from '../api/procedure';
import { dialTarget, type DialTarget } from '../hosts/dial';
import { endpointUrl, type Candidate } from '../hosts/endpoint';
import { EVENT_FILTERS, readEvents, type EngineEvent } from './events';
import { mapContainers } from './map-containers';
import { mapImages, sharedSizesOf, type ImageBase, type SharedSizes } from './map-images';
import { apiAtLeast, detectKind, mapEngineInfo } from './map-info';
import type { ContainerRow, EngineInfo } from './types';

export interface EngineDriver {
  /** The endpoint in DOCKER_HOST form. */
  readonly endpoint: string;
  /** For the other areas (actions, pulls, logs) that speak the Engine API directly. */
  readonly docker: Docker;
  /** Where requests go, for a reader that takes connections of its own from the agent (the stats sampler). */
  readonly target: DialTarget;
  info(signal?: AbortSignal): Promise<EngineInfo>;
  /** All containers, or only those with these full ids. */
  listContainers(ids: string[] | null, signal?: AbortSignal): Promise<ContainerRow[]>;
  /** Quick: shared sizes only where the list itself carries them (API 1.42+), else null. */
  listImages(signal?: AbortSignal): Promise<ImageBase[]>;
  /** Shared sizes by image id, from /system/df, which sizes every layer and container: slow. Null when listImages has them. */
  sharedSizes(signal?: AbortSignal): Promise<SharedSizes | null>;
  /** Resolves once the engine accepted the subscription; the iterable ends when the stream does. */
  openEvents(signal: AbortSignal): Promise<AsyncIterable<EngineEvent>>;
  close(): void;
}

export interface DockerDriverOptions {
  requestTimeoutMs?: number;
  /** /system/df sizes every layer: slower than a list. */
  diskUsageTimeoutMs?: number;
  /** Carries every request instead of a direct dial (SSH channels to a remote socket). */
  agent?: Agent;
  /** Where the user sees the engine, when not the endpoint itself (ssh://user@host/path). */
  label?: string;
}

export type ConnectDriver = (candidate: Candidate) => EngineDriver;

export function createDockerDriver(candidate: Candidate, options: DockerDriverOptions = {}): EngineDriver {
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const diskUsageTimeoutMs = options.diskUsageTimeoutMs ?? 30_000;
  const endpoint = options.label ?? endpointUrl(candidate.endpoint);
  const target: DialTarget = options.agent && candidate.endpoint.kind === 'unix' ? { socketPath: candidate.endpoint.path, protocol: 'http:', agent: options.agent } : dialTarget(candidate.endpoint, { keepAlive: true });
  // Every connection field is given, so docker-modem's defaults from
  // process.env.DOCKER_HOST cannot redirect this driver elsewhere.
  // docker-modem takes an agent; its type definitions do not list it.
  const modemOptions: Docker.DockerOptions & { agent: typeof target.agent } =
    target.socketPath !== undefined
      ? { socketPath: target.socketPath, host: undefined, port: undefined, protocol: 'http', agent: target.agent }
      : { host: target.host, port: target.port, protocol: target.protocol === 'https:' ? 'https' : 'http', agent: target.agent };
  const docker = new Docker(modemOptions);
  let version: Promise<unknown> | null = null;

  const dial = <T>(path: string, query: object, signal: AbortSignal | undefined, timeoutMs: number, stream = false): Promise<T> =>
    withTimeout(timeoutMs, signal, (abortSignal) =>
      new Promise<T>((resolve, reject) => {
        docker.modem.dial(
          { path: `${path}?`, method: 'GET', options: { ...query }, abortSignal, isStream: stream, statusCodes: { 200: true, 400: 'bad parameter', 404: 'not found', 500: 'server error' } },
          (err, data) => (err ? reject(toApiError(err, endpoint)) : resolve(data as T)),
        );
      }),
    );

  const getVersion = () => {
    version ??= dial<unknown>('/version', {}, undefined, requestTimeoutMs).catch((err: unknown) => {
      version = null;
      throw err;
    });
    return version;
  };

  /** Docker 23+ (API 1.42) computes shared sizes on the list itself when asked; older engines and Podman only in /system/df. */
  const sharedOnList = async () => {
    const v = await getVersion();
    return detectKind(v) === 'docker' && apiAtLeast(String((v as { ApiVersion?: unknown })?.ApiVersion ?? ''), '1.42');
  };

  return {
    endpoint,
    docker,
    target,
    async info(signal) {
      const [v, i] = await Promise.all([getVersion(), dial<unknown>('/info', {}, signal, requestTimeoutMs)]);
      return mapEngineInfo(v, i, { endpoint, source: candidate.source });
    },
    async listContainers(ids, signal) {
      // The id filter matches prefixes; full ids make it exact, and the caller checks anyway.
      const query = ids ? { all: 1, filters: { id: ids } } : { all: 1 };
      const rows = mapContainers(await dial<unknown>('/containers/json', query, signal, requestTimeoutMs), Date.now());
      return ids ? rows.filter((r) => ids.includes(r.id)) : rows;
    },
    async listImages(signal) {
      const onList = await sharedOnList();
      const raw = await dial<unknown>('/images/json', onList ? { 'shared-size': 1 } : {}, signal, requestTimeoutMs);
      return mapImages(raw, onList ? sharedSizesOf(raw) : null);
    },
    async sharedSizes(signal) {
      if (await sharedOnList()) return null;
      const df = await dial<{ Images?: unknown }>('/system/df', { type: 'image' }, signal, diskUsageTimeoutMs);
      return sharedSizesOf(df?.Images);
    },
    async openEvents(signal) {
      // No timeout: the stream is meant to stay open and quiet for hours.
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        docker.modem.dial(
          { path: '/events?', method: 'GET', options: { filters: EVENT_FILTERS }, abortSignal: signal, isStream: true, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } },
          (err, data) => (err ? reject(toApiError(err, endpoint)) : resolve(data as IncomingMessage)),
        );
      });
      return readEvents(res);
    },
    close() {
      target.agent.destroy();
    },
  };
}

/** Runs fn with a signal that aborts on the caller's signal or after ms, and clears its timer either way. */
async function withTimeout<T>(ms: number, outer: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const onAbort = () => controller.abort();
  outer?.addEventListener('abort', onAbort, { once: true });
  if (outer?.aborted) controller.abort();
  try {
    return await fn(controller.signal);
  } catch (err) {
    if (timedOut) throw new ApiError('UNAVAILABLE', `The engine did not answer within ${Math.round(ms / 1000)} s.`);
    throw err;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/** Engine answers become ENGINE errors with the engine's own message; connection failures UNAVAILABLE. */
export function toApiError(err: unknown, endpoint: string): Error {
  if (err instanceof ApiError) return err;
  const e = err as { statusCode?: number; json?: unknown; message?: string; code?: string; name?: string };
  if (e?.name === 'AbortError') return err as Error;
  if (typeof e?.statusCode === 'number') {
    const json = e.json as { message?: unknown } | null | undefined;
    const message = typeof json?.message === 'string' ? json.message : (e.message ?? '').replace(/^\(HTTP code \d+\)\s*/, '').trim();
    return new ApiError(e.statusCode === 404 ? 'NOT_FOUND' : 'ENGINE', `The engine answered HTTP ${e.statusCode}: ${message}`);
  }
  return new ApiError('UNAVAILABLE', `Lost the connection to the engine at ${endpoint}: ${e?.message ?? String(err)}${e?.code ? ` (${e.code})` : ''}.`);
}

