// Builds tar archives byte by byte for the parser's tests: ustar, GNU long
// names and links, PAX records, raw-byte names.

export interface TarItem {
  name: string | Uint8Array;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';
  content?: string | Uint8Array;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** How to store a name longer than 100 bytes. */
  longNames?: 'gnu' | 'pax' | 'ustar-prefix';
  /** Extra PAX records, written before the entry. */
  pax?: Record<string, string>;
}

const enc = new TextEncoder();
const FLAGS = { file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6' } as const;

function bytes(v: string | Uint8Array): Uint8Array {
  return typeof v === 'string' ? enc.encode(v) : v;
}

function octal(block: Uint8Array, offset: number, length: number, value: number): void {
  block.set(enc.encode(value.toString(8).padStart(length - 1, '0')), offset);
}

export function header(name: Uint8Array, flag: string, size: number, opts: { linkname?: Uint8Array; mode?: number; uid?: number; gid?: number; prefix?: Uint8Array } = {}): Uint8Array {
  const block = new Uint8Array(512);
  block.set(name.subarray(0, 100), 0);
  octal(block, 100, 8, opts.mode ?? 0o644);
  octal(block, 108, 8, opts.uid ?? 0);
  octal(block, 116, 8, opts.gid ?? 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, 0);
  block[156] = flag.charCodeAt(0);
  if (opts.linkname) block.set(opts.linkname.subarray(0, 100), 157);
  block.set(enc.encode('ustar\u000000'), 257);
  if (opts.prefix) block.set(opts.prefix, 345);
  block.fill(0x20, 148, 156);
  const sum = block.reduce((n, b) => n + b, 0);
  block.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\u0000 `), 148);
  return block;
}

function padded(content: Uint8Array): Uint8Array[] {
  const pad = (512 - (content.length % 512)) % 512;
  return [content, new Uint8Array(pad)];
}

function paxRecords(records: Record<string, string | Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [key, value] of Object.entries(records)) {
    const body = [...enc.encode(` ${key}=`), ...bytes(value), 0x0a];
    let length = body.length + 1;
    while (String(length).length + body.length !== length) length = String(length).length + body.length;
    parts.push(new Uint8Array([...enc.encode(String(length)), ...body]));
  }
  return concat(parts);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function tar(items: TarItem[], { end = true } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const item of items) {
    const type = item.type ?? 'file';
    let name = bytes(item.name);
    if (type === 'dir' && name[name.length - 1] !== 0x2f) name = concat([name, enc.encode('/')]);
    const link = item.linkname === undefined ? undefined : enc.encode(item.linkname);
    const content = type === 'file' ? bytes(item.content ?? '') : new Uint8Array(0);
    const pax: Record<string, string | Uint8Array> = { ...item.pax };
    let prefix: Uint8Array | undefined;
    if (name.length > 100 || (link && link.length > 100)) {
      if (item.longNames === 'pax') {
        if (name.length > 100) pax.path = name;
        if (link && link.length > 100) pax.linkpath = link;
      } else if (item.longNames === 'ustar-prefix') {
        const cut = name.lastIndexOf(0x2f, name.length - 2);
        prefix = name.subarray(0, cut);
        name = name.subarray(cut + 1);
      } else {
        if (name.length > 100) parts.push(header(enc.encode('././@LongLink'), 'L', name.length + 1), ...padded(concat([name, new Uint8Array(1)])));
        if (link && link.length > 100) parts.push(header(enc.encode('././@LongLink'), 'K', link.length + 1), ...padded(concat([link, new Uint8Array(1)])));
      }
    }
    if (Object.keys(pax).length > 0) {
      const records = paxRecords(pax);
      parts.push(header(enc.encode('PaxHeaders/x'), 'x', records.length), ...padded(records));
    }
    parts.push(header(name, FLAGS[type], content.length, { linkname: link, mode: item.mode ?? (type === 'dir' ? 0o755 : 0o644), uid: item.uid, gid: item.gid, prefix }), ...padded(content));
  }
  if (end) parts.push(new Uint8Array(1024));
  return concat(parts);
}

/** Splits bytes into chunks of the given size, as a network stream might deliver them. */
export function chunks(data: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += size) out.push(data.subarray(at, at + size));
  return out;
}
