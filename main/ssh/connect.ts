// Opening one SSH connection (through ProxyJump hops when configured) with
// ssh2: the host key of every hop is checked against known_hosts before any
// credential is sent, keepalives notice a dead link, and every failure comes
// back as an SshFailure whose message tells the user what to do.
// ssh2 is CommonJS: Node's ESM loader gives its exports on the default import only.
import ssh2, { type AuthenticationType, type Client, type ConnectConfig } from 'ssh2';
import type { Duplex } from 'node:stream';
import { checkHostKey, fingerprintOf, knownKeyTypes, type HostKey } from './known-hosts';
import { formatTarget } from './target';

export interface SshHop {
  hostname: string;
  port: number;
  user: string;
}

export type SshCredential =
  | { kind: 'agent'; socket: string }
  | { kind: 'key'; path: string; privateKey: Buffer; passphrase: string | null }
  | { kind: 'password'; password: string };

export type SshFailureKind = 'host-key-unknown' | 'host-key-changed' | 'host-key-revoked' | 'auth' | 'unreachable' | 'timeout';

export interface OfferedHostKey extends HostKey {
  fingerprint: string;
  /** The known_hosts name and port it belongs to. */
  host: string;
  port: number;
}

export class SshFailure extends Error {
  constructor(
    readonly kind: SshFailureKind,
    message: string,
    readonly hostKey: OfferedHostKey | null = null,
  ) {
    super(message);
    this.name = 'SshFailure';
  }
}

export interface KnownHostsFile {
  read(): Promise<string>;
}

export interface OpenOptions {
  knownHosts: KnownHostsFile;
  credentials: SshCredential[];
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
}

/** The key type from a key blob: its first SSH string. */
export function keyTypeOf(blob: Buffer): string {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** Host key algorithms that prove a key of each known type, so the server shows the key we know. */
const ALGORITHMS_OF: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/** Opens hops[0], then each next hop through the previous one; resolves with the last hop's client and closes the chain with it. */
export async function openSsh(hops: SshHop[], options: OpenOptions): Promise<Client> {
  const opened: Client[] = [];
  try {
    let sock: Duplex | undefined;
    for (const [i, hop] of hops.entries()) {
      const client = await openOne(hop, sock, options);
      opened.push(client);
      const next = hops[i + 1];
      if (next) sock = await forwardTcp(client, next);
    }
    const last = opened[opened.length - 1]!;
    last.once('close', () => opened.forEach((c) => c.end()));
    for (const hop of opened.slice(0, -1)) hop.once('close', () => last.end());
    return last;
  } catch (err) {
    opened.forEach((c) => c.end());
    throw err;
  }
}

function forwardTcp(client: Client, to: SshHop): Promise<Duplex> {
  return new Promise((resolve, reject) =>
    client.forwardOut('127.0.0.1', 0, to.hostname, to.port, (err, stream) =>
      err ? reject(new SshFailure('unreachable', `The jump host could not reach ${formatTarget({ user: null, host: to.hostname, port: to.port })}: ${err.message}.`)) : resolve(stream),
    ),
  );
}

async function openOne(hop: SshHop, sock: Duplex | undefined, options: OpenOptions): Promise<Client> {
  const where = formatTarget({ user: hop.user, host: hop.hostname, port: hop.port });
  const knownText = await options.knownHosts.read();
  const preferred = knownKeyTypes(knownText, hop.hostname, hop.port).flatMap((t) => ALGORITHMS_OF[t] ?? []);
  let refusal: SshFailure | null = null;
  const client = new ssh2.Client();
  const methods = options.credentials.map((c) => {
    switch (c.kind) {
      case 'agent':
        return { type: 'agent' as const, username: hop.user, agent: c.socket };
      case 'key':
        return { type: 'publickey' as const, username: hop.user, key: c.privateKey, ...(c.passphrase ? { passphrase: c.passphrase } : {}) };
      case 'password':
        return { type: 'password' as const, username: hop.user, password: c.password };
    }
  });
  const config: ConnectConfig = {
    host: hop.hostname,
    port: hop.port,
    username: hop.user,
    ...(sock ? { sock } : {}),
    readyTimeout: options.readyTimeoutMs ?? 15_000,
    keepaliveInterval: options.keepaliveIntervalMs ?? 10_000,
    keepaliveCountMax: options.keepaliveCountMax ?? 3,
    // ssh2's types list the method names, but it takes method objects as well.
    authHandler: methods as unknown as AuthenticationType[],
    ...(preferred.length ? { algorithms: { serverHostKey: { prepend: preferred, append: [], remove: [] } as never } } : {}),
    hostVerifier: (blob: Buffer, verify: (ok: boolean) => void) => {
      const key = { type: keyTypeOf(blob), base64: blob.toString('base64') };
      const verdict = checkHostKey(knownText, hop.hostname, hop.port, key);
      const offered = { ...key, fingerprint: fingerprintOf(blob), host: hop.hostname, port: hop.port };
      if (verdict.status === 'unknown') {
        refusal = new SshFailure('host-key-unknown', `${where} is not in known_hosts. Its ${key.type} key fingerprint is ${offered.fingerprint}. Compare it with the server's (ssh-keygen -lf on its host key) before trusting it.`, offered);
      } else if (verdict.status === 'changed') {
        refusal = new SshFailure(
          'host-key-changed',
          `The host key of ${where} has CHANGED (now ${offered.fingerprint}; known_hosts line ${verdict.lines.join(', ')} holds another ${verdict.knownTypes.join('/')} key). Someone may be intercepting the connection, or the server was reinstalled. Berth refuses to connect; if the change is expected, remove the old key with: ssh-keygen -R ${hop.port === 22 ? hop.hostname : `'[${hop.hostname}]:${hop.port}'`}`,
          offered,
        );
      } else if (verdict.status === 'revoked') {
        refusal = new SshFailure('host-key-revoked', `The host key of ${where} (${offered.fingerprint}) is marked @revoked in known_hosts (line ${verdict.line}). Berth refuses to connect.`, offered);
      }
      verify(refusal === null);
    },
  };
  return new Promise<Client>((resolve, reject) => {
    const fail = (err: Error & { level?: string; code?: string }) => {
      client.removeAllListeners('ready');
      client.end();
      reject(refusal ?? describeFailure(err, where, options.credentials));
    };
    client.once('ready', () => {
      client.removeListener('error', fail);
      // Requests are small writes that wait for answers: Nagle's delay would add up on every call.
      client.setNoDelay(true);
      // Later errors (a dropped link) show as 'close'; an unhandled 'error' would crash the process.
      client.on('error', () => undefined);
      resolve(client);
    });
    client.once('error', fail);
    client.connect(config);
  });
}

function describeCredentials(credentials: SshCredential[]): string {
  return credentials.map((c) => (c.kind === 'agent' ? 'the ssh-agent' : c.kind === 'key' ? `the key ${c.path}` : 'the password')).join(', ') || 'nothing';
}

function describeFailure(err: Error & { level?: string; code?: string }, where: string, credentials: SshCredential[]): SshFailure {
  if (err.level === 'client-authentication') return new SshFailure('auth', `${where} refused the login: tried ${describeCredentials(credentials)}. Check the user name and that the key is in the server's authorized_keys.`);
  if (err.level === 'client-timeout') return new SshFailure('timeout', `${where} did not complete the SSH handshake in time. Is it an SSH server, and is the network up?`);
  switch (err.code) {
    case 'ECONNREFUSED':
      return new SshFailure('unreachable', `Nothing accepts connections at ${where} (connection refused). Is sshd running, and is the port right?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new SshFailure('unreachable', `The name in ${where} does not resolve (${err.code}).`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new SshFailure('unreachable', `${where} cannot be reached (${err.code}).`);
    default:
      return new SshFailure('unreachable', `Could not connect to ${where}: ${err.message}${err.code ? ` (${err.code})` : ''}.`);
  }
}
