// What an image is made of, whatever it was read from: its config (start-up
// command, history) and its layer indexes in order. Pure.
import { ApiError } from '../api/procedure';
import type { LayerIndex } from './layer';

export interface HistoryItem {
  createdBy: string;
  created: string;
  /** A metadata-only step (ENV, CMD, LABEL…): it made no layer. */
  empty: boolean;
  comment: string;
}

export interface ImageMeta {
  /** As asked for: a reference, an id, or the archive's tag. */
  name: string;
  /** "sha256:…" of the config. */
  id: string;
  tags: string[];
  created: string;
  os: string;
  architecture: string;
  cmd: string[] | null;
  entrypoint: string[] | null;
  workingDir: string;
  user: string;
  env: string[];
  history: HistoryItem[];
  /** The layers' diff IDs, bottom first. */
  diffIds: string[];
}

export interface ImageLayers {
  meta: ImageMeta;
  layers: LayerIndex[];
}

interface RawConfig {
  created?: string;
  os?: string;
  architecture?: string;
  config?: { Cmd?: string[] | null; Entrypoint?: string[] | null; WorkingDir?: string; User?: string; Env?: string[] | null } | null;
  history?: { created?: string; created_by?: string; empty_layer?: boolean; comment?: string }[];
  rootfs?: { diff_ids?: string[] };
}

export function metaFromConfig(name: string, id: string, tags: string[], raw: unknown): ImageMeta {
  const c = (raw ?? {}) as RawConfig;
  const diffIds = c.rootfs?.diff_ids ?? [];
  if (!Array.isArray(diffIds)) throw new ApiError('ENGINE', `The config of ${name} has no list of layers (rootfs.diff_ids).`);
  return {
    name,
    id,
    tags,
    created: c.created ?? '',
    os: c.os ?? '',
    architecture: c.architecture ?? '',
    cmd: c.config?.Cmd ?? null,
    entrypoint: c.config?.Entrypoint ?? null,
    workingDir: c.config?.WorkingDir ?? '',
    user: c.config?.User ?? '',
    env: c.config?.Env ?? [],
    history: (c.history ?? []).map((h) => ({ createdBy: h.created_by ?? '', created: h.created ?? '', empty: h.empty_layer === true, comment: h.comment ?? '' })),
    diffIds,
  };
}

/** Puts the layers read (in any order) into the config's order; says which are missing. */
export function orderLayers(meta: ImageMeta, byDiffId: ReadonlyMap<string, LayerIndex>): LayerIndex[] {
  return meta.diffIds.map((id, i) => {
    const layer = byDiffId.get(id);
    if (!layer) throw new ApiError('ENGINE', `Layer ${i + 1} of ${meta.name} (${id}) is not in the archive, or its content does not match its digest.`);
    return layer;
  });
}
