// Stacking layer indexes into a filesystem the way overlayfs and the engine
// do: each layer first deletes what its whiteouts and opaque directories hide
// in the layers below, then writes its entries (a file replacing a directory
// takes the directory's content with it). Along the way every entry of every
// layer is classified against what was there before (by content hash), and
// dive's efficiency figures are gathered.
import type { LayerEntry, LayerIndex } from './layer';
import { comparePaths, parentOf } from './names';

export type Change = 'added' | 'modified' | 'removed' | 'unmodified';

export interface ChangedEntry extends LayerEntry {
  change: Change;
}

/** An entry of a stacked filesystem; hard-linked files share `inode`. */
interface Node extends LayerEntry {
  layer: number;
  inode: number;
  /** Content bytes its layer stored for it (a hard link stores none). */
  stored: number;
}

export interface FsEntry extends LayerEntry {
  /** Index of the layer that wrote this entry last. */
  layer: number;
}

export interface Inefficiency {
  path: string;
  /** How many layers wrote or removed this path (dive's count). */
  count: number;
  /** Dive's cumulative size: every copy, and removals sized as dive sizes them. */
  cumulativeSize: number;
  /** Bytes of this path stored in layers but not visible in the final filesystem. */
  wastedBytes: number;
  /** Each layer's share. */
  layers: { layer: number; size: number; change: Change }[];
}

export interface Efficiency {
  /** Dive's score: sum of each path's smallest size over the sum of all its sizes; 1 when there is nothing. */
  score: number;
  /** Copies beyond the one kept: bytes the layers store that the final filesystem does not show. */
  wastedBytes: number;
  /** wastedBytes over the size of all layers but the first, as a fraction (dive's name and scale: 0.1 is 10%). */
  userWastedPercent: number;
  inefficiencies: Inefficiency[];
}

export interface Stacked {
  /** Per layer: its entries classified against the layers below, then what it removed. */
  changes: ChangedEntry[][];
  /** The final filesystem in `docker export` order, hard links as the export writes them. */
  aggregate: FsEntry[];
  efficiency: Efficiency;
}

interface PathCost {
  count: number;
  cumulative: number;
  min: number;
  stored: number;
  layers: { layer: number; size: number; change: Change }[];
}

export function stackLayers(layers: readonly LayerIndex[]): Stacked {
  const nodes = new Map<string, Node>();
  const children = new Map<string, Set<string>>();
  const costs = new Map<string, PathCost>();
  let inodes = 0;

  const detach = (path: string) => children.get(parentOf(path))?.delete(path);
  const attach = (path: string, layer: number) => {
    const parent = parentOf(path);
    let set = children.get(parent);
    if (!set) {
      set = new Set();
      children.set(parent, set);
      // A layer may omit a parent directory; the extracted filesystem still has one.
      if (parent !== '/' && !nodes.has(parent)) {
        nodes.set(parent, { path: parent, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, linkTarget: '', hash: '', layer, inode: 0, stored: 0 });
        attach(parent, layer);
      }
    }
    set.add(path);
  };
  /** Deletes path and everything under it; returns the bytes of files deleted. */
  const removeTree = (path: string, into: Map<string, Node>): number => {
    const node = nodes.get(path);
    let bytes = 0;
    for (const child of children.get(path) ?? []) bytes += removeTree(child, into);
    children.delete(path);
    if (!node) return bytes;
    nodes.delete(path);
    into.set(path, node);
    return bytes + (node.type === 'file' ? node.size : 0);
  };
  const cost = (path: string, layer: number, size: number, change: Change, stored: number) => {
    let c = costs.get(path);
    if (!c) {
      c = { count: 0, cumulative: 0, min: size, stored: 0, layers: [] };
      costs.set(path, c);
    }
    c.count++;
    c.cumulative += size;
    c.min = Math.min(c.min, size);
    c.stored += stored;
    c.layers.push({ layer, size: stored, change });
  };

  const changes = layers.map((layer, i) => {
    const removed = new Map<string, Node>();
    const removals: { path: string; node: Node; bytes: number }[] = [];
    const remove = (path: string) => {
      const node = nodes.get(path);
      if (!node) return;
      const wasDir = node.type === 'dir';
      const bytes = removeTree(path, removed);
      detach(path);
      // Dive sizes a removed directory by its content and a removed file as 0.
      removals.push({ path, node, bytes: wasDir ? bytes : 0 });
    };
    for (const path of layer.whiteouts) remove(path);
    for (const dir of layer.opaques) for (const child of [...(children.get(dir) ?? [])]) remove(child);

    const parents = new Set(layer.entries.map((e) => parentOf(e.path)));
    const out: ChangedEntry[] = [];
    for (const entry of layer.entries) {
      const node: Node = { path: entry.path, type: entry.type, size: entry.size, mode: entry.mode, uid: entry.uid, gid: entry.gid, linkTarget: entry.linkTarget, hash: entry.hash, layer: i, inode: 0, stored: entry.type === 'file' ? entry.size : 0 };
      if (entry.type === 'hardlink') {
        const target = nodes.get(entry.linkTarget);
        node.type = 'file';
        node.size = target?.size ?? 0;
        node.hash = target?.hash ?? '';
        if (target) node.inode = target.inode || (target.inode = ++inodes);
      }
      const existing = nodes.get(entry.path);
      const before = existing ?? removed.get(entry.path);
      if (existing && existing.type === 'dir' && node.type !== 'dir') {
        for (const child of [...(children.get(entry.path) ?? [])]) removeTree(child, removed);
        children.delete(entry.path);
      }
      nodes.set(entry.path, node);
      removed.delete(entry.path);
      if (!existing) attach(entry.path, i);
      const change: Change = !before ? 'added' : sameContent(before, node) ? 'unmodified' : 'modified';
      out.push(changed(entry, change));
      if (!parents.has(entry.path) || entry.type !== 'dir') cost(entry.path, i, entry.size, change, node.stored);
    }
    for (const r of removals) if (!nodes.has(r.path)) cost(r.path, i, r.bytes, 'removed', 0);
    for (const node of removed.values()) out.push(changed(node, 'removed'));
    return out;
  });

  return { changes, aggregate: exportOrder(nodes), efficiency: efficiencyOf(layers, costs, nodes) };
}

/** Built field by field: object spread is several times slower here, and this runs per entry. */
function changed(e: LayerEntry, change: Change): ChangedEntry {
  return { path: e.path, type: e.type, size: e.size, mode: e.mode, uid: e.uid, gid: e.gid, linkTarget: e.linkTarget, hash: e.hash, change };
}

function sameContent(a: LayerEntry, b: LayerEntry): boolean {
  return a.type === b.type && a.hash === b.hash && a.size === b.size && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid && (a.type === 'file' || a.linkTarget === b.linkTarget);
}

/** Sorted as a sorted walk visits them; the first path of a set of hard-linked files holds the content, the others link to it. */
function exportOrder(nodes: Map<string, Node>): FsEntry[] {
  const firstOfInode = new Map<number, string>();
  return [...nodes.values()]
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((n) => {
      const entry: FsEntry = { path: n.path, type: n.type, size: n.size, mode: n.mode, uid: n.uid, gid: n.gid, linkTarget: n.linkTarget, hash: n.hash, layer: n.layer };
      if (n.type === 'file') entry.linkTarget = '';
      if (n.inode === 0) return entry;
      const first = firstOfInode.get(n.inode);
      if (first === undefined) {
        firstOfInode.set(n.inode, n.path);
        return entry;
      }
      return { ...entry, type: 'hardlink', size: 0, linkTarget: first };
    });
}

function efficiencyOf(layers: readonly LayerIndex[], costs: Map<string, PathCost>, final: Map<string, Node>): Efficiency {
  let minimum = 0;
  let total = 0;
  let wastedBytes = 0;
  const inefficiencies: Inefficiency[] = [];
  for (const [path, c] of costs) {
    minimum += c.min;
    total += c.cumulative;
    const wasted = c.stored - (final.get(path)?.stored ?? 0);
    wastedBytes += wasted;
    if (c.count > 1 || wasted > 0) inefficiencies.push({ path, count: c.count, cumulativeSize: c.cumulative, wastedBytes: wasted, layers: c.layers });
  }
  inefficiencies.sort((a, b) => b.wastedBytes - a.wastedBytes || b.cumulativeSize - a.cumulativeSize || comparePaths(a.path, b.path));
  const userSize = layers.slice(1).reduce((n, l) => n + l.size, 0);
  return { score: total === 0 ? 1 : minimum / total, wastedBytes, userWastedPercent: userSize === 0 ? 0 : wastedBytes / userSize, inefficiencies };
}
