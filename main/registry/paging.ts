// Pagination of the distribution API's lists (_catalog, tags/list): `n` and
// `last`, and the Link header (RFC 8288) that points at the next page, given
// relative or absolute. Pure.

/** The target of rel="next" in a Link header, or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  // Each link is <uri>; params, separated by commas (commas inside <...> or quotes are not separators).
  const re = /<([^>]*)>((?:\s*;\s*[^;,=]+(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
  for (const m of header.matchAll(re)) {
    const params = m[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return m[1]!;
  }
  return null;
}

/**
 * The path and query of the next page, resolved against the request URL and
 * kept on the registry's own origin: a Link to another host is refused, so a
 * registry cannot send Berth (and its credentials) elsewhere.
 */
export function nextPageCursor(header: string | null, requestUrl: string): string | undefined {
  const target = nextLink(header);
  if (target === null) return undefined;
  const resolved = new URL(target, requestUrl);
  const base = new URL(requestUrl);
  if (resolved.origin !== base.origin) throw new Error(`The registry's next-page link points at another server (${resolved.origin}).`);
  return resolved.pathname + resolved.search;
}

