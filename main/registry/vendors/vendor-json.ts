// Reading a vendor's JSON API (hub.docker.com, quay.io's /api/v1, Red Hat's
// catalog): one GET through the injected fetch, failures in the same words as
// the registry's own (errors.ts), the body checked against the documented
// shape so a changed API says so instead of showing blanks.
import type { z } from 'zod';
import type { Fetch } from '../client';
import { errorForStatus, RegistryError, retryAfterSeconds } from '../errors';

/** Vendor answers are small pages; a larger one is refused rather than buffered. */
const MAX_BYTES = 4 << 20;

export async function vendorJson<S extends z.ZodType>(fetch: Fetch, url: string, schema: S, what: string, signal?: AbortSignal): Promise<{ body: z.infer<S>; headers: Headers }> {
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', headers: { accept: 'application/json' }, redirect: 'follow', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error));
    throw new RegistryError('unreachable', `${host} could not be reached for ${what} (${cause}). Check the network connection.`);
  }
  const text = await response.text();
  if (!response.ok) throw errorForStatus(response.status, what, host, text.slice(0, 4096), retryAfterSeconds(response.headers.get('retry-after')));
  if (text.length > MAX_BYTES) throw new RegistryError('bad-response', `${what} from ${host} is larger than ${MAX_BYTES >> 20} MiB; Berth does not read it.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RegistryError('bad-response', `${what} from ${host} is not JSON: its API may have changed.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RegistryError('bad-response', `${what} from ${host} is not in the shape Berth knows (${issue ? `${issue.path.join('.') || 'the answer'}: ${issue.message}` : 'unexpected'}): its API may have changed.`);
  }
  return { body: parsed.data, headers: response.headers };
}

/** A next-page URL a vendor handed back, kept on the vendor's own origin. */
export function sameOrigin(next: string, base: string, what: string): string {
  const url = new URL(next, base);
  if (url.origin !== new URL(base).origin) throw new RegistryError('refused', `The next page of ${what} points at another server (${url.origin}); Berth does not follow it.`);
  return url.toString();
}

/** An ISO date from seconds since the epoch or any date text Date parses (RFC 2822 included); undefined if neither. */
export function isoDate(value: number | string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
