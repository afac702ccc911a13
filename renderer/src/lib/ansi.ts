// ANSI colours in log lines: SGR sequences (ESC [ … m) become styled spans;
// every other escape sequence is dropped. Pure, for the log view and tests.

export interface Span {
  text: string;
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
}

// xterm's default palette: readable on light and dark backgrounds alike.
const BASE = ['#000000', '#cd3131', '#0dbc79', '#b58900', '#2472c8', '#bc3fbc', '#11a8cd', '#8a8a8a', '#666666', '#f14c4c', '#23d18b', '#d7ba7d', '#3b8eea', '#d670d6', '#29b8db', '#bdbdbd'];

function color256(n: number): string | null {
  if (n < 0 || n > 255) return null;
  if (n < 16) return BASE[n]!;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return rgb(v, v, v);
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
}

const rgb = (r: number, g: number, b: number) => `rgb(${r}, ${g}, ${b})`;

// CSI sequences (any final byte), OSC sequences (ended by BEL or ST), and lone two-byte escapes.
// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
const ESCAPES = /\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function hasEscapes(text: string): boolean {
  return text.includes('\x1b');
}

/** The text without escape sequences, for search and download. */
export function stripAnsi(text: string): string {
  return hasEscapes(text) ? text.replace(ESCAPES, '') : text;
}

export function parseAnsi(text: string): Span[] {
  const plain: Span = { text: '', fg: null, bg: null, bold: false, dim: false, italic: false, underline: false };
  if (!hasEscapes(text)) return [{ ...plain, text }];
  const spans: Span[] = [];
  let style = { ...plain };
  let last = 0;
  const push = (chunk: string) => {
    if (chunk !== '') spans.push({ ...style, text: chunk });
  };
  for (const m of text.matchAll(ESCAPES)) {
    push(text.slice(last, m.index));
    last = m.index! + m[0].length;
    if (m[2] === 'm') style = applySgr(style, m[1] ?? '');
  }
  push(text.slice(last));
  return spans;
}

function applySgr(current: Span, params: string): Span {
  const s = { ...current };
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) Object.assign(s, { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false });
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) s.bold = s.dim = false;
    else if (c === 23) s.italic = false;
    else if (c === 24) s.underline = false;
    else if (c >= 30 && c <= 37) s.fg = BASE[c - 30]!;
    else if (c >= 90 && c <= 97) s.fg = BASE[c - 90 + 8]!;
    else if (c === 39) s.fg = null;
    else if (c >= 40 && c <= 47) s.bg = BASE[c - 40]!;
    else if (c >= 100 && c <= 107) s.bg = BASE[c - 100 + 8]!;
    else if (c === 49) s.bg = null;
    else if (c === 38 || c === 48) {
      const mode = codes[i + 1];
      let value: string | null = null;
      if (mode === 5) {
        value = color256(codes[i + 2] ?? -1);
        i += 2;
      } else if (mode === 2) {
        value = rgb(codes[i + 2] ?? 0, codes[i + 3] ?? 0, codes[i + 4] ?? 0);
        i += 4;
      }
      if (c === 38) s.fg = value;
      else s.bg = value;
    }
  }
  return s;
}
