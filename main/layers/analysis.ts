// An image's layers put together for people: history rows matched to layers,
// each layer's changes, the final filesystem, and the efficiency figures.
// Pure: it takes ImageLayers from any source.
import type { ImageLayers, ImageMeta } from './image';
import { stackLayers, type ChangedEntry, type Efficiency, type FsEntry, type Inefficiency } from './stack';

export interface HistoryRow {
  createdBy: string;
  /** The step for people: createdBy without the shell wrapper the legacy builder records, else the comment. */
  step: string;
  created: string;
  comment: string;
  /** Metadata only (ENV, CMD, …): no layer. */
  empty: boolean;
  /** Index into layers for steps that made one. */
  layer: number | null;
}

export interface LayerSummary {
  index: number;
  digest: string;
  createdBy: string;
  created: string;
  /** Bytes of file content in the layer. */
  size: number;
  counts: Record<ChangedEntry['change'], number>;
}

export interface ImageSummary {
  image: string;
  id: string;
  tags: string[];
  created: string;
  platform: string;
  cmd: string[] | null;
  entrypoint: string[] | null;
  workingDir: string;
  user: string;
  env: string[];
  history: HistoryRow[];
  layers: LayerSummary[];
  /** Size of the final filesystem's files, and how many entries it has. */
  totalSize: number;
  entryCount: number;
  efficiency: number;
  wastedBytes: number;
  userWastedPercent: number;
  inefficiencies: Inefficiency[];
}

export interface Analysis {
  summary: ImageSummary;
  changes: ChangedEntry[][];
  aggregate: FsEntry[];
  efficiency: Efficiency;
}

/** Steps that made layers, in order, matched to the layers; steps beyond the layers (or layers beyond the steps) stand alone. */
export function historyRows(meta: ImageMeta, layerCount: number): HistoryRow[] {
  let next = 0;
  const rows: HistoryRow[] = meta.history.map((h) => ({ ...h, step: stepOf(h.createdBy) || h.comment, layer: h.empty || next >= layerCount ? null : next++ }));
  while (next < layerCount) rows.push({ createdBy: '', step: 'no history recorded for this layer', created: '', comment: '', empty: false, layer: next++ });
  return rows;
}

function stepOf(createdBy: string): string {
  return createdBy.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '').replace(/\s+/g, ' ').trim();
}

export function analyzeImage({ meta, layers }: ImageLayers): Analysis {
  const stacked = stackLayers(layers);
  const history = historyRows(meta, layers.length);
  const stepOf = new Map(history.filter((h) => h.layer !== null).map((h) => [h.layer!, h]));
  const summary: ImageSummary = {
    image: meta.name,
    id: meta.id,
    tags: meta.tags,
    created: meta.created,
    platform: [meta.os, meta.architecture].filter(Boolean).join('/'),
    cmd: meta.cmd,
    entrypoint: meta.entrypoint,
    workingDir: meta.workingDir,
    user: meta.user,
    env: meta.env,
    history,
    layers: layers.map((l, index) => {
      const counts = { added: 0, modified: 0, removed: 0, unmodified: 0 };
      for (const e of stacked.changes[index]!) counts[e.change]++;
      return { index, digest: l.diffId, createdBy: stepOf.get(index)?.createdBy ?? '', created: stepOf.get(index)?.created ?? '', size: l.size, counts };
    }),
    totalSize: stacked.aggregate.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0),
    entryCount: stacked.aggregate.length,
    efficiency: stacked.efficiency.score,
    wastedBytes: stacked.efficiency.wastedBytes,
    userWastedPercent: stacked.efficiency.userWastedPercent,
    inefficiencies: stacked.efficiency.inefficiencies,
  };
  return { summary, changes: stacked.changes, aggregate: stacked.aggregate, efficiency: stacked.efficiency };
}

/** The document `berth layers --json` prints. */
export function analysisJson(a: Analysis): object {
  const { summary: s } = a;
  return {
    image: s.image,
    id: s.id,
    tags: s.tags,
    cmd: s.cmd,
    entrypoint: s.entrypoint,
    history: s.history,
    layers: s.layers.map((l) => ({
      index: l.index,
      digest: l.digest,
      createdBy: l.createdBy,
      size: l.size,
      entries: a.changes[l.index]!.map((e) => ({ path: e.path, type: e.type, size: e.size, mode: e.mode, uid: e.uid, gid: e.gid, linkTarget: e.linkTarget, change: e.change })),
    })),
    aggregate: a.aggregate.map((e) => ({ path: e.path, type: e.type, size: e.size, linkTarget: e.linkTarget })),
    efficiency: s.efficiency,
    wastedBytes: s.wastedBytes,
    userWastedPercent: s.userWastedPercent,
    inefficiencies: s.inefficiencies.map((i) => ({ path: i.path, count: i.count, cumulativeSize: i.cumulativeSize, wastedBytes: i.wastedBytes })),
  };
}
