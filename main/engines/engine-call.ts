// Calls to the Engine API for the areas that act on it (pull, run, logs,
// exec, volumes, networks), with the engine's errors turned into messages that
// say what was wrong and what to do.
import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../api/procedure';

export interface EngineRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
  /** Sent as X-Registry-Auth; never logged. */
  auth?: object;
}

/** What the request was for, so an error can say it: "pull nginx:latest", "start web". */
export type Explain = (error: EngineFailure) => ApiError | null;

export interface EngineFailure {
  status: number | null;
  /** The engine's own message, or the connection error's. */
  message: string;
}

// docker-modem: true marks success; a string is the error text for that status.
const STATUS_CODES = { 200: true, 201: true, 204: true, 304: true, 400: 'bad parameter', 401: 'unauthorized', 403: 'forbidden', 404: 'not found', 409: 'conflict', 500: 'server error', 503: 'unavailable' } as const;

/** A request whose answer is JSON (or nothing). */
export function engineJson<T>(docker: Docker, req: EngineRequest, explain?: Explain): Promise<T> {
  return dial<T>(docker, req, false, explain);
}

/** A request whose answer is a stream (pull progress, logs). */
export function engineStream(docker: Docker, req: EngineRequest, explain?: Explain): Promise<IncomingMessage> {
  return dial<IncomingMessage>(docker, req, true, explain);
}

function dial<T>(docker: Docker, req: EngineRequest, isStream: boolean, explain?: Explain): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${req.path}?`,
        method: req.method,
        // docker-modem sends _query as the query string and _body as the JSON body ({} sends none).
        options: { _query: req.query ?? {}, _body: req.body ?? {} },
        abortSignal: req.signal,
        isStream,
        authconfig: req.auth,
        statusCodes: STATUS_CODES,
      } as Parameters<Docker['modem']['dial']>[0],
      (err, data) => (err ? reject(failure(err, explain)) : resolve(data as T)),
    );
  });
}

function failure(err: unknown, explain?: Explain): Error {
  const e = err as { statusCode?: number; json?: unknown; message?: string; code?: string; name?: string };
  if (e?.name === 'AbortError') return err as Error;
  const json = e?.json as { message?: unknown } | null | undefined;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : null;
  const message =
    typeof json?.message === 'string' ? json.message : (e?.message ?? String(err)).replace(/^\(HTTP code \d+\)\s*(unexpected - )?/, '').trim();
  const known = explain?.({ status, message }) ?? null;
  if (known) return known;
  if (status === null) return new ApiError('UNAVAILABLE', `Lost the connection to the engine: ${message}${e?.code ? ` (${e.code})` : ''}.`);
  return new ApiError(status === 404 ? 'NOT_FOUND' : 'ENGINE', `The engine refused: ${message}`);
}

/** Reads a whole JSON answer that dockerode returned as a stream. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** True for the engine's messages about a host port that something else holds. */
export function isPortInUse(message: string): boolean {
  return /port is already allocated|address already in use|bind: address/i.test(message);
}

/** The registry failures every pull can meet, in the user's words. */
export function explainRegistryError(reference: string, registry: string, message: string): ApiError | null {
  if (/unauthorized|authentication required|401|denied: requested access|no basic auth credentials/i.test(message)) {
    return new ApiError('ENGINE', `${registry} wants you to log in to pull ${reference}: run \`docker login ${registry}\`, then pull again. (${message})`);
  }
  if (/manifest unknown|not found|does not exist|404|repository name not known/i.test(message)) {
    return new ApiError('NOT_FOUND', `${reference} does not exist on ${registry}: check the name and the tag. If it is private, log in first. (${message})`);
  }
  if (/no such host|connection refused|i\/o timeout|network is unreachable|dial tcp|TLS handshake|server gave HTTP response to HTTPS client|context deadline exceeded/i.test(message)) {
    return new ApiError('UNAVAILABLE', `The engine cannot reach ${registry}: check the network and the registry address. (${message})`);
  }
  if (/toomanyrequests|rate limit/i.test(message)) {
    return new ApiError('ENGINE', `${registry} refused: too many pulls. Log in or wait a while. (${message})`);
  }
  return null;
}
