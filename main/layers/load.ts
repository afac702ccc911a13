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
import { metaFromConfig, type ImageLayers } from './image';
import { LayerLimitError, LayerReader, type LayerIndex } from './layer';
import { TarError } from './tar';

/**
 * An image read layer by layer from elsewhere (a registry) without an export:
 * its config, and each layer's uncompressed tar on demand, checked against its
 * digest as it streams (the stream throws at its end when it does not match).
 */
export interface RemoteImage {
  /** sha256 of the config: the image id. */
  id: string;
  config: unknown;
  tags: string[];
  /** Compressed bytes of each layer, for progress. */
  sizes: number[];
  layer(index: number, onCompressedBytes: (bytes: number) => void, signal?: AbortSignal): AsyncIterable<Uint8Array>;
}

export type LayerSource = { kind: 'engine'; docker: Docker } | { kind: 'archive'; path: string } | { kind: 'remote'; image: RemoteImage };

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
  const read = () => {
    if (source.kind === 'engine') return fromEngine(name, source.docker, options);
    if (source.kind === 'remote') return fromRemote(name, source.image, options);
    return fromArchive(name, source.path, options).then((l) => ({ ...l, fromCache: false }));
  };
  const loaded = await read().catch(
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

/** Layers already in the cache (by diff ID) are not downloaded again: an image sharing a base opens faster. */
async function fromRemote(name: string, image: RemoteImage, options: LoadOptions): Promise<Loaded> {
  options.onProgress?.({ phase: 'inspecting', bytes: 0, total: null });
  const meta = metaFromConfig(name, image.id, image.tags, image.config);
  if (meta.diffIds.length !== image.sizes.length) throw new ApiError('ENGINE', `The config of ${name} names ${meta.diffIds.length} layers but its manifest has ${image.sizes.length}.`);
  const cached = options.cache ? await fromCache(name, image.id, options.cache) : null;
  if (cached) return { ...cached, meta: { ...cached.meta, tags: image.tags }, fromCache: true };
  const total = image.sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  options.onProgress?.({ phase: 'reading', bytes: 0, total });
  const layers: LayerIndex[] = [];
  for (const [i, diffId] of meta.diffIds.entries()) {
    const known = options.cache ? await options.cache.layer(diffId) : null;
    if (known) {
      layers.push(known);
    } else {
      const reader = new LayerReader(options.maxEntries);
      for await (const chunk of image.layer(i, (bytes) => options.onProgress?.({ phase: 'reading', bytes: done + bytes, total }), options.signal)) reader.write(chunk);
      const layer = reader.finish();
      if (layer.diffId !== diffId) throw new ApiError('ENGINE', `Layer ${i + 1} of ${name} unpacks to ${layer.diffId}, not the ${diffId} its config names: the image is corrupt. Nothing was kept.`);
      layers.push(layer);
    }
    done += image.sizes[i]!;
    options.onProgress?.({ phase: 'reading', bytes: done, total });
  }
  return { meta, layers, fromCache: false };
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
