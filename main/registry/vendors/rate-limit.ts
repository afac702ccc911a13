// Docker Hub's pull limit as its registry reports it on manifest requests:
// `ratelimit-limit: 100;w=21600` and `ratelimit-remaining: 76;w=21600`
// (pulls per window of w seconds), plus `docker-ratelimit-source` (the IP or
// account counted). Pure.

export interface RateLimit {
  limit: number;
  remaining: number;
  /** The window the limit counts over, in seconds; null when the header does not say. */
  windowSeconds: number | null;
  /** Who is counted: an IP address or an account id. */
  source?: string;
}

interface Quota {
  value: number;
  window: number | null;
}

/** `100;w=21600` → 100 per 21600 s. Null for anything else. */
export function parseQuota(header: string | null): Quota | null {
  if (!header) return null;
  const [count, ...params] = header.split(';').map((p) => p.trim());
  if (!count || !/^\d+$/.test(count)) return null;
  let window: number | null = null;
  for (const p of params) {
    const m = /^w\s*=\s*(\d+)$/i.exec(p);
    if (m) window = Number(m[1]);
  }
  return { value: Number(count), window };
}

/** The limit from a response's headers; null when the registry sets none (a logged-in paid account, or not Docker Hub). */
export function rateLimitFrom(headers: Headers): RateLimit | null {
  const limit = parseQuota(headers.get('ratelimit-limit'));
  const remaining = parseQuota(headers.get('ratelimit-remaining'));
  if (!limit || !remaining) return null;
  const source = headers.get('docker-ratelimit-source');
  return { limit: limit.value, remaining: remaining.value, windowSeconds: limit.window ?? remaining.window, ...(source ? { source } : {}) };
}

/** "76 of 100 pulls left per 6 h" */
export function describeRateLimit(r: RateLimit): string {
  const per = r.windowSeconds === null ? '' : ` per ${formatWindow(r.windowSeconds)}`;
  return `${r.remaining} of ${r.limit} pulls left${per}${r.source ? ` (counted for ${r.source})` : ''}.`;
}

function formatWindow(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
