// The two ways Berth reaches a CRI socket: on this machine, and on an SSH host
// as a channel of its one SSH connection (openssh_forwardOutStreamLocal).
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { forwardToSocket } from '../ssh/stream-agent';
import type { CriTarget } from './read';

export const localCriTarget: CriTarget = {
  open: (path) =>
    new Promise<Duplex>((resolve, reject) => {
      const socket = connect(path);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    }),
  endpoint: (path) => `unix://${path}`,
  where: 'on this computer',
};

/** A CRI socket on the host behind an open SSH connection; `address` is user@host:port. */
export function sshCriTarget(client: Client, address: string): CriTarget {
  return {
    open: (path) => forwardToSocket(client, path),
    endpoint: (path) => `ssh://${address}${path}`,
    where: `on ${address}`,
  };
}
