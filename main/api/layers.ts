// The layer explorer: an image's analysis (with progress), its trees a window
// at a time, the layers images share, and a container's writable layer.
import { z } from 'zod';
import { defaultCacheDir } from '../layers/cache';
import type { LoadProgress } from '../layers/load';
import { containerChanges, LayerService, sharedOnEngine, type AnalyzeEvent } from '../layers/service';
import { parsePlatform } from '../registry/details';
import { remoteImage } from '../registry/inspect';
import type { ApiContext } from './context';
import { TreeError } from '../layers/tree';
import { dockerFor } from './engine-access';
import { hostInput } from './inputs';
import { ApiError, query, subscription } from './procedure';
import { platformInput, registries, registryCall, registryId, repositoryName, tagOrDigest } from './registries';
import { containerId, withHost } from './schemas';

// BERTH_CACHE_DIR moves the cache (tests and `berth serve` on shared machines use it).
const service = new LayerService({ cacheDir: defaultCacheDir() });

const imageName = z.string().min(1).max(1024);
const change = z.enum(['added', 'modified', 'removed', 'unmodified']);
const treeRequest = z.object({
  id: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'an image id'),
  layer: z.number().int().min(0),
  view: z.enum(['changes', 'aggregate']),
  changes: z.array(change).max(4),
  path: z.string().max(1024),
  sort: z.enum(['name', 'size']),
  expand: z.enum(['all', 'none']),
  toggled: z.array(z.string().max(4096)).max(10_000),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(2000),
});
const remoteImageInput = z.object({ registry: registryId, repository: repositoryName, reference: tagOrDigest, platform: platformInput }).strict();

function openRemote(ctx: ApiContext, input: z.output<typeof remoteImageInput>, signal?: AbortSignal) {
  const book = registries(ctx);
  return book.client(input.registry).then((client) => remoteImage(client, book.domain(input.registry), input.repository, input.reference, input.platform ? parsePlatform(input.platform) : null, signal));
}

/** Runs an analysis, yielding its latest progress while it works, then its outcome. */
async function* withProgress(run: (onProgress: (p: LoadProgress) => void) => Promise<AnalyzeEvent>, signal: AbortSignal): AsyncGenerator<AnalyzeEvent> {
  const progress: AnalyzeEvent[] = [];
  let wake: (() => void) | null = null;
  let outcome: { done: AnalyzeEvent } | { error: unknown } | null = null;
  void run((p) => {
    // Only the latest progress matters to a reader that fell behind.
    progress.splice(0, progress.length, { kind: 'progress', progress: p });
    wake?.();
  })
    .then(
      (done) => (outcome = { done }),
      (error: unknown) => (outcome = { error }),
    )
    .finally(() => wake?.());
  while (!signal.aborted) {
    const next = progress.shift();
    if (next) {
      yield next;
      continue;
    }
    const settled = outcome as { done: AnalyzeEvent } | { error: unknown } | null;
    if (settled) {
      if ('error' in settled) throw settled.error;
      yield settled.done;
      return;
    }
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

export const layersApi = {
  /** Progress while the image is read, then its summary; unsubscribing stops the export. */
  analyze: subscription(withHost({ image: imageName }), async function* (input, ctx, signal): AsyncGenerator<AnalyzeEvent> {
    const docker = await dockerFor(ctx, input.host);
    yield* withProgress((onProgress) => service.analyze(input.host, docker, input.image, onProgress, signal), signal);
  }),
  /** The same for an image in a registry, read without pulling: its layer blobs stream, are checked, and are cached by digest. */
  analyzeRemote: subscription(remoteImageInput, async function* (input, ctx, signal): AsyncGenerator<AnalyzeEvent> {
    const image = await registryCall(() => openRemote(ctx, input, signal));
    yield* withProgress((onProgress) => registryCall(() => service.analyzeRemote(`registry:${input.registry}`, image, image.name, onProgress, signal)), signal);
  }),
  /** A window of the rows of a layer's changes, or of the filesystem up to a layer. */
  tree: query(
    withHost(treeRequest.shape),
    async ({ host, id, ...request }, ctx) => {
      try {
        return await service.tree(host, await dockerFor(ctx, host), id, request);
      } catch (error) {
        throw error instanceof TreeError ? new ApiError('BAD_INPUT', error.message) : error;
      }
    },
  ),
  /** A window of a registry image's tree, after analyzeRemote (read again from the registry if it was closed). */
  treeRemote: query(remoteImageInput.extend(treeRequest.shape), async ({ registry, repository, reference, platform, id, ...request }, ctx) =>
    registryCall(async () => {
      try {
        return await service.treeRemote(`registry:${registry}`, id, () => openRemote(ctx, { registry, repository, reference, platform }), request);
      } catch (error) {
        throw error instanceof TreeError ? new ApiError('BAD_INPUT', error.message) : error;
      }
    }),
  ),
  /** Which layers the host's images share, and the space that saves. */
  shared: query(hostInput, async (input, ctx) => sharedOnEngine(await dockerFor(ctx, input.host))),
  /** What a container changed on top of its image. */
  containerChanges: query(withHost({ id: containerId }), async (input, ctx) => containerChanges(await dockerFor(ctx, input.host), input.id)),
};
