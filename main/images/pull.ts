// Pulling an image through the engine (POST /images/create), reporting
// progress as it goes. Aborting the signal closes the request, which makes the
// engine stop the pull.
import type Docker from 'dockerode';
import { engineStream, explainRegistryError } from '../engines/engine-call';
import { ApiError } from '../api/procedure';
import { JsonLines, PullTracker, type PullProgress } from './pull-progress';
import { familiarString, repositoryName, type ImageReference } from './reference';
import type { RegistryAuth } from './credentials';

export interface PullEvent {
  /** The familiar form: "nginx:latest", "127.0.0.1:5000/web:1". */
  reference: string;
  phase: 'pulling' | 'done';
  progress: PullProgress;
}

/** Progress goes out at most this often; the final state always does. */
const EMIT_EVERY_MS = 100;

export async function* pullImage(docker: Docker, ref: ImageReference, auth: RegistryAuth | null, signal: AbortSignal, now: () => number = Date.now): AsyncGenerator<PullEvent> {
  const reference = familiarString(ref);
  const registry = ref.domain;
  const explain = (message: string) => explainRegistryError(reference, registry, message) ?? new ApiError('ENGINE', `Pulling ${reference} failed: ${message}`);
  // The engine takes a digest in the tag parameter too; with both, the digest wins, as in `docker pull`.
  const query = { fromImage: repositoryName(ref), tag: ref.digest ?? ref.tag ?? 'latest' };
  const res = await engineStream(docker, { method: 'POST', path: '/images/create', query, signal, auth: auth ?? undefined }, (f) => explain(f.message));
  const tracker = new PullTracker();
  const lines = new JsonLines();
  let last = 0;
  yield { reference, phase: 'pulling', progress: tracker.snapshot(now()) };
  try {
    for await (const chunk of res) {
      for (const message of lines.push(chunk.toString('utf8'))) tracker.feed(message, now());
      const progress = tracker.snapshot(now());
      if (progress.error) throw explain(progress.error);
      if (now() - last >= EMIT_EVERY_MS) {
        last = now();
        yield { reference, phase: 'pulling', progress };
      }
    }
  } catch (err) {
    if (signal.aborted) return;
    throw err instanceof ApiError ? err : new ApiError('UNAVAILABLE', `The pull of ${reference} broke off: ${(err as Error).message}.`);
  } finally {
    res.destroy();
  }
  for (const message of lines.end()) tracker.feed(message, now());
  const progress = tracker.snapshot(now());
  if (progress.error) throw explain(progress.error);
  yield { reference, phase: 'done', progress: { ...progress, fraction: 1 } };
}
