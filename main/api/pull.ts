// Pulling images, and what the run dialog needs to know about one.
import { z } from 'zod';
import { pullImage } from '../images/pull';
import { canonicalString, familiarString, parseReference } from '../images/reference';
import { engineJson } from '../engines/engine-call';
import { dockerFor } from './engine-access';
import { registryAuth } from './registries';
import { ApiError, query, subscription } from './procedure';
import { withHost } from './schemas';

const referenceText = z.string().max(1024);

function parsedOrThrow(text: string) {
  const parsed = parseReference(text);
  if (!parsed.ok) throw new ApiError('BAD_INPUT', parsed.error);
  return parsed.ref;
}

export interface ReferenceCheck {
  ok: boolean;
  error: string | null;
  canonical: string | null;
  familiar: string | null;
  tagDefaulted: boolean;
}

export interface ImageDefaults {
  id: string;
  cmd: string[];
  entrypoint: string[];
  env: string[];
  exposedPorts: string[];
  volumes: string[];
  workdir: string;
  user: string;
}

export const pullApi = {
  /** Validates as `docker pull` does, before anything is sent; cheap enough for every keystroke. */
  checkReference: query(z.object({ text: referenceText }).strict(), async ({ text }): Promise<ReferenceCheck> => {
    const parsed = parseReference(text);
    return parsed.ok
      ? { ok: true, error: null, canonical: canonicalString(parsed.ref), familiar: familiarString(parsed.ref), tagDefaulted: parsed.ref.tagDefaulted }
      : { ok: false, error: parsed.error, canonical: null, familiar: null, tagDefaulted: false };
  }),
  /** Progress per layer until done; unsubscribing stops the pull on the engine. */
  pull: subscription(withHost({ reference: referenceText }), async function* (input, ctx, signal) {
    const ref = parsedOrThrow(input.reference);
    const docker = await dockerFor(ctx, input.host);
    yield* pullImage(docker, ref, await registryAuth(ctx, ref), signal);
  }),
  /** An image's start-up defaults, to prefill the run dialog. */
  defaults: query(withHost({ reference: referenceText }), async (input, ctx): Promise<ImageDefaults> => {
    const docker = await dockerFor(ctx, input.host);
    const image = await engineJson<{
      Id: string;
      Config?: { Cmd?: string[] | null; Entrypoint?: string[] | null; Env?: string[] | null; ExposedPorts?: Record<string, object> | null; Volumes?: Record<string, object> | null; WorkingDir?: string; User?: string } | null;
    }>(docker, { method: 'GET', path: `/images/${encodeURIComponent(input.reference)}/json` }, (f) =>
      f.status === 404 ? new ApiError('NOT_FOUND', `The image ${input.reference} is not on this engine: pull it first.`) : null,
    );
    const c = image.Config ?? {};
    return {
      id: image.Id,
      cmd: c.Cmd ?? [],
      entrypoint: c.Entrypoint ?? [],
      env: c.Env ?? [],
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      volumes: Object.keys(c.Volumes ?? {}),
      workdir: c.WorkingDir ?? '',
      user: c.User ?? '',
    };
  }),
};
