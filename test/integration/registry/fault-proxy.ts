// An HTTP proxy in front of a real registry that injects faults into the
// requests a test picks: a status of its choice (401, 403, 404, 429 with
// Retry-After, 5xx), a body cut in the middle, or a body with a byte changed.
// Everything else passes through untouched.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { path: RegExp; status: number; headers?: Record<string, string>; body?: string }
  | { path: RegExp; truncate: true }
  | { path: RegExp; corrupt: true };

export interface FaultProxy {
  /** 127.0.0.1:PORT */
  address: string;
  /** Faults apply to GET/HEAD requests whose path matches, until cleared. */
  inject(fault: Fault): void;
  clear(): void;
  close(): Promise<void>;
}

export async function faultProxy(target: string): Promise<FaultProxy> {
  const [host, port] = [target.split(':')[0]!, Number(target.split(':')[1])];
  let faults: Fault[] = [];
  const forward = (req: http.IncomingMessage, onResponse: (res: http.IncomingMessage) => void) => {
    const upstream = http.request({ host, port, method: req.method, path: req.url, headers: req.headers }, onResponse);
    req.pipe(upstream);
  };
  const server = http.createServer((req, res) => {
    const fault = faults.find((f) => f.path.test(req.url ?? ''));
    if (!fault) return forward(req, (up) => (res.writeHead(up.statusCode ?? 502, up.headers), up.pipe(res)));
    if ('status' in fault) {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      return void res.end(fault.body ?? '');
    }
    forward(req, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(body.length) });
        if ('truncate' in fault) {
          // Headers promise the whole body; half arrives, then the connection drops.
          res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
          return;
        }
        const changed = Buffer.from(body);
        const at = changed.length >> 1;
        changed[at] = changed[at]! ^ 0x01;
        res.end(changed);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    inject: (fault) => void faults.push(fault),
    clear: () => void (faults = []),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
