// Who may talk to `berth serve`: pure checks on request headers, so tests
// feed them data. The server listens on loopback only; these checks stop other
// web pages in the user's browser (CSRF, DNS rebinding) and other local users
// who lack the token.
import { createHash, timingSafeEqual } from 'node:crypto';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The hostname of a Host header ("127.0.0.1:8080" → "127.0.0.1"), lower-cased. */
function hostnameOf(hostHeader: string): string {
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d{1,5})?$/.exec(hostHeader.trim().toLowerCase());
  return match?.[1] ?? '';
}

/**
 * A loopback Host header, any port: `ssh -L 9000:127.0.0.1:PORT` makes the
 * browser send localhost:9000, which must work; a rebound domain name must not.
 */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  return hostHeader !== undefined && LOOPBACK_NAMES.has(hostnameOf(hostHeader));
}

/** Same origin: the Origin header names exactly the host the request went to, over http. */
export function isSameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (!origin || !hostHeader) return false;
  return origin.toLowerCase() === `http://${hostHeader.trim().toLowerCase()}`;
}

/** The cookie is named after the token's hash so that two servers on one machine keep apart. */
export function tokenCookieName(token: string): string {
  return `berth-${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
}

export function tokensMatch(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export interface RequestFacts {
  method: string;
  url: string; // path and query, as in the request line
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  upgrade: boolean;
}

export type AccessDecision =
  | { allow: true; via: 'cookie' }
  /** The token came in the query: set the cookie and send the browser to the clean URL. */
  | { allow: true; via: 'query'; cookie: string; location: string }
  | { allow: false; status: number; reason: string };

export function decideAccess(token: string, facts: RequestFacts): AccessDecision {
  if (!isLoopbackHost(facts.host)) {
    return { allow: false, status: 421, reason: `Berth answers only to 127.0.0.1 or localhost, not "${facts.host ?? ''}".` };
  }
  // Browsers always send Origin on WebSocket handshakes; a missing one is not a browser page of ours.
  if (facts.upgrade ? !isSameOrigin(facts.origin, facts.host) : facts.origin !== undefined && !isSameOrigin(facts.origin, facts.host)) {
    return { allow: false, status: 403, reason: `Requests from origin "${facts.origin ?? '(none)'}" are refused: only pages Berth served may connect.` };
  }
  const name = tokenCookieName(token);
  if (tokensMatch(token, cookieValue(facts.cookie, name))) return { allow: true, via: 'cookie' };
  const url = new URL(facts.url, 'http://berth.invalid');
  const given = url.searchParams.get('token');
  if (given !== null && !facts.upgrade && facts.method === 'GET' && tokensMatch(token, given)) {
    url.searchParams.delete('token');
    const cookie = `${name}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    return { allow: true, via: 'query', cookie, location: `${url.pathname}${url.search}` };
  }
  return {
    allow: false,
    status: 401,
    reason: given === null ? 'This Berth server needs its token: open the URL that `berth serve` printed, with ?token=… in it.' : 'The token in this URL is wrong: copy the URL that `berth serve` printed again.',
  };
}
