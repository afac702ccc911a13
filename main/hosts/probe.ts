// Knocking at one place: connect and GET /_ping with a short timeout. The
// connection is not kept: a probe leaves no socket or timer behind.
import http from 'node:http';
import https from 'node:https';
import type { ProbeAttempt } from '../engines/types';
import { attempt, describeError, describePing, type Finding } from './describe';
import { dialTarget } from './dial';
import type { Candidate } from './endpoint';

export const DEFAULT_PROBE_TIMEOUT_MS = 1500;

/** A signal that aborts (the session closing) ends the probe at once. */
export async function probeCandidate(candidate: Candidate, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS, signal?: AbortSignal): Promise<ProbeAttempt> {
  return attempt(candidate, await ping(candidate, timeoutMs, signal));
}

function ping(candidate: Candidate, timeoutMs: number, signal?: AbortSignal): Promise<Finding> {
  const target = dialTarget(candidate.endpoint, { keepAlive: false });
  const request = target.protocol === 'https:' ? https.request : http.request;
  return new Promise<Finding>((resolve) => {
    let settled = false;
    const finish = (finding: Finding) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      target.agent.destroy();
      resolve(finding);
    };
    const timer = setTimeout(() => finish(describeError(candidate, { code: 'TIMEOUT' }, timeoutMs)), timeoutMs);
    const onAbort = () => finish({ outcome: 'error', detail: 'stopped looking: Berth is closing this connection' });
    signal?.addEventListener('abort', onAbort, { once: true });
    const req = request({ ...target, path: '/_ping', method: 'GET', headers: { Accept: 'text/plain' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 4096) body += chunk;
      });
      res.on('end', () => finish(describePing(candidate, res.statusCode ?? 0, body)));
      res.on('error', (err: NodeJS.ErrnoException) => finish(describeError(candidate, err, timeoutMs)));
    });
    req.on('error', (err: NodeJS.ErrnoException) => finish(describeError(candidate, err, timeoutMs)));
    req.end();
  });
}
