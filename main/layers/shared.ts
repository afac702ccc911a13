// Layers shared between images: which images use each layer, and the space
// all images would take if nothing were shared against what the disk holds.
// Pure: the caller gathers each image's layers and their sizes.

export interface ImageLayersInfo {
  id: string;
  tags: string[];
  /** Diff IDs, bottom first, with each layer's size in bytes (null when the engine did not say). */
  layers: { diffId: string; size: number | null }[];
}

export interface SharedLayer {
  diffId: string;
  size: number | null;
  /** Image ids using this layer. */
  images: string[];
}

export interface SharedReport {
  images: { id: string; tags: string[]; size: number; sharedSize: number }[];
  /** Layers used by more than one image, biggest first. */
  shared: SharedLayer[];
  /** What the images would take if every image had its own copy of each layer. */
  unsharedBytes: number;
  /** What the distinct layers take: what the disk really holds. */
  actualBytes: number;
}

export function sharedLayers(images: readonly ImageLayersInfo[]): SharedReport {
  const layers = new Map<string, SharedLayer>();
  for (const image of images) {
    for (const l of image.layers) {
      const entry = layers.get(l.diffId) ?? { diffId: l.diffId, size: l.size, images: [] };
      entry.size ??= l.size;
      if (!entry.images.includes(image.id)) entry.images.push(image.id);
      layers.set(l.diffId, entry);
    }
  }
  const sizeOf = (diffId: string) => layers.get(diffId)?.size ?? 0;
  return {
    images: images.map((i) => ({
      id: i.id,
      tags: i.tags,
      size: i.layers.reduce((n, l) => n + sizeOf(l.diffId), 0),
      sharedSize: i.layers.reduce((n, l) => n + ((layers.get(l.diffId)?.images.length ?? 0) > 1 ? sizeOf(l.diffId) : 0), 0),
    })),
    shared: [...layers.values()].filter((l) => l.images.length > 1).sort((a, b) => (b.size ?? 0) * b.images.length - (a.size ?? 0) * a.images.length),
    unsharedBytes: images.reduce((n, i) => n + i.layers.reduce((m, l) => m + sizeOf(l.diffId), 0), 0),
    actualBytes: [...layers.values()].reduce((n, l) => n + (l.size ?? 0), 0),
  };
}

export interface HistoryStep {
  createdBy: string;
  size: number;
}

/**
 * Layer sizes from the engine's history (oldest first). The history does not
 * flag metadata-only steps, so steps are matched to layers when the count of
 * steps that wrote bytes or ran a command fits; otherwise sizes stay unknown.
 */
export function layerSizesFromHistory(diffIds: readonly string[], history: readonly HistoryStep[]): { diffId: string; size: number | null }[] {
  const candidates = [history.filter((h) => h.size > 0 || !h.createdBy.includes('#(nop)')), history.filter((h) => h.size > 0)];
  const fit = candidates.find((c) => c.length === diffIds.length);
  return diffIds.map((diffId, i) => ({ diffId, size: fit ? fit[i]!.size : null }));
}
