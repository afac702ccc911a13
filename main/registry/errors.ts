// What can go wrong talking to a registry, each with a sentence for the user
// that says what happened and what to do.

export type RegistryErrorKind =
  | 'unauthorized' // 401: no or wrong credentials
  | 'denied' // 403: logged in but not allowed
  | 'not-found' // 404
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'unreachable' // connection refused, DNS, TLS
  | 'bad-response' // not what the distribution API says it returns
  | 'truncated' // a blob ended before its size
  | 'digest-mismatch' // a blob or manifest whose bytes are not its digest
  | 'unsupported' // e.g. a compression this Node cannot read
  | 'refused'; // Berth refuses: plain http to a remote host, a redirect to file:, ...

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    /** Seconds to wait, from Retry-After on a 429 or 503. */
    readonly retryAfter: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date. Pure. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The first message of a distribution API error body ({"errors":[{"code","message"}]}), if any. Pure. */
export function apiErrorMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: string; message?: string; detail?: unknown }[]; details?: string; message?: string };
    const first = parsed.errors?.[0];
    if (first) return [first.code, first.message].filter(Boolean).join(': ');
    return parsed.details ?? parsed.message ?? null;
  } catch {
    return null;
  }
}

/** The error for a failed response, in words. Pure. */
export function errorForStatus(status: number, what: string, server: string, body: string, retryAfter: number | null): RegistryError {
  const detail = apiErrorMessage(body);
  const said = detail ? ` (the registry said: ${detail})` : '';
  if (status === 401) return new RegistryError('unauthorized', `${server} asks for a login to read ${what}${said}. Log in to ${server}, or check the user name and password.`, null, status);
  if (status === 403) return new RegistryError('denied', `${server} refused access to ${what}${said}. The login has no permission for it: use an account that does.`, null, status);
  if (status === 404) return new RegistryError('not-found', `${what} is not on ${server}${said}. Check the name, or whether it was deleted.`, null, status);
  if (status === 429)
    return new RegistryError(
      'rate-limited',
      `${server} limits how many requests may be made and the limit is reached${said}. ${retryAfter !== null ? `Try again in ${formatWait(retryAfter)}` : 'Try again later'}, or log in for a higher limit.`,
      retryAfter,
      status,
    );
  if (status >= 500)
    return new RegistryError('server', `${server} failed answering for ${what} (HTTP ${status})${said}. The registry has a problem: try again${retryAfter !== null ? ` in ${formatWait(retryAfter)}` : ' later'}.`, retryAfter, status);
  if (status === 405) return new RegistryError('refused', `${server} does not allow this for ${what} (HTTP 405)${said}. Deleting may be disabled on this registry.`, null, status);
  return new RegistryError('bad-response', `${server} answered HTTP ${status} for ${what}${said}.`, null, status);
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
