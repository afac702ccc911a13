// `berth serve`: the renderer over HTTP and the API over a WebSocket, on
// loopback only, with a token required on every request and connection.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ApiContext } from '../api/context';
import { serveApi, type DispatchOptions } from '../api/dispatch';
import type { Router } from '../api/procedure';
import { WS_PATH } from '../api/channels';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { decideAccess, type RequestFacts } from './access';
import { readStaticFile } from './static-files';
import { webSocketPipe } from './websocket-pipe';

export interface ServeOptions extends DispatchOptions {
  router: Router;
  context: ApiContext;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Given by tests; otherwise 32 random bytes. */
  token?: string;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The URL to open, token included. */
  url: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

// 1 MiB is far above any message the renderer sends.
const MAX_MESSAGE_BYTES = 1 << 20;

function facts(request: IncomingMessage, upgrade: boolean): RequestFacts {
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    host: request.headers.host,
    origin: request.headers.origin,
    cookie: request.headers.cookie,
    upgrade,
  };
}

function refuse(response: ServerResponse, status: number, reason: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${reason}\n`);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const http = createServer((request, response) => {
    void (async () => {
      const access = decideAccess(token, facts(request, false));
      if (!access.allow) return refuse(response, access.status, access.reason);
      if (access.via === 'query') {
        response.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': access.cookie, Location: access.location });
        return response.end();
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Berth serves files with GET only.');
      const file = await readStaticFile(options.rendererDir, new URL(request.url ?? '/', 'http://berth.invalid').pathname);
      if (!file) return refuse(response, 404, 'Not found.');
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': file.body.length });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    })().catch(() => refuse(response, 500, 'Berth could not serve this file.'));
  });

  http.on('upgrade', (request, socket, head) => {
    const access = decideAccess(token, facts(request, true));
    const path = new URL(request.url ?? '/', 'http://berth.invalid').pathname;
    if (!access.allow || path !== WS_PATH) {
      const [status, reason] = access.allow ? [404, 'Not found.'] : [access.status, access.reason];
      socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      serveApi(options.router, options.context, webSocketPipe(ws), options);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
