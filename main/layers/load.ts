// Getting an image's layers from a source, through the cache. The analysis
// never knows where the bytes came from: every source ends as ImageLayers.
import type Docker from 'dockerode';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { ApiError } from '../api/procedure';
import { toApiError } from '../engines/docker-driver';
import { readImageArchive, readOciDirectory } from './archive';
import type { LayerCache } from './cache';
import type { ImageLayers } from './image';
import { LayerLimitError, type LayerIndex } from './layer';
import { TarError } from './tar';

export type LayerSource = { kind: 'engine'; docker: Docker } | { kind: 'archive'; path: string };

export interface LoadProgress {
  phase: 'inspecting' | 'reading';
  /** Bytes read from the export or the archive so far. */
  bytes: number;
  /** What the engine says the image takes, when known: a rough total for the bytes. */
  total: number | null;
}

export interface LoadOptions {
  cache?: LayerCache;
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
  maxEntries?: number;
}

export interface Loaded extends ImageLayers {
  /** True when nothing had to be exported or read: config and layers all came from the cache. */
  fromCache: boolean;
}

export async function loadImage(name: string, source: LayerSource, options: LoadOptions = {}): Promise<Loaded> {
  const loaded = await (source.kind === 'engine' ? fromEngine(name, source.docker, options) : fromArchive(name, source.path, options).then((l) => ({ ...l, fromCache: false }))).catch(
    (error: unknown) => {
      // Messages meant for the user, with the API's codes, so the app shows them rather than "internal error".
      if (error instanceof LayerLimitError) throw new ApiError('LIMIT', error.message);
      if (error instanceof TarError) throw new ApiError('ENGINE', `The image could not be read: ${error.message}`);
      throw error;
    },
  );
  if (options.cache && !loaded.fromCache) {
    const cache = options.cache;
    await Promise.all(loaded.layers.map((l) => cache.putLayer(l)));
    await cache.putImage(loaded.meta);
  }
  return loaded;
}

async function fromEngine(name: string, docker: Docker, options: LoadOptions): Promise<Loaded> {
  options.onProgress?.({ phase: 'inspecting', bytes: 0, total: null });
  const info = await docker
    .getImage(name)
    .inspect()
    .catch((err: unknown) => {
      throw toApiError(err, 'the engine');
    });
  const cached = options.cache ? await fromCache(name, info.Id, options.cache) : null;
  if (cached) return { ...cached, meta: { ...cached.meta, tags: info.RepoTags ?? [] }, fromCache: true };
  const total = info.Size ?? null;
  options.onProgress?.({ phase: 'reading', bytes: 0, total });
  const stream = (await docker
    .getImage(info.Id)
    .get()
    .catch((err: unknown) => {
      throw toApiError(err, 'the engine');
    })) as NodeJS.ReadableStream & { destroy(error?: Error): void };
  const abort = () => stream.destroy(new ApiError('UNAVAILABLE', 'Reading the image was stopped.'));
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    const read = await readImageArchive(stream as AsyncIterable<Uint8Array>, {
      maxEntries: options.maxEntries,
      onBytes: (bytes) => options.onProgress?.({ phase: 'reading', bytes, total }),
    });
    return { ...read, meta: { ...read.meta, name, tags: info.RepoTags ?? [] }, fromCache: false };
  } finally {
    options.signal?.removeEventListener('abort', abort);
    stream.destroy();
  }
}

async function fromCache(name: string, id: string, cache: LayerCache): Promise<ImageLayers | null> {
  const meta = await cache.image(id);
  if (!meta) return null;
  const layers = await Promise.all(meta.diffIds.map((d) => cache.layer(d)));
  if (layers.some((l) => l === null)) return null;
  return { meta: { ...meta, name }, layers: layers as LayerIndex[] };
}

/** A `docker save` archive (plain or gzipped) or an OCI image layout, as a tar or a directory. */
async function fromArchive(name: string, path: string, options: LoadOptions): Promise<ImageLayers> {
  const info = await stat(path).catch(() => {
    throw new ApiError('NOT_FOUND', `There is no archive at ${path}.`);
  });
  const onBytes = (bytes: number) => options.onProgress?.({ phase: 'reading', bytes, total: info.size });
  const pick = name === '' ? undefined : name;
  if (info.isDirectory()) return readOciDirectory(path, { name: pick, maxEntries: options.maxEntries, onBytes });
  const head = Buffer.alloc(2);
  const handle = await open(path);
  await handle.read(head, 0, 2, 0).finally(() => handle.close());
  const file = createReadStream(path, { highWaterMark: 1 << 20, signal: options.signal });
  const bytes = head[0] === 0x1f && head[1] === 0x8b ? file.pipe(createGunzip()) : file;
  return readImageArchive(bytes, { name: pick, maxEntries: options.maxEntries, onBytes });
}
