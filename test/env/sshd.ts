// The private OpenSSH server on 127.0.0.1: generated host and client keys, root
// login with the client key only, stream-local (unix socket) forwarding allowed,
// so tests reach the private engines' sockets the way Berth reaches a remote host.
// A test's own second server (test/support/remote-host.ts) may also listen in a
// network namespace and take a password: sshd without PAM checks passwords
// against /etc/shadow, so that server runs in a mount namespace of its own where
// /etc/passwd and /etc/shadow are private copies holding a test user (uid 0).
// The machine's files are never changed.
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

export interface SshdOptions {
  /** Address to listen on (default 127.0.0.1), e.g. inside netns. */
  listen?: string;
  /** Network namespace to run in (ip netns). */
  netns?: string;
  /** A user who logs in with this password (as well as root with the key). */
  password?: { user: string; password: string };
}

async function ensureKey(path: string): Promise<void> {
  if (existsSync(path) && existsSync(`${path}.pub`)) return;
  rmSync(path, { force: true });
  rmSync(`${path}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'berth-test', '-f', path]);
}

/** The command prefix that runs a command in a network namespace only: `ip netns exec` would also remount /sys, hiding the cgroups dockerd needs. */
export const inNetns = (netns: string) => ['nsenter', `--net=/run/netns/${netns}`, '--'];

/** /etc/passwd with the user added, and a shadow file with only that user's password (SHA-512 crypt). */
async function privateAccounts(dir: string, { user, password }: { user: string; password: string }): Promise<{ passwd: string; shadow: string }> {
  const passwd = join(dir, 'passwd');
  const shadow = join(dir, 'shadow');
  const hash = (await run('openssl', ['passwd', '-6', password])).trim();
  writeFileSync(passwd, `${readFileSync('/etc/passwd', 'utf8').trimEnd()}\n${user}:x:0:0:Berth password test:/root:/bin/sh\n`, { mode: 0o644 });
  writeFileSync(shadow, `${user}:${hash}:20000:0:99999:7:::\n`, { mode: 0o600 });
  return { passwd, shadow };
}

/** Resolves true once the server sends its SSH banner. */
function answersSsh(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
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

export async function startSshd(dir: string, logDir: string, port: number, options: SshdOptions = {}): Promise<SshServer> {
  const listen = options.listen ?? '127.0.0.1';
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
  const passwordUser = options.password && (await privateAccounts(dir, options.password));

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++, port = await freePort()) {
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        `ListenAddress ${listen}`,
        `HostKey ${hostKey}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        'PubkeyAuthentication yes',
        `PasswordAuthentication ${passwordUser ? 'yes' : 'no'}`,
        'KbdInteractiveAuthentication no',
        // The password user has uid 0 (to reach the engines' sockets): sshd counts it as root.
        `PermitRootLogin ${passwordUser ? 'yes' : 'prohibit-password'}`,
        'UsePAM no',
        'StrictModes no',
        'AllowStreamLocalForwarding yes',
        'AllowTcpForwarding yes',
        'X11Forwarding no',
        'PrintMotd no',
        'MaxStartups 100',
        // OpenSSH's default MaxSessions (10) counts shells and exec only, not
        // stream-local forwards; the second server keeps the default to show it.
        ...(options.netns ? [] : ['MaxSessions 100']),
        'LogLevel ERROR',
        'Subsystem sftp internal-sftp',
        '',
      ].join('\n'),
    );
    const knownHostsPath = join(dir, 'known_hosts');
    writeFileSync(knownHostsPath, `${port === 22 ? listen : `[${listen}]:${port}`} ${hostPublicKey}\n`);
    const sshd = [sshdPath, '-D', '-e', '-f', config];
    const inAccounts = passwordUser ? ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/shadow && shift 2 && exec "$@"', 'sh', passwordUser.passwd, passwordUser.shadow, ...sshd] : sshd;
    const command = options.netns ? [...inNetns(options.netns), ...inAccounts] : inAccounts;
    const daemon: Daemon = spawnDaemon('sshd', command[0]!, command.slice(1), { logFile: join(logDir, 'sshd.log') });
    try {
      await waitReady(daemon, () => answersSsh(listen, port), 20_000);
      return {
        target: { host: listen as '127.0.0.1', port, user: 'root', privateKeyPath: clientKey, knownHostsPath, hostPublicKey },
        stop: () => stopDaemon(daemon, 5_000),
      };
    } catch (error) {
      lastError = error;
      await stopDaemon(daemon, 2_000);
    }
  }
  throw lastError;
}
