// File trees for the layer explorer, served a window at a time: the main
// process holds the tree (half a million entries is fine here), the renderer
// asks for the rows it shows. Pure.
import type { LayerEntry } from './layer';
import { baseName, comparePaths, parentOf } from './names';
import type { Change } from './stack';

export interface TreeEntry extends Omit<LayerEntry, 'hash'> {
  change: Change;
}

export interface TreeOptions {
  /** Changes to show; an empty list shows all. */
  changes: Change[];
  /** A regular expression matched against the whole path; empty shows all. */
  path: string;
  sort: 'name' | 'size';
  /** Directories start open ("all") or closed ("none"); `toggled` flips single ones. */
  expand: 'all' | 'none';
  toggled: string[];
}

/** A shown row: its entry, where it sits, and for a directory (in `size`) the bytes of the files below it that pass the filter. */
export interface TreeRow extends TreeEntry {
  name: string;
  depth: number;
  /** Children that pass the filter; 0 for files. */
  children: number;
  open: boolean;
}

interface Node {
  entry: TreeEntry;
  children: Node[];
  size: number;
}

export class TreeError extends Error {
  override name = 'TreeError';
}

/** Flattens the visible rows once per filter, so scrolling is a slice. */
export function visibleRows(entries: readonly TreeEntry[], options: TreeOptions): TreeRow[] {
  let pattern: RegExp | null = null;
  if (options.path) {
    try {
      pattern = new RegExp(options.path);
    } catch (error) {
      throw new TreeError(`The path filter is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  const wanted = options.changes.length > 0 ? new Set(options.changes) : null;
  const matches = (e: TreeEntry) => (!wanted || wanted.has(e.change)) && (!pattern || pattern.test(e.path));

  const nodes = new Map<string, Node>();
  const root: Node = { entry: { path: '/', type: 'dir', size: 0, mode: 0, uid: 0, gid: 0, linkTarget: '', change: 'unmodified' }, children: [], size: 0 };
  nodes.set('/', root);
  const nodeFor = (path: string): Node => {
    let node = nodes.get(path);
    if (!node) {
      // A directory the list does not name (a removed file's parent): shown as context.
      node = { entry: { path, type: 'dir', size: 0, mode: 0, uid: 0, gid: 0, linkTarget: '', change: 'unmodified' }, children: [], size: 0 };
      nodes.set(path, node);
      nodeFor(parentOf(path)).children.push(node);
    }
    return node;
  };
  // Parents first, so each entry finds its directory.
  const sorted = [...entries].sort((a, b) => comparePaths(a.path, b.path));
  for (const entry of sorted) {
    const existing = nodes.get(entry.path);
    if (existing) {
      existing.entry = entry;
      continue;
    }
    const node: Node = { entry, children: [], size: 0 };
    nodes.set(entry.path, node);
    nodeFor(parentOf(entry.path)).children.push(node);
  }

  // Keep what matches and the directories leading to it; size directories by what they keep.
  const prune = (node: Node): boolean => {
    node.children = node.children.filter(prune);
    const isDir = node.entry.type === 'dir';
    node.size = isDir ? node.children.reduce((n, c) => n + c.size, 0) : node.entry.type === 'file' ? node.entry.size : 0;
    return node.children.length > 0 || (node !== root && matches(node.entry));
  };
  prune(root);

  const toggled = new Set(options.toggled);
  const order = options.sort === 'size' ? (a: Node, b: Node) => b.size - a.size || comparePaths(a.entry.path, b.entry.path) : (a: Node, b: Node) => comparePaths(a.entry.path, b.entry.path);
  const rows: TreeRow[] = [];
  const walk = (node: Node, depth: number) => {
    for (const child of node.children.sort(order)) {
      const e = child.entry;
      const open = child.children.length > 0 && (options.expand === 'all') !== toggled.has(e.path);
      rows.push({ path: e.path, name: baseName(e.path), depth, type: e.type, size: child.size, mode: e.mode, uid: e.uid, gid: e.gid, linkTarget: e.linkTarget, change: e.change, children: child.children.length, open });
      if (open) walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return rows;
}
