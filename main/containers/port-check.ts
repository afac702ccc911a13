// Whether a host port is free, asked of this computer's network stack. Only
// meaningful when the engine runs here (a local socket), so the caller decides.
import { createServer } from 'node:net';
import type { PublishedPort } from './run-spec';

export function tcpPortFree(port: PublishedPort): Promise<boolean> {
  if (port.protocol !== 'tcp') return Promise.resolve(true);
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code !== 'EADDRINUSE'));
    server.listen({ port: port.hostPort, host: port.hostIp || '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
