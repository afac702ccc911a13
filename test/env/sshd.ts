// The private OpenSSH server on 127.0.0.1: generated host and client keys, root
// login with the client key only, stream-local (unix socket) forwarding allowed,
// so tests reach the private engines' sockets the way Berth reaches a remote host.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './ports';
import { run, spawnDaemon, stopDaemon, waitReady, which, type Daemon } from './process';
import type { SshTarget } from './types';

export interface SshServer {
  target: SshTarget;
  stop(): Promise<void>;
}

async function ensureKey(path: string): Promise<void> {
  if (existsSync(path) && existsSync(`${path}.pub`)) return;
  rmSync(path, { force: true });
  rmSync(`${path}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'berth-test', '-f', path]);
}

/** Resolves true once the server sends its SSH banner. */
function answersSsh(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('latin1').startsWith('SSH-'));
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startSshd(dir: string, logDir: string, port: number): Promise<SshServer> {
  mkdirSync(dir, { recursive: true });
  // sshd's compiled-in privilege separation directory.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  await Promise.all([ensureKey(hostKey), ensureKey(clientKey)]);
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${clientKey}.pub`, 'utf8'), { mode: 0o600 });
  const hostPublicKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const sshdPath = which('sshd');
  if (!sshdPath) throw new Error('sshd not found');

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++, port = await freePort()) {
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'UsePAM no',
        'StrictModes no',
        'AllowStreamLocalForwarding yes',
        'AllowTcpForwarding yes',
        'X11Forwarding no',
        'PrintMotd no',
        'MaxStartups 100',
        'MaxSessions 100',
        'LogLevel ERROR',
        'Subsystem sftp internal-sftp',
        '',
      ].join('\n'),
    );
    const knownHostsPath = join(dir, 'known_hosts');
    writeFileSync(knownHostsPath, `[127.0.0.1]:${port} ${hostPublicKey}\n`);
    const daemon: Daemon = spawnDaemon('sshd', sshdPath, ['-D', '-e', '-f', config], { logFile: join(logDir, 'sshd.log') });
    try {
      await waitReady(daemon, () => answersSsh(port), 20_000);
      return {
        target: { host: '127.0.0.1', port, user: 'root', privateKeyPath: clientKey, knownHostsPath, hostPublicKey },
        stop: () => stopDaemon(daemon, 5_000),
      };
    } catch (error) {
      lastError = error;
      await stopDaemon(daemon, 2_000);
    }
  }
  throw lastError;
}
