// A real local HTTP server that answers with the recorded vendor responses in
// test/fixtures/registry-vendors, so the vendor sources are tested through
// fetch and HTTP as they run, not against a fetch mock. Absolute URLs recorded
// against the vendors' hosts are rewritten to this server.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/registry-vendors');
const RECORDED_HOSTS = /https:\/\/(hub\.docker\.com|quay\.io|catalog\.redhat\.com|berthdemo\.azurecr\.io)/g;

export interface Route {
  method?: string;
  path: string;
  /** Query parameters that must be present with these values. */
  query?: Record<string, string>;
  /** A fixture file under test/fixtures/registry-vendors. */
  file?: string;
  body?: string;
  status?: number;
  /** Header values may use {origin} for this server's origin. */
  headers?: Record<string, string>;
  /** Only when the request carries this header. */
  requires?: string;
}

export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

export interface RecordedServer {
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function recordedServer(routes: Route[]): Promise<RecordedServer> {
  const requests: SeenRequest[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    requests.push({ method, url, headers: req.headers });
    const route = routes.find(
      (r) =>
        (r.method ?? 'GET') === method &&
        r.path === url.pathname &&
        Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v) &&
        (!r.requires || req.headers[r.requires] !== undefined),
    );
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `no recording for ${method} ${url.pathname}${url.search}` }));
      return;
    }
    const text = route.file ? readFileSync(join(FIXTURES, route.file), 'utf8') : (route.body ?? '');
    const headers = Object.fromEntries(Object.entries(route.headers ?? {}).map(([k, v]) => [k, v.replaceAll('{origin}', origin)]));
    res.writeHead(route.status ?? 200, { 'content-type': 'application/json', ...headers });
    res.end(method === 'HEAD' ? undefined : text.replace(RECORDED_HOSTS, origin));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The fetch the product uses, as the injected one. */
export const realFetch = (url: string, init: RequestInit) => fetch(url, init);

/** A server per test, closed after it; `current` is the one started last. */
export function recordedServers() {
  let current: RecordedServer | null = null;
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return {
    async start(routes: Route[]): Promise<RecordedServer> {
      current = await recordedServer(routes);
      return current;
    },
    get current(): RecordedServer {
      if (!current) throw new Error('no recorded server started in this test');
      return current;
    },
  };
}
