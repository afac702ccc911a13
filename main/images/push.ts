// Pushing a local image to a registry through the engine (POST
// /images/{name}/push with X-Registry-Auth): the image is tagged with the
// target reference first, then each layer's progress is reported.
import type Docker from 'dockerode';
import { ApiError } from '../api/procedure';
import { engineJson, engineStream, explainRegistryError, type EngineFailure } from '../engines/engine-call';
import type { RegistryAuth } from './credentials';
import { JsonLines } from './pull-progress';
import { familiarString, repositoryName, type ImageReference } from './reference';

export type PushLayerState = 'waiting' | 'pushing' | 'pushed' | 'exists';

export interface PushEvent {
  reference: string;
  phase: 'pushing' | 'done';
  layers: { id: string; state: PushLayerState; current: number; total: number }[];
  /** The manifest digest the registry gave, once done. */
  digest: string | null;
}

interface PushMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Digest?: string };
}

/** The engine's push status words as layer states. Pure. */
export function pushState(status: string): PushLayerState | null {
  if (status === 'Preparing' || status === 'Waiting') return 'waiting';
  if (status === 'Pushing') return 'pushing';
  if (status === 'Pushed') return 'pushed';
  if (status === 'Layer already exists' || status.startsWith('Mounted from')) return 'exists';
  return null;
}

export async function* pushImage(docker: Docker, source: string, target: ImageReference, auth: RegistryAuth | null, signal: AbortSignal): AsyncGenerator<PushEvent> {
  const reference = familiarString(target);
  const explain = (message: string) => explainRegistryError(reference, target.domain, message.replace(/\bpull\b/g, 'push')) ?? new ApiError('ENGINE', `Pushing ${reference} failed: ${message}`);
  await engineJson<unknown>(docker, { method: 'POST', path: `/images/${encodeURIComponent(source)}/tag`, query: { repo: repositoryName(target), tag: target.tag ?? 'latest' } }, (f: EngineFailure) =>
    f.status === 404 ? new ApiError('NOT_FOUND', `There is no image ${source} on this engine to push.`) : null,
  );
  const res = await engineStream(docker, { method: 'POST', path: `/images/${encodeURIComponent(repositoryName(target))}/push`, query: { tag: target.tag ?? 'latest' }, signal, auth: auth ?? { serveraddress: target.domain } }, (f: EngineFailure) => explain(f.message));
  const layers = new Map<string, PushEvent['layers'][number]>();
  const lines = new JsonLines();
  let digest: string | null = null;
  const feed = (m: PushMessage) => {
    const error = m.errorDetail?.message ?? m.error;
    if (error) throw explain(error);
    if (m.aux?.Digest) digest = m.aux.Digest;
    const state = m.status ? pushState(m.status) : null;
    if (!m.id || !state) return;
    layers.set(m.id, { id: m.id, state, current: m.progressDetail?.current ?? (state === 'pushed' || state === 'exists' ? (layers.get(m.id)?.total ?? 0) : 0), total: m.progressDetail?.total ?? layers.get(m.id)?.total ?? 0 });
  };
  try {
    for await (const chunk of res) {
      for (const message of lines.push(chunk.toString('utf8'))) feed(message as PushMessage);
      yield { reference, phase: 'pushing', layers: [...layers.values()], digest };
    }
    for (const message of lines.end()) feed(message as PushMessage);
  } catch (err) {
    if (signal.aborted) return;
    throw err instanceof ApiError ? err : new ApiError('UNAVAILABLE', `The push of ${reference} broke off: ${(err as Error).message}.`);
  } finally {
    res.destroy();
  }
  yield { reference, phase: 'done', layers: [...layers.values()], digest };
}
