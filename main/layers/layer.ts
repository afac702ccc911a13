// One layer's tar read into an index: its entries with a sha256 of each file's
// content, its whiteouts and opaque directories, and the layer's own digest
// (the diff ID: sha256 of the uncompressed tar). Only metadata is kept.
import { createHash, hash as hashOnce, type Hash } from 'node:crypto';
import { TarParser, type TarHeader, type TarType } from './tar';

export type EntryType = TarType;

export interface LayerEntry {
  /** Absolute: "/etc/passwd". */
  path: string;
  type: EntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Symlinks: as written; hard links: the absolute path of the linked file; else "". */
  linkTarget: string;
  /** sha256 of a regular file's content, hex; "" for other types. */
  hash: string;
}

export interface LayerIndex {
  /** "sha256:…" of the uncompressed tar. */
  diffId: string;
  entries: LayerEntry[];
  /** Paths this layer deletes from the layers below (`.wh.NAME`). */
  whiteouts: string[];
  /** Directories whose lower content this layer hides (`.wh..wh..opq`). */
  opaques: string[];
  /** Sum of the sizes of the regular files in this layer. */
  size: number;
}

export const DEFAULT_MAX_ENTRIES = 1_000_000;

export class LayerLimitError extends Error {
  override name = 'LayerLimitError';
}

const WHITEOUT = '.wh.';
const EMPTY_SHA256 = createHash('sha256').digest('hex');
const OPAQUE = '.wh..wh..opq';

/** Feed it a layer's uncompressed tar bytes in any chunking, then finish(). */
export class LayerReader {
  private readonly digest = createHash('sha256');
  private readonly parser: TarParser;
  private readonly entries: LayerEntry[] = [];
  private readonly whiteouts: string[] = [];
  private readonly opaques: string[] = [];
  private current: LayerEntry | null = null;
  private hash: Hash | null = null;
  /** Content bytes of the current file not seen yet. */
  private left = 0;
  private count = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {
    this.parser = new TarParser({
      entry: (h) => this.entry(h),
      data: (chunk) => this.data(chunk),
      entryEnd: () => {
        if (this.current && this.hash) this.current.hash = this.hash.digest('hex');
        this.current = null;
        this.hash = null;
      },
    });
  }

  write(chunk: Uint8Array): void {
    this.digest.update(chunk);
    this.parser.write(chunk);
  }

  finish(): LayerIndex {
    this.parser.end();
    // Within one layer a later entry for the same path wins, as when extracting.
    const byPath = new Map<string, LayerEntry>();
    for (const e of this.entries) byPath.set(e.path, e);
    const entries = byPath.size === this.entries.length ? this.entries : [...byPath.values()];
    return {
      diffId: `sha256:${this.digest.digest('hex')}`,
      entries,
      whiteouts: this.whiteouts,
      opaques: this.opaques,
      size: entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0),
    };
  }

  private data(chunk: Uint8Array): void {
    if (!this.current) return;
    // A file that arrives whole (most small files) is hashed in one call: a
    // Hash object per file holds native memory the GC does not see, and costs
    // time; a file split across chunks streams through one.
    if (!this.hash && chunk.length === this.left) this.current.hash = hashOnce('sha256', chunk, 'hex');
    else (this.hash ??= createHash('sha256')).update(chunk);
    this.left -= chunk.length;
  }

  private entry(h: TarHeader): void {
    if (++this.count > this.maxEntries) {
      throw new LayerLimitError(`A layer holds more than ${this.maxEntries.toLocaleString('en-US')} entries; Berth stops reading there to keep its memory bounded.`);
    }
    if (h.name === '') return;
    const slash = h.name.lastIndexOf('/');
    const dir = slash < 0 ? '' : h.name.slice(0, slash);
    const base = h.name.slice(slash + 1);
    if (base.startsWith(WHITEOUT)) {
      if (base === OPAQUE) this.opaques.push(`/${dir}`);
      else this.whiteouts.push(`/${dir ? `${dir}/` : ''}${base.slice(WHITEOUT.length)}`);
      return;
    }
    const entry: LayerEntry = {
      path: `/${h.name}`,
      type: h.type,
      size: h.size,
      mode: h.mode,
      uid: h.uid,
      gid: h.gid,
      linkTarget: h.type === 'hardlink' ? `/${h.linkname}` : h.type === 'symlink' ? h.linkname : '',
      hash: '',
    };
    this.entries.push(entry);
    if (h.type === 'file') {
      this.current = entry;
      this.left = h.size;
      if (h.size === 0) entry.hash = EMPTY_SHA256;
    }
  }
}

/** Reads a whole layer from an async source of chunks. */
export async function readLayer(chunks: AsyncIterable<Uint8Array>, maxEntries?: number): Promise<LayerIndex> {
  const reader = new LayerReader(maxEntries);
  for await (const chunk of chunks) reader.write(chunk);
  return reader.finish();
}
