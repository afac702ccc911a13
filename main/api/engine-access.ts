import type Docker from 'dockerode';
import type { ApiContext } from './context';

/**
 * The connected engine of a host for areas that act on it. While the session
 * is still making its first connection, waits for the outcome instead of
 * failing; offline, the session's driver() throws UNAVAILABLE with the reason.
 */
export async function dockerFor(ctx: ApiContext, host: string): Promise<Docker> {
  const session = ctx.engine(host);
  if (session.status().state === 'connecting') {
    const stop = new AbortController();
    for await (const status of session.watchStatus(stop.signal)) {
      if (status.state !== 'connecting') break;
    }
    stop.abort();
  }
  return session.driver().docker;
}
