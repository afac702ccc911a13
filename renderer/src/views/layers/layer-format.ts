// Formatting for the layer explorer. Pure.
import type { EntryType } from '../../../../main/layers/layer';
import type { Change } from '../../../../main/layers/stack';

/** Names that are not UTF-8 reach the renderer with each raw byte as U+DC80+byte (main/layers/names.ts); show them as \xNN. */
export function displayName(name: string): string {
  return name.replace(/[\udc80-\udcff]/g, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0')}`);
}

const TYPE_CHAR: Record<EntryType, string> = { file: '-', hardlink: '-', dir: 'd', symlink: 'l', char: 'c', block: 'b', fifo: 'p' };

/** As `ls -l` shows it: drwxr-xr-x, with setuid, setgid and sticky bits. */
export function formatMode(type: EntryType, mode: number): string {
  const bits = 'rwxrwxrwx'.split('').map((c, i) => (mode & (0o400 >> i) ? c : '-'));
  if (mode & 0o4000) bits[2] = bits[2] === 'x' ? 's' : 'S';
  if (mode & 0o2000) bits[5] = bits[5] === 'x' ? 's' : 'S';
  if (mode & 0o1000) bits[8] = bits[8] === 'x' ? 't' : 'T';
  return TYPE_CHAR[type] + bits.join('');
}

export const CHANGE_TONE: Record<Change, string> = {
  added: 'text-emerald-700 dark:text-emerald-400',
  modified: 'text-amber-700 dark:text-amber-400',
  removed: 'text-red-700 line-through decoration-red-400/60 dark:text-red-400',
  unmodified: 'text-fg/85',
};
