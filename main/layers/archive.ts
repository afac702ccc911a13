// Reading images from archives as they stream: a `docker save` tar (the
// engine's GET /images/{name}/get, or a file), an OCI image layout in a tar,
// or an OCI layout directory. Each layer streams through a LayerReader as it
// passes (gunzipped on the fly when compressed); only JSON documents are
// buffered. Nothing is written anywhere.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { createGunzip, type Gunzip } from 'node:zlib';
import { ApiError } from '../api/procedure';
import { metaFromConfig, orderLayers, type ImageLayers } from './image';
import { LayerReader, type LayerIndex } from './layer';
import { TarParser } from './tar';

/** JSON documents (manifests, configs) beyond this are not buffered. */
const MAX_JSON_BYTES = 16 << 20;

export interface ReadOptions {
  /** Picks an image from an archive holding several; by default the only one. */
  name?: string;
  maxEntries?: number;
  /** Bytes read so far from the source, for progress. */
  onBytes?: (bytes: number) => void;
}

/** One member of an archive: a layer read as it streams, or a JSON document. */
interface MemberSink {
  data(chunk: Uint8Array): void;
  end(): Promise<void>;
}

/** Layer bytes, gzipped or not (decided by the first bytes), into a LayerReader. */
class LayerSink implements MemberSink {
  private gunzip: Gunzip | null = null;
  private failure: unknown = null;
  private decided = false;
  private gunzipDone: Promise<void> | null = null;
  private pending: Promise<void>[] = [];
  readonly reader: LayerReader;

  constructor(maxEntries: number | undefined) {
    this.reader = new LayerReader(maxEntries);
  }

  data(chunk: Uint8Array): void {
    if (!this.decided) {
      this.decided = true;
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        const gunzip = createGunzip();
        gunzip.on('data', (d: Buffer) => {
          try {
            if (!this.failure) this.reader.write(d);
          } catch (error) {
            this.failure = error;
          }
        });
        this.gunzipDone = new Promise((resolve, reject) => {
          gunzip.on('end', resolve);
          gunzip.on('error', reject);
        });
        this.gunzip = gunzip;
      }
    }
    if (!this.gunzip) return this.reader.write(chunk);
    const gunzip = this.gunzip;
    this.pending.push(new Promise((resolve) => gunzip.write(Buffer.from(chunk), () => resolve())));
  }

  /** Waits until the gunzipped bytes written so far went through the reader. */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
    if (this.failure) throw this.failure;
  }

  async end(): Promise<void> {
    if (this.gunzip) {
      this.gunzip.end();
      await this.gunzipDone;
    }
    await this.settle();
  }
}

class JsonSink implements MemberSink {
  private parts: Uint8Array[] = [];
  private bytes = 0;
  constructor(private readonly name: string) {}
  data(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.bytes > MAX_JSON_BYTES) throw new ApiError('BAD_INPUT', `${this.name} in the archive is larger than ${MAX_JSON_BYTES >> 20} MiB: not an image document.`);
    this.parts.push(chunk.slice());
  }
  async end(): Promise<void> {}
  text(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/**
 * Layers are `…/layer.tar` (docker save), `<digest>.tar` (Podman) or blobs that are not JSON (OCI
 * layout, where manifests and configs are blobs too); other members we need
 * are JSON documents; the rest (VERSION files) is skipped.
 */
class SniffSink implements MemberSink {
  sink: LayerSink | JsonSink | null = null;
  private skip = false;
  constructor(
    private readonly name: string,
    private readonly maxEntries: number | undefined,
  ) {}
  data(chunk: Uint8Array): void {
    if (this.skip || chunk.length === 0) return;
    if (!this.sink) {
      // Podman and skopeo name docker-archive layers `<digest>.tar`.
      const layerName = /\.(tar|tar\.gz|tgz)$/.test(this.name) || this.name.startsWith('blobs/');
      const json = chunk[0] === 0x7b || chunk[0] === 0x5b; // { or [
      if (json && !this.name.endsWith('layer.tar')) this.sink = new JsonSink(this.name);
      else if (layerName) this.sink = new LayerSink(this.maxEntries);
      else return void (this.skip = true);
    }
    this.sink.data(chunk);
  }
  async end(): Promise<void> {
    await this.sink?.end();
  }
}

/** Reads an image archive (docker save or OCI layout as a tar) from a stream of bytes. */
export async function readImageArchive(source: AsyncIterable<Uint8Array>, options: ReadOptions = {}): Promise<ImageLayers> {
  const members = new Map<string, SniffSink>();
  // docker save writes a layer shared by two saved images once and links the second name to it.
  const aliases = new Map<string, string>();
  let current: SniffSink | null = null;
  const ends: Promise<void>[] = [];
  const parser = new TarParser({
    entry: (h) => {
      current = h.type === 'file' ? new SniffSink(h.name, options.maxEntries) : null;
      if (current) members.set(h.name, current);
      else if (h.type === 'hardlink') aliases.set(h.name, h.linkname);
      else if (h.type === 'symlink') aliases.set(h.name, posix.normalize(posix.join(posix.dirname(h.name), h.linkname)));
    },
    data: (chunk) => current?.data(chunk),
    entryEnd: () => {
      if (current) ends.push(current.end());
      current = null;
    },
  });
  let bytes = 0;
  for await (const chunk of source) {
    parser.write(chunk);
    bytes += chunk.length;
    options.onBytes?.(bytes);
    const sink = (current as SniffSink | null)?.sink;
    if (sink instanceof LayerSink) await sink.settle();
    if (ends.length > 0) await Promise.all(ends.splice(0));
  }
  parser.end();
  await Promise.all(ends);

  const layers = new Map<string, LayerIndex>();
  const json = new Map<string, Buffer>();
  for (const [name, m] of members) {
    if (m.sink instanceof LayerSink) layers.set(name, m.sink.reader.finish());
    else if (m.sink instanceof JsonSink) json.set(name, m.sink.text());
  }
  const resolve = (p: string) => aliases.get(p) ?? p;
  return resolveImage({ json: (p) => json.get(resolve(p)), layer: (p) => layers.get(resolve(p)) }, options.name);
}

/** Reads an OCI image layout directory: documents from disk, each layer blob streamed. */
export async function readOciDirectory(dir: string, options: ReadOptions = {}): Promise<ImageLayers> {
  const read = async (p: string) => readFile(join(dir, p)).catch(() => undefined);
  const documents = new Map<string, Buffer>();
  const index = await read('index.json');
  if (!index) throw new ApiError('BAD_INPUT', `${dir} is not an OCI image layout: it has no index.json.`);
  documents.set('index.json', index);
  const { manifest, config } = await ociManifest((p) => documents.get(p), async (p) => {
    const b = await read(p);
    if (b) documents.set(p, b);
    return b;
  }, options.name);
  const layers = new Map<string, LayerIndex>();
  let bytes = 0;
  for (const layer of manifest.layers) {
    const path = blobPath(layer.digest);
    const sink = new LayerSink(options.maxEntries);
    for await (const chunk of createReadStream(join(dir, path), { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      sink.data(chunk);
      await sink.settle();
      bytes += chunk.length;
      options.onBytes?.(bytes);
    }
    await sink.end();
    layers.set(path, sink.reader.finish());
  }
  return assemble(config, manifest.configBytes, manifest.tags, options.name, manifest.layers.map((l) => layers.get(blobPath(l.digest))));
}

interface Resolver {
  json(path: string): Buffer | undefined;
  layer(path: string): LayerIndex | undefined;
}

async function resolveImage(r: Resolver, name: string | undefined): Promise<ImageLayers> {
  const dockerManifest = r.json('manifest.json');
  if (dockerManifest) {
    const entries = parseJson<{ Config: string; RepoTags?: string[] | null; Layers: string[] }[]>(dockerManifest, 'manifest.json');
    const entry = pick(entries, (e) => e.RepoTags ?? [], name);
    const configBytes = r.json(entry.Config);
    if (!configBytes) throw new ApiError('BAD_INPUT', `The archive lists ${entry.Config} as the image config but does not hold it.`);
    return assemble(parseJson(configBytes, entry.Config), configBytes, entry.RepoTags ?? [], name, entry.Layers.map((p) => r.layer(p)));
  }
  if (!r.json('index.json')) throw new ApiError('BAD_INPUT', 'This archive is neither a `docker save` archive (no manifest.json) nor an OCI image layout (no index.json).');
  const { manifest, config } = await ociManifest(r.json, async () => undefined, name);
  return assemble(config, manifest.configBytes, manifest.tags, name, manifest.layers.map((l) => r.layer(blobPath(l.digest))));
}

function assemble(config: unknown, configBytes: Buffer, tags: string[], name: string | undefined, found: (LayerIndex | undefined)[]): ImageLayers {
  const id = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`;
  const meta = metaFromConfig(name ?? tags[0] ?? id, id, tags, config);
  // Layers are matched by content: the diff IDs in the config are the digests of the uncompressed tars.
  const byDiffId = new Map(found.filter((l): l is LayerIndex => l !== undefined).map((l) => [l.diffId, l]));
  return { meta, layers: orderLayers(meta, byDiffId) };
}

interface OciDescriptor {
  mediaType?: string;
  digest: string;
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string };
}
interface OciManifest {
  mediaType?: string;
  manifests?: OciDescriptor[];
  config?: OciDescriptor;
  layers?: OciDescriptor[];
}
interface ResolvedManifest {
  layers: OciDescriptor[];
  configBytes: Buffer;
  tags: string[];
}

const REF_NAME = 'org.opencontainers.image.ref.name';

/** index.json → (nested indexes) → image manifest → config, through any document reader. */
async function ociManifest(
  cached: (path: string) => Buffer | undefined,
  load: (path: string) => Promise<Buffer | undefined>,
  name: string | undefined,
): Promise<{ manifest: ResolvedManifest; config: unknown }> {
  const get = async (path: string) => cached(path) ?? (await load(path));
  let doc = parseJson<OciManifest>((await get('index.json'))!, 'index.json');
  let tags: string[] = [];
  for (let depth = 0; doc.manifests && depth < 4; depth++) {
    const descriptors = doc.manifests.filter((m) => !m.platform || m.platform.os !== 'unknown');
    const chosen = pick(descriptors, (m) => (m.annotations?.[REF_NAME] ? [m.annotations[REF_NAME]!] : []), depth === 0 ? name : undefined);
    if (chosen.annotations?.[REF_NAME]) tags = [chosen.annotations[REF_NAME]!];
    const bytes = await get(blobPath(chosen.digest));
    if (!bytes) throw new ApiError('BAD_INPUT', `The image layout lists ${chosen.digest} but does not hold it.`);
    doc = parseJson<OciManifest>(bytes, chosen.digest);
  }
  if (!doc.config || !doc.layers) throw new ApiError('BAD_INPUT', 'The image layout has no image manifest with a config and layers.');
  const configBytes = await get(blobPath(doc.config.digest));
  if (!configBytes) throw new ApiError('BAD_INPUT', `The image layout does not hold its config ${doc.config.digest}.`);
  return { manifest: { layers: doc.layers, configBytes, tags }, config: parseJson(configBytes, doc.config.digest) };
}

function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

function pick<T>(items: T[], namesOf: (item: T) => string[], name: string | undefined): T {
  if (items.length === 0) throw new ApiError('BAD_INPUT', 'The archive holds no image.');
  if (name) {
    const match = items.find((i) => namesOf(i).some((n) => n === name || n === `${name}:latest` || n.endsWith(`/${name}`)));
    if (match) return match;
    if (items.length > 1) throw new ApiError('NOT_FOUND', `The archive holds no image named ${name}; it holds ${items.flatMap(namesOf).join(', ') || 'untagged images'}.`);
  } else if (items.length > 1) {
    throw new ApiError('BAD_INPUT', `The archive holds ${items.length} images (${items.flatMap(namesOf).join(', ') || 'untagged'}); say which one.`);
  }
  return items[0]!;
}

function parseJson<T>(bytes: Buffer, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    throw new ApiError('BAD_INPUT', `${what} in the image is not valid JSON.`);
  }
}
