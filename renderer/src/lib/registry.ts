// The registry browser's pure bits: how names, platforms, layer formats and
// history steps read, tag order, and when an address means plain http away
// from this machine.
import type { Platform, RegistryKind, Tag, TagSort } from '../../../main/registry/types';

/** `docker.io/library/nginx` reads as `nginx`, the way people type it. */
export function displayRepository(kind: RegistryKind, name: string): string {
  return kind === 'dockerhub' && name.startsWith('library/') ? name.slice('library/'.length) : name;
}

/** The loaded tags in the order asked for: names compare by their numbers ("1.10" after "1.9"); newest first by date. */
export function sortTags(tags: readonly Tag[], sort: TagSort): Tag[] {
  const byName = (a: Tag, b: Tag) => a.name.localeCompare(b.name, 'en', { numeric: true });
  if (sort === 'name') return [...tags].sort(byName);
  return [...tags].sort((a, b) => (b.updated ?? '').localeCompare(a.updated ?? '') || byName(a, b));
}

export const platformText = (p: Platform) => [p.os, p.architecture, p.variant].filter(Boolean).join('/');

/** A layer's media type as its compression: gzip, zstd, or an uncompressed tar. */
export function layerFormat(mediaType: string): string {
  if (/\+zstd$/.test(mediaType)) return 'zstd';
  if (/(\+gzip|\.tar\.gzip)$/.test(mediaType)) return 'gzip';
  if (/tar$/.test(mediaType)) return 'tar';
  return mediaType;
}

/** `/bin/sh -c #(nop)  CMD ["sh"]` reads as `CMD ["sh"]`, `/bin/sh -c make` as `RUN make`. */
export function historyStep(createdBy: string): string {
  return createdBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, '').replace(/^\/bin\/sh -c /, 'RUN ');
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/** Whether a typed address would be reached over plain http away from this machine (the add dialog warns). */
export function plainHttpElsewhere(address: string, insecure: boolean): boolean {
  const text = address.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  const host = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
  if (host === '' || LOOPBACK.test(host)) return false;
  return scheme === 'http' || (scheme === undefined && insecure);
}
