// A push-based streaming tar parser: bytes go in as they arrive, headers and
// content chunks come out synchronously. It holds at most one 512-byte block,
// or one PAX/GNU long-name record (capped), however big the entries are.
// Reads ustar, GNU long names and links (L, K), base-256 sizes, and PAX
// headers (path, linkpath, size, uid, gid). Names are decoded by decodeName:
// invalid UTF-8 is kept byte for byte as lone surrogates.
import { decodeName } from './names';

export type TarType = 'file' | 'hardlink' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo';

export interface TarHeader {
  /** As in the archive, without a leading "./" or "/"; directories without their trailing slash. */
  name: string;
  type: TarType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname: string;
}

export interface TarHandlers {
  entry(header: TarHeader): void;
  /** Content of the current entry; the chunk is only valid during the call. */
  data(chunk: Uint8Array): void;
  entryEnd(): void;
}

export class TarError extends Error {
  override name = 'TarError';
}

/** Long names and PAX records beyond this are refused rather than buffered. */
const MAX_META_BYTES = 1 << 20;
const BLOCK = 512;

const TYPES: Record<string, TarType> = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'char', '4': 'block', '5': 'dir', '6': 'fifo' };

/** What the content being read belongs to, when it is not an entry's file data. */
type Meta = 'pax' | 'paxGlobal' | 'longName' | 'longLink' | 'skip';

export class TarParser {
  private readonly block = new Uint8Array(BLOCK);
  private blockFill = 0;
  /** Bytes of content (or metadata record) still to come for the current entry, then its padding. */
  private remaining = 0;
  private padding = 0;
  private meta: Meta | null = null;
  private metaParts: Uint8Array[] = [];
  private inEntry = false;
  private pending: { pax: Map<string, Uint8Array>; longName?: Uint8Array; longLink?: Uint8Array } = { pax: new Map() };
  private globalPax = new Map<string, Uint8Array>();
  private ended = false;

  constructor(private readonly handlers: TarHandlers) {}

  /** True once the end-of-archive marker was read. */
  get finished(): boolean {
    return this.ended;
  }

  write(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        const part = chunk.subarray(at, at + n);
        if (this.meta === 'skip') {
          // content of an entry type that carries none we use
        } else if (this.meta) this.metaParts.push(part.slice());
        else this.handlers.data(part);
        this.remaining -= n;
        at += n;
        if (this.remaining === 0) this.finishContent();
        continue;
      }
      if (this.padding > 0) {
        const n = Math.min(this.padding, chunk.length - at);
        this.padding -= n;
        at += n;
        continue;
      }
      const n = Math.min(BLOCK - this.blockFill, chunk.length - at);
      this.block.set(chunk.subarray(at, at + n), this.blockFill);
      this.blockFill += n;
      at += n;
      if (this.blockFill === BLOCK) {
        this.blockFill = 0;
        this.header(this.block);
      }
    }
  }

  /** Call when the input ends: an archive cut short is an error. */
  end(): void {
    if (this.ended) return;
    if (this.remaining > 0 || this.blockFill > 0 || this.inEntry || this.meta) throw new TarError('The archive ends in the middle of an entry: it is truncated.');
    // Some writers omit the two zero blocks; a clean entry boundary is a clean end.
    this.ended = true;
  }

  private header(block: Uint8Array): void {
    if (block.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    if (!checksumOk(block)) throw new TarError('This is not a tar archive, or it is damaged (a header checksum does not match).');
    const flag = String.fromCharCode(block[156]!);
    const size = readNumber(block, 124, 12);
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > MAX_META_BYTES) throw new TarError(`A tar metadata record of ${size} bytes is larger than the ${MAX_META_BYTES}-byte limit.`);
      this.meta = flag === 'x' ? 'pax' : flag === 'g' ? 'paxGlobal' : flag === 'L' ? 'longName' : 'longLink';
      this.startContent(size);
      return;
    }
    const type = TYPES[flag];
    const pax = this.pending.pax;
    const paxText = (key: string) => {
      const v = pax.get(key) ?? this.globalPax.get(key);
      return v && decodeName(v);
    };
    const paxNumber = (key: string) => {
      const v = paxText(key);
      return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
    };
    let nameBytes = this.pending.longName ?? pax.get('path') ?? this.globalPax.get('path');
    if (!nameBytes) {
      const name = field(block, 0, 100);
      const ustar = block[257] === 0x75 && block[258] === 0x73 && block[259] === 0x74 && block[260] === 0x61 && block[261] === 0x72;
      const prefix = ustar && block[262] === 0 ? field(block, 345, 155) : EMPTY;
      nameBytes = prefix.length > 0 ? concat([prefix, SLASH, name]) : name;
    }
    const linkBytes = this.pending.longLink ?? pax.get('linkpath') ?? field(block, 157, 100);
    const entrySize = paxNumber('size') ?? size;
    this.pending = { pax: new Map() };
    // Unknown types (sparse files 'S', volume labels 'V', vendor types) are skipped whole.
    if (type === undefined) {
      this.meta = 'skip';
      this.startContent(entrySize);
      return;
    }
    const hasContent = type === 'file';
    this.inEntry = true;
    this.handlers.entry({
      name: cleanName(decodeName(nameBytes)),
      type,
      size: hasContent ? entrySize : 0,
      mode: readNumber(block, 100, 8) & 0o7777,
      uid: paxNumber('uid') ?? readNumber(block, 108, 8),
      gid: paxNumber('gid') ?? readNumber(block, 116, 8),
      linkname: type === 'hardlink' ? cleanName(decodeName(linkBytes)) : decodeName(linkBytes),
    });
    if (hasContent && entrySize > 0) this.startContent(entrySize);
    else {
      this.endEntry();
      // A few writers store content even for links or devices: skip it.
      if (entrySize > 0) {
        this.meta = 'skip';
        this.startContent(entrySize);
      }
    }
  }

  private startContent(size: number): void {
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.finishContent();
  }

  private finishContent(): void {
    if (this.meta) {
      const bytes = concat(this.metaParts);
      this.metaParts = [];
      const kind = this.meta;
      this.meta = null;
      if (kind === 'skip') return;
      if (kind === 'longName') this.pending.longName = trimNul(bytes);
      else if (kind === 'longLink') this.pending.longLink = trimNul(bytes);
      else parsePax(bytes, kind === 'pax' ? this.pending.pax : this.globalPax);
    } else if (this.inEntry) this.endEntry();
  }

  private endEntry(): void {
    this.inEntry = false;
    this.handlers.entryEnd();
  }
}

const EMPTY = new Uint8Array(0);
const SLASH = new Uint8Array([0x2f]);

function field(block: Uint8Array, offset: number, length: number): Uint8Array {
  const end = block.indexOf(0, offset);
  return block.subarray(offset, end < 0 || end > offset + length ? offset + length : end);
}

function trimNul(bytes: Uint8Array): Uint8Array {
  const end = bytes.indexOf(0);
  return end < 0 ? bytes : bytes.subarray(0, end);
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Octal, or GNU base-256 when the top bit of the first byte is set. */
function readNumber(block: Uint8Array, offset: number, length: number): number {
  if (block[offset]! & 0x80) {
    let value = block[offset]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + block[offset + i]!;
    return value;
  }
  let value = 0;
  for (let i = offset; i < offset + length; i++) {
    const c = block[i]!;
    if (c >= 0x30 && c <= 0x37) value = value * 8 + (c - 0x30);
    else if (c === 0 || (c === 0x20 && value > 0)) break;
  }
  return value;
}

function checksumOk(block: Uint8Array): boolean {
  const stored = readNumber(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === stored;
}

/** PAX records: "<length> <key>=<value>\n", values as raw bytes. */
function parsePax(bytes: Uint8Array, into: Map<string, Uint8Array>): void {
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number(new TextDecoder().decode(bytes.subarray(at, space)));
    if (!Number.isInteger(length) || length <= 0 || at + length > bytes.length) throw new TarError('A PAX header record is malformed.');
    const record = bytes.subarray(space + 1, at + length - 1);
    const eq = record.indexOf(0x3d);
    if (eq > 0) into.set(new TextDecoder().decode(record.subarray(0, eq)), record.slice(eq + 1));
    at += length;
  }
}

/** "./a/b/", "/a/b" and "a/b" all name a/b; "." and "./" name the root (""). */
function cleanName(name: string): string {
  let n = name;
  while (n.startsWith('./')) n = n.slice(2);
  n = n.replace(/^\/+/, '').replace(/\/+$/, '');
  return n === '.' ? '' : n;
}
