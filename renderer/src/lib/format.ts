// Formatting for the UI: bytes, times, ports, ids. Pure functions, no DOM.
import type { PortMapping } from '../../../main/engines/types';

const SI = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * Bytes in human units. Decimal (kB, MB: 1000) by default, as `docker images`
 * shows image sizes; binary (KiB, MiB: 1024) for memory, as `docker info` does.
 * Three significant digits: 1.23 GB, 12.3 GB, 123 GB.
 */
export function formatBytes(bytes: number, options: { binary?: boolean } = {}): string {
  if (!Number.isFinite(bytes)) return '—';
  const negative = bytes < 0;
  let value = Math.abs(bytes);
  const base = options.binary ? 1024 : 1000;
  const units = options.binary ? IEC : SI;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  let text: string;
  if (unit === 0) text = String(Math.round(value));
  else {
    // Round first so that 999.96 kB becomes 1.00 MB rather than 1000 kB; in
    // binary units 1000..1023 KiB reads better as 0.98..1.00 MiB too.
    let rounded = Number(value.toPrecision(3));
    if (rounded >= 1000 && unit < units.length - 1) {
      rounded = Number((rounded / base).toPrecision(3));
      unit++;
    }
    text = rounded >= 100 ? rounded.toFixed(0) : rounded >= 10 ? rounded.toFixed(1) : rounded.toFixed(2);
  }
  return `${negative ? '-' : ''}${text} ${units[unit]}`;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How long ago `thenMs` was, compactly: "just now", "5 minutes ago", "3 days ago". */
export function formatRelativeTime(thenMs: number, nowMs: number): string {
  const seconds = Math.round((nowMs - thenMs) / 1000);
  if (seconds < 0) {
    // A clock skew between engine and UI of a few seconds is common; anything more is the future.
    return seconds > -60 ? 'just now' : `in ${formatDuration(-seconds)}`;
  }
  if (seconds < 45) return 'just now';
  return `${formatDuration(seconds)} ago`;
}

/** A duration in the largest unit that fits: "2 minutes", "3 hours", "4 weeks". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < MINUTE) return plural(s, 'second');
  if (s < HOUR) return plural(Math.floor(s / MINUTE), 'minute');
  if (s < DAY) return plural(Math.floor(s / HOUR), 'hour');
  if (s < WEEK * 2) return plural(Math.floor(s / DAY), 'day');
  if (s < MONTH * 2) return plural(Math.floor(s / WEEK), 'week');
  if (s < YEAR) return plural(Math.floor(s / MONTH), 'month');
  return plural(Math.floor(s / YEAR), 'year');
}

/** The exact local time, for tooltips: "2024-05-01 14:03:22". */
export function formatExactTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Whole seconds left until `atMs`, never negative. */
export function secondsUntil(atMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((atMs - nowMs) / 1000));
}

/** One port mapping as the docker CLI shows it, with an arrow: "0.0.0.0:8080→80/tcp", "[::]:8080→80/tcp", "80/tcp". */
export function formatPort(port: PortMapping): string {
  const target = `${port.privatePort}/${port.type}`;
  if (port.publicPort === null) return target;
  const ip = port.ip ?? '';
  const host = ip === '' ? '' : ip.includes(':') ? `[${ip}]:` : `${ip}:`;
  return `${host}${port.publicPort}→${target}`;
}

/**
 * All of a container's ports, sorted (published first, then by port number)
 * and without duplicates.
 */
export function formatPorts(ports: readonly PortMapping[]): string[] {
  const sorted = [...ports].sort(comparePorts);
  return [...new Set(sorted.map(formatPort))];
}

const WILDCARD = new Set(['', '0.0.0.0', '::']);

/**
 * Ports as the list shows them, shortest first: a mapping published on every
 * address (0.0.0.0 and ::, as docker does for each port) reads "8080→80/tcp";
 * one bound to a specific address keeps it ("127.0.0.1:5353→53/udp").
 */
export function compactPorts(ports: readonly PortMapping[]): string[] {
  const sorted = [...ports].sort(comparePorts);
  const out: string[] = [];
  const groups = new Map<string, PortMapping[]>();
  for (const port of sorted) {
    const key = `${port.publicPort}|${port.privatePort}|${port.type}`;
    const group = groups.get(key);
    if (group) group.push(port);
    else groups.set(key, [port]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    if (first.publicPort === null) out.push(`${first.privatePort}/${first.type}`);
    else if (group.every((p) => WILDCARD.has(p.ip ?? ''))) out.push(`${first.publicPort}→${first.privatePort}/${first.type}`);
    else for (const p of group) out.push(formatPort(p));
  }
  return [...new Set(out)];
}

export function comparePorts(a: PortMapping, b: PortMapping): number {
  const ap = a.publicPort === null ? 1 : 0;
  const bp = b.publicPort === null ? 1 : 0;
  return (
    ap - bp ||
    (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
    a.privatePort - b.privatePort ||
    a.type.localeCompare(b.type) ||
    // IPv4 before IPv6, as docker lists them.
    Number((a.ip ?? '').includes(':')) - Number((b.ip ?? '').includes(':')) ||
    (a.ip ?? '').localeCompare(b.ip ?? '')
  );
}

/** An id as people read it: without "sha256:", 12 hex digits. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** "1 container", "3 containers". */
export function countLabel(n: number, singular: string, pluralWord = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : pluralWord}`;
}
