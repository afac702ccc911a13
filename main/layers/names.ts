// File names in layers are bytes, not text. Valid UTF-8 decodes as usual;
// each byte of an invalid sequence becomes a lone surrogate U+DC80..U+DCFF
// (Python's "surrogateescape"), which no valid UTF-8 decodes to, so two
// different byte names never become the same string and the bytes can be
// recovered. displayName shows those bytes as \xNN.

const strict = new TextDecoder('utf-8', { fatal: true });

export function decodeName(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

function decodeEscaping(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length > 0 && i + length <= bytes.length) {
      try {
        out += strict.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // not a valid sequence: escape its first byte below
      }
    }
    out += String.fromCharCode(0xdc00 + b);
    i++;
  }
  return out;
}

/** For people: escaped bytes shown as \xNN. */
export function displayName(name: string): string {
  return name.replace(/[\udc80-\udcff]/g, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0')}`);
}

/**
 * The order a depth-first walk with sorted directory listings visits paths
 * (the order `docker export` writes them): component by component, so "a/b"
 * comes before "a-c" although '-' < '/'.
 */
export function comparePaths(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca === 0x2f) return -1;
    if (cb === 0x2f) return 1;
    return ca < cb ? -1 : 1;
  }
  return a.length - b.length;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
