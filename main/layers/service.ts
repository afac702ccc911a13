// The layer explorer's state in the main process: analyses of recently opened
// images (a few, in memory), the disk cache under them, and the flattened
// tree last asked for, so scrolling a half-million-row tree is a slice.
import type Docker from 'dockerode';
import { ApiError } from '../api/procedure';
import { toApiError } from '../engines/docker-driver';
import { analyzeImage, type Analysis, type ImageSummary } from './analysis';
import { diskCache, type LayerCache } from './cache';
import type { LayerIndex } from './layer';
import { loadImage, type LayerSource, type LoadProgress, type RemoteImage } from './load';
import { layerSizesFromHistory, sharedLayers, type SharedReport } from './shared';
import { stackLayers, type Change } from './stack';
import { visibleRows, type TreeEntry, type TreeOptions, type TreeRow } from './tree';

export type AnalyzeEvent = { kind: 'progress'; progress: LoadProgress } | { kind: 'done'; summary: ImageSummary; fromCache: boolean };

export interface TreeWindow {
  total: number;
  offset: number;
  rows: TreeRow[];
}

export interface TreeRequest extends TreeOptions {
  layer: number;
  /** The changes a layer made, or the filesystem of all layers up to it. */
  view: 'changes' | 'aggregate';
  offset: number;
  limit: number;
}

interface Opened {
  analysis: Analysis;
  layers: LayerIndex[];
  fromCache: boolean;
  rows: { key: string; rows: TreeRow[] } | null;
}

export interface LayerServiceOptions {
  cacheDir: string;
  /** Analyses kept in memory. */
  keep?: number;
  maxEntries?: number;
}

export class LayerService {
  private readonly cache: LayerCache;
  private readonly opened = new Map<string, Promise<Opened>>();

  constructor(private readonly options: LayerServiceOptions) {
    this.cache = diskCache(options.cacheDir);
  }

  /** Analyses an image (from memory, the disk cache, or an export), reporting progress. */
  async analyze(host: string, docker: Docker, image: string, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<AnalyzeEvent & { kind: 'done' }> {
    const { Id: id, RepoTags: tags } = await inspectImage(docker, image);
    // Reopening shows the cached summary at once; the layers load when a tree is asked for.
    if (!this.opened.has(`${host}\0${id}`)) {
      const cached = await this.cache.summary(id);
      if (cached) return { kind: 'done', summary: { ...cached, image, tags: tags ?? [] }, fromCache: true };
    }
    const opened = await this.open(host, id, image, { kind: 'engine', docker }, onProgress, signal);
    return { kind: 'done', summary: { ...opened.analysis.summary, image }, fromCache: opened.fromCache };
  }

  /** The same for an image read from a registry without pulling; `place` keys it apart from engines' images (e.g. "registry:ID"). */
  async analyzeRemote(place: string, image: RemoteImage, name: string, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<AnalyzeEvent & { kind: 'done' }> {
    if (!this.opened.has(`${place}\0${image.id}`)) {
      const cached = await this.cache.summary(image.id);
      if (cached) return { kind: 'done', summary: { ...cached, image: name, tags: image.tags }, fromCache: true };
    }
    const opened = await this.open(place, image.id, name, { kind: 'remote', image }, onProgress, signal);
    return { kind: 'done', summary: { ...opened.analysis.summary, image: name }, fromCache: opened.fromCache };
  }

  async tree(host: string, docker: Docker, id: string, request: TreeRequest): Promise<TreeWindow> {
    return this.window(await this.open(host, id, id, { kind: 'engine', docker }, () => {}), request);
  }

  /** A tree of a registry image; `image` reads it again if it is no longer open. */
  async treeRemote(place: string, id: string, image: () => Promise<RemoteImage>, request: TreeRequest): Promise<TreeWindow> {
    const key = `${place}\0${id}`;
    const opened = this.opened.get(key) ?? this.open(place, id, id, { kind: 'remote', image: await image() }, () => {});
    return this.window(await opened, request);
  }

  private window(opened: Opened, request: TreeRequest): TreeWindow {
    const { layer, view, offset, limit, ...options } = request;
    if (layer < 0 || layer >= opened.layers.length) throw new ApiError('BAD_INPUT', `The image has layers 0 to ${opened.layers.length - 1}, not ${layer}.`);
    const key = JSON.stringify([layer, view, options]);
    if (opened.rows?.key !== key) opened.rows = { key, rows: visibleRows(entriesFor(opened, layer, view), options) };
    return { total: opened.rows.rows.length, offset, rows: opened.rows.rows.slice(offset, offset + limit) };
  }

  private open(host: string, id: string, name: string, source: LayerSource, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Opened> {
    const key = `${host}\0${id}`;
    let opened = this.opened.get(key);
    if (!opened) {
      opened = loadImage(source.kind === 'remote' ? name : id, source, { cache: this.cache, onProgress, signal, maxEntries: this.options.maxEntries }).then(async (loaded) => {
        const analysis = analyzeImage({ ...loaded, meta: { ...loaded.meta, name } });
        await this.cache.putSummary(analysis.summary);
        return { analysis, layers: loaded.layers, fromCache: loaded.fromCache, rows: null };
      });
      this.opened.set(key, opened);
      opened.catch(() => this.opened.delete(key));
    } else {
      // Most recently used last, so the oldest is dropped first.
      this.opened.delete(key);
      this.opened.set(key, opened);
    }
    while (this.opened.size > (this.options.keep ?? 3)) this.opened.delete(this.opened.keys().next().value!);
    return opened;
  }
}

function entriesFor(opened: Opened, layer: number, view: 'changes' | 'aggregate'): TreeEntry[] {
  const changes = opened.analysis.changes[layer]!;
  if (view === 'changes') return changes;
  const changeOf = new Map<string, Change>(changes.map((e) => [e.path, e.change]));
  const aggregate = layer === opened.layers.length - 1 ? opened.analysis.aggregate : stackLayers(opened.layers.slice(0, layer + 1)).aggregate;
  return aggregate.map((e) => ({ path: e.path, type: e.type, size: e.size, mode: e.mode, uid: e.uid, gid: e.gid, linkTarget: e.linkTarget, change: changeOf.get(e.path) ?? 'unmodified' }));
}

async function inspectImage(docker: Docker, image: string): Promise<Docker.ImageInspectInfo> {
  try {
    return await docker.getImage(image).inspect();
  } catch (err) {
    throw toApiError(err, 'the engine');
  }
}

/** Every image on the engine with its layers and their sizes, then what they share. */
export async function sharedOnEngine(docker: Docker): Promise<SharedReport> {
  try {
    const list = await docker.listImages();
    const infos = [];
    // A few at a time: hosts with hundreds of images should not get hundreds of requests at once.
    for (let i = 0; i < list.length; i += 8) {
      infos.push(
        ...(await Promise.all(
          list.slice(i, i + 8).map(async (summary) => {
            const image = docker.getImage(summary.Id);
            try {
              const [inspect, history] = await Promise.all([image.inspect(), image.history() as Promise<{ CreatedBy: string; Size: number }[]>]);
              const steps = history.map((h) => ({ createdBy: h.CreatedBy, size: h.Size })).reverse();
              return { id: summary.Id, tags: (summary.RepoTags ?? []).filter((t) => t !== '<none>:<none>'), layers: layerSizesFromHistory(inspect.RootFS?.Layers ?? [], steps) };
            } catch (err) {
              // Removed between the list and its inspect: it shares nothing any more.
              if ((err as { statusCode?: number }).statusCode === 404) return null;
              throw err;
            }
          }),
        )),
      );
    }
    return sharedLayers(infos.filter((info) => info !== null));
  } catch (err) {
    throw toApiError(err, 'the engine');
  }
}

export interface WritableLayer {
  /** The files the container added, changed or deleted on top of its image, as tree rows. */
  rows: TreeRow[];
  counts: Record<'added' | 'modified' | 'removed', number>;
}

/** The container's writable layer, from the engine's changes API (GET /containers/{id}/changes). */
export async function containerChanges(docker: Docker, id: string): Promise<WritableLayer> {
  let changes: { Path: string; Kind: number }[];
  try {
    changes = ((await docker.getContainer(id).changes()) as { Path: string; Kind: number }[] | null) ?? [];
  } catch (err) {
    throw toApiError(err, 'the engine');
  }
  const KINDS: Change[] = ['modified', 'added', 'removed'];
  const parents = new Set(changes.map((c) => c.Path.slice(0, c.Path.lastIndexOf('/')) || '/'));
  const entries: TreeEntry[] = changes.map((c) => ({ path: c.Path, type: parents.has(c.Path) ? 'dir' : 'file', size: 0, mode: 0, uid: 0, gid: 0, linkTarget: '', change: KINDS[c.Kind] ?? 'modified' }));
  const counts = { added: 0, modified: 0, removed: 0 };
  for (const e of entries) counts[e.change as keyof typeof counts]++;
  return { rows: visibleRows(entries, { changes: [], path: '', sort: 'name', expand: 'all', toggled: [] }), counts };
}
