// Minimal HTTP over a unix socket or loopback TCP, for readiness probes and
// housekeeping calls to the engines (no dependency on the code under test).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

export interface Target {
  socketPath?: string;
  host?: string;
  port?: number;
}

export interface Response {
  status: number;
  body: string;
}

/** One request; the body is JSON-encoded if it is an object, streamed if it is a stream. */
export function request(
  target: Target,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    const isStream = !!body && typeof (body as Readable).pipe === 'function';
    let payload: string | undefined;
    if (isStream) headers['content-type'] = 'application/x-tar';
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const req = httpRequest(
      { ...target, host: target.socketPath ? 'localhost' : target.host, method, path, headers, timeout: timeoutMs },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (isStream) (body as Readable).on('error', (error) => req.destroy(error)).pipe(req);
    else req.end(payload);
  });
}

/** GET returning parsed JSON; throws on a non-2xx status. */
export async function getJson<T>(target: Target, path: string): Promise<T> {
  const res = await request(target, 'GET', path);
  if (res.status < 200 || res.status >= 300) throw new Error(`GET ${path}: ${res.status} ${res.body.trim()}`);
  return JSON.parse(res.body) as T;
}

/** A streaming GET (e.g. an image export), for piping into another request. */
export function getStream(target: Target, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ ...target, host: target.socketPath ? 'localhost' : target.host, method: 'GET', path }, (res) => {
      if ((res.statusCode ?? 0) >= 300) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(new Error(`GET ${path}: ${res.statusCode} ${Buffer.concat(chunks).toString()}`)));
        return;
      }
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

/** True if the engine on this socket answers /_ping with OK. */
export async function pingSocket(socketPath: string): Promise<boolean> {
  const res = await request({ socketPath }, 'GET', '/_ping', undefined, 2_000);
  return res.status === 200 && res.body === 'OK';
}
