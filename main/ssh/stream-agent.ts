// An http.Agent whose connections are SSH channels to a socket on the remote
// host (openssh_forwardOutStreamLocal): dockerode speaks the Engine API over
// one SSH connection, many channels at once, no handshake per request.
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { briefWhenInspected } from '../hosts/dial';

export function forwardToSocket(client: Client, socketPath: string): Promise<Duplex> {
  return new Promise((resolve, reject) =>
    client.openssh_forwardOutStreamLocal(socketPath, (err, channel) => {
      if (err) {
        // The server says "open failed" when nothing listens at the path (or forwarding is off).
        reject(Object.assign(new Error(`the SSH server could not open ${socketPath}: ${err.message}`), { code: /open failed|No such file/i.test(err.message) ? 'ENOENT' : 'ECHANNEL' }));
        return;
      }
      resolve(asSocket(channel));
    }),
  );
}

/** The http client and a keep-alive agent call socket methods a channel lacks; they mean nothing on a channel. */
function asSocket(channel: Duplex): Duplex {
  const socket = channel as Duplex & Record<string, unknown>;
  for (const name of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref']) {
    if (typeof socket[name] !== 'function') socket[name] = () => socket;
  }
  return socket;
}

export class SshStreamAgent extends http.Agent {
  constructor(private readonly open: () => Promise<Duplex>) {
    super({ keepAlive: true });
    briefWhenInspected(this);
  }

  override createConnection(_options: unknown, callback?: (err: Error | null, socket: Duplex) => void): undefined {
    this.open().then(
      (socket) => callback?.(null, socket),
      (err: Error) => callback?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
