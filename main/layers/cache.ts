// The on-disk cache of layer indexes by diff ID and image configs by image id.
// Both keys are content digests, so an entry never goes stale: a layer shared
// by many images is read once, and an image whose config and layers are all
// here opens without exporting anything. Files are written whole and renamed
// into place, so a crash never leaves half an entry.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ImageSummary } from './analysis';
import type { ImageMeta } from './image';
import type { EntryType, LayerIndex } from './layer';

export interface LayerCache {
  layer(diffId: string): Promise<LayerIndex | null>;
  putLayer(layer: LayerIndex): Promise<void>;
  image(id: string): Promise<Omit<ImageMeta, 'name'> | null>;
  putImage(meta: ImageMeta): Promise<void>;
  /** An image's analysis summary: what opening it again shows first, without reading its layers. */
  summary(id: string): Promise<ImageSummary | null>;
  putSummary(summary: ImageSummary): Promise<void>;
}

const FORMAT = 2;
const TYPE_CODES: Record<EntryType, string> = { file: 'f', dir: 'd', symlink: 'l', hardlink: 'h', char: 'c', block: 'b', fifo: 'p' };
const TYPES_BY_CODE = Object.fromEntries(Object.entries(TYPE_CODES).map(([t, c]) => [c, t as EntryType]));

/** Columns parse several times faster than an object per entry, and take half the space. */
interface LayerFile {
  format: number;
  diffId: string;
  size: number;
  whiteouts: string[];
  opaques: string[];
  types: string;
  paths: string[];
  sizes: number[];
  modes: number[];
  uids: number[];
  gids: number[];
  links: string[];
  hashes: string[];
}

export function diskCache(dir: string): LayerCache {
  const fileOf = (kind: 'layers' | 'images' | 'summaries', digest: string) => {
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`Not a sha256 digest: ${digest}`);
    return join(dir, kind, `${digest.slice(7)}.json`);
  };
  const read = async <T>(path: string): Promise<T | null> => {
    try {
      const value = JSON.parse(await readFile(path, 'utf8')) as T & { format?: number };
      return value.format === FORMAT ? value : null;
    } catch {
      return null;
    }
  };
  const write = async (path: string, value: object) => {
    await mkdir(join(path, '..'), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, JSON.stringify({ format: FORMAT, ...value }));
    await rename(tmp, path);
  };
  return {
    async layer(diffId) {
      const f = await read<LayerFile>(fileOf('layers', diffId));
      if (!f || f.diffId !== diffId) return null;
      return {
        diffId,
        size: f.size,
        whiteouts: f.whiteouts,
        opaques: f.opaques,
        entries: f.paths.map((path, i) => ({
          path,
          type: TYPES_BY_CODE[f.types[i]!]!,
          size: f.sizes[i]!,
          mode: f.modes[i]!,
          uid: f.uids[i]!,
          gid: f.gids[i]!,
          linkTarget: f.links[i]!,
          hash: f.hashes[i]!,
        })),
      };
    },
    async putLayer(layer) {
      const e = layer.entries;
      const file: Omit<LayerFile, 'format'> = {
        diffId: layer.diffId,
        size: layer.size,
        whiteouts: layer.whiteouts,
        opaques: layer.opaques,
        types: e.map((x) => TYPE_CODES[x.type]).join(''),
        paths: e.map((x) => x.path),
        sizes: e.map((x) => x.size),
        modes: e.map((x) => x.mode),
        uids: e.map((x) => x.uid),
        gids: e.map((x) => x.gid),
        links: e.map((x) => x.linkTarget),
        hashes: e.map((x) => x.hash),
      };
      await write(fileOf('layers', layer.diffId), file);
    },
    async image(id) {
      const f = await read<Omit<ImageMeta, 'name'> & { format: number }>(fileOf('images', id));
      if (!f) return null;
      const { format: _format, ...meta } = f;
      return meta;
    },
    async putImage({ name: _name, ...meta }) {
      await write(fileOf('images', meta.id), meta);
    },
    async summary(id) {
      const f = await read<ImageSummary & { format: number }>(fileOf('summaries', id));
      if (!f || f.id !== id) return null;
      const { format: _format, ...summary } = f;
      return summary;
    },
    async putSummary(summary) {
      await write(fileOf('summaries', summary.id), summary);
    },
  };
}

/** The user's cache folder, the way each OS has it; BERTH_CACHE_DIR overrides. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.BERTH_CACHE_DIR) return join(env.BERTH_CACHE_DIR, 'layers');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'Berth', 'layers');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Berth', 'Cache', 'layers');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'berth', 'layers');
}
