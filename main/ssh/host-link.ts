// One SSH host: its single ssh2 connection, the credentials it needs, and the
// questions it asks the user (an unknown host key, a passphrase, a password).
// The engine session plugs in through discover + connect: discover (re)opens
// the connection and probes the engine sockets, connect builds a driver whose
// requests are channels of that connection. A host waiting for the user does
// not retry on its own: it would only fail again (or lock an account).
import http from 'node:http';
import ssh2, { type Client } from 'ssh2';
import { createDockerDriver, type ConnectDriver } from '../engines/docker-driver';
import type { ProbeAttempt } from '../engines/types';
import { attempt, describeError, describePing } from '../hosts/describe';
import type { Discover } from '../hosts/discover';
import type { Candidate } from '../hosts/endpoint';
import { Feed } from '../live/feed';
import { memoryStore, type SecretStore } from '../secrets/secret-store';
import { resolveHost, type LocalUser, type ResolvedHost } from './config';
import { openSsh, SshFailure, type OfferedHostKey, type SshCredential, type SshHop } from './connect';
import { knownHostsLine } from './known-hosts';
import { remoteSockets, type RemoteSocket } from './sockets';
import { forwardToSocket, SshStreamAgent } from './stream-agent';
import { formatTarget, parseTarget } from './target';

export type SshAuthMode = 'agent' | 'key' | 'password';

/** What is saved for a host: no secrets. */
export interface SshHostSpec {
  id: string;
  name: string;
  /** user@host[:port] or an alias from ~/.ssh/config. */
  target: string;
  auth: SshAuthMode;
  /** For auth 'key': the key file; null takes IdentityFile from the config, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa. */
  keyPath: string | null;
  /** The engine socket on the host; null probes the usual places. */
  socket: string | null;
}

/** This machine, as the SSH code needs it: files are reached only through here. */
export interface SshEnvironment {
  local: LocalUser;
  /** SSH_AUTH_SOCK */
  agentSocket: string | null;
  configPath: string;
  knownHostsPath: string;
  readText(path: string): Promise<string | null>;
  readBytes(path: string): Promise<Buffer | null>;
  appendText(path: string, text: string): Promise<void>;
}

export type LinkState = 'idle' | 'connecting' | 'connected' | 'unreachable' | 'auth-failed' | 'needs-host-key' | 'host-key-changed' | 'needs-secret';

export interface LinkStatus {
  state: LinkState;
  reason: string | null;
  /** The key to confirm (needs-host-key) or the one refused (host-key-changed). */
  hostKey: { type: string; fingerprint: string; host: string; port: number } | null;
  /** What to ask for (needs-secret), and whether "remember" keeps it in the OS keychain or only while Berth runs. */
  secret: { kind: SecretKind; prompt: string; storage: SecretStore['persistence'] } | null;
  /** Engine sockets that answered at the last probe, e.g. "Docker Engine at /var/run/docker.sock". */
  engines: string[];
  /** user@host:port as connected (after ~/.ssh/config). */
  address: string | null;
  /** Unix ms of the last change of state. */
  since: number;
}

export interface HostLinkOptions {
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  probeTimeoutMs?: number;
  /** Sockets to probe instead of the usual places (an explicit spec.socket wins over both). */
  probe?: RemoteSocket[];
  /** Where remembered passphrases and passwords go; in memory for the run when absent. */
  secrets?: SecretStore;
}

type SecretKind = 'passphrase' | 'password';

/** The SecretStore key of a host's passphrase or password; every key of a host starts with secretPrefix(id). */
export const secretPrefix = (hostId: string) => `ssh/${hostId}/`;
const secretKey = (hostId: string, kind: SecretKind) => `${secretPrefix(hostId)}${kind}`;

class Blocked extends Error {}

export class HostLink {
  private client_: Client | null = null;
  private opening: Promise<Client> | null = null;
  /** Set while the host waits for the user; the session's next discover waits too instead of retrying. */
  private block: { error: Error; reported: boolean } | null = null;
  private userActed: (() => void) | null = null;
  private pendingKey: OfferedHostKey | null = null;
  // Secrets in use, kept for reconnects; never logged or sent to the renderer, saved
  // only through the SecretStore when the user ticks "remember" (after they worked).
  private passphrase: string | null = null;
  private password: string | null = null;
  private remember: SecretKind | null = null;
  private readonly secrets: SecretStore;
  private current: LinkStatus = { state: 'idle', reason: null, hostKey: null, secret: null, engines: [], address: null, since: Date.now() };
  private readonly feed = new Feed<LinkStatus>({ latestOnly: true });
  private closed = false;

  constructor(
    readonly spec: SshHostSpec,
    private readonly env: SshEnvironment,
    private readonly options: HostLinkOptions = {},
  ) {
    this.secrets = options.secrets ?? memoryStore();
  }

  status(): LinkStatus {
    return this.current;
  }

  watch(signal: AbortSignal): AsyncIterable<LinkStatus> {
    return this.feed.subscribe(signal, [this.current]);
  }

  /** discover + connect for createEngineSession. */
  engine(): { discover: Discover; connect: ConnectDriver } {
    return { discover: (signal) => this.discover(signal), connect: (candidate) => this.driverFor(candidate) };
  }

  /** Accepts the pending unknown host key: appended to known_hosts, then connects. Only the key the user saw is accepted. */
  async acceptHostKey(fingerprint: string): Promise<void> {
    const key = this.pendingKey;
    if (!key || this.current.state !== 'needs-host-key') throw new Error('There is no host key waiting for confirmation on this host.');
    if (key.fingerprint !== fingerprint) throw new Error(`The host now offers ${key.fingerprint}, not the key you confirmed; check it again.`);
    await this.env.appendText(this.env.knownHostsPath, `${knownHostsLine(key.host, key.port, key)}\n`);
    this.pendingKey = null;
    this.retry();
  }

  /** The answer to the pending question; with remember, it is saved in the SecretStore once a login with it succeeds. */
  provideSecret(secret: string, remember = false): void {
    const ask = this.current.secret;
    if (this.current.state !== 'needs-secret' || !ask) throw new Error('This host is not asking for a passphrase or password.');
    if (ask.kind === 'passphrase') this.passphrase = secret;
    else this.password = secret;
    this.remember = remember ? ask.kind : null;
    this.retry();
  }

  /** Tries again now (after the user fixed known_hosts, started sshd, …). */
  retry(): void {
    this.block = null;
    this.userActed?.();
    this.userActed = null;
    if (this.client_ === null && this.current.state !== 'connecting') this.set({ state: 'connecting', reason: null, hostKey: null, secret: null });
  }

  /**
   * Runs a command on the host over the live connection (an exec channel, no
   * new login): for reading what the Engine API does not tell, e.g. a runtime's
   * version. The command is given to the remote shell as is: pass fixed text,
   * never user input. Output beyond maxBytes is cut, not buffered.
   */
  async exec(command: string, options: { signal?: AbortSignal; maxBytes?: number } = {}): Promise<ExecResult> {
    const client = await this.client(options.signal ?? new AbortController().signal);
    return execOn(client, command, options.maxBytes ?? 16 * 1024 * 1024, options.signal);
  }

  /** Drops the SSH connection (the session notices and reconnects). */
  disconnect(): void {
    this.client_?.end();
  }

  close(): void {
    this.closed = true;
    this.client_?.end();
    this.userActed?.();
    this.feed.end();
  }

  private set(patch: Partial<LinkStatus>): void {
    const since = patch.state && patch.state !== this.current.state ? Date.now() : this.current.since;
    this.current = { ...this.current, ...patch, since };
    this.feed.publish(this.current);
  }

  /** The live connection, opening it if needed. */
  async client(signal: AbortSignal): Promise<Client> {
    if (this.client_) return this.client_;
    if (this.block) {
      if (!this.block.reported) {
        this.block.reported = true;
        throw this.block.error;
      }
      await new Promise<void>((resolve) => {
        this.userActed = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      if (signal.aborted || this.closed) throw new Error('Berth stopped connecting to this host.');
    }
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  private async open(): Promise<Client> {
    this.set({ state: 'connecting', reason: null, hostKey: null, secret: null });
    try {
      const configText = (await this.env.readText(this.env.configPath)) ?? '';
      const hopOf = (text: string): SshHop => {
        const typed = parseTarget(text);
        const r = resolveHost(configText, typed.host, this.env.local, typed);
        return { hostname: r.hostname, port: r.port, user: r.user ?? this.env.local.name };
      };
      const typed = parseTarget(this.spec.target);
      const resolved = resolveHost(configText, typed.host, this.env.local, typed);
      const target: SshHop = { hostname: resolved.hostname, port: resolved.port, user: resolved.user ?? this.env.local.name };
      const hops = [...resolved.proxyJump.map(hopOf), target];
      this.set({ address: formatTarget({ user: target.user, host: target.hostname, port: target.port }) });
      const credentials = await this.credentials(resolved);
      const client = await openSsh(hops, { knownHosts: { read: async () => (await this.env.readText(this.env.knownHostsPath)) ?? '' }, credentials, ...this.timing() });
      if (this.closed) {
        client.end();
        throw new Error('This host was removed.');
      }
      this.client_ = client;
      void this.keepRemembered();
      client.once('close', () => {
        if (this.client_ === client) this.client_ = null;
        if (!this.closed) this.set({ state: 'unreachable', reason: `The SSH connection to ${this.current.address} closed; reconnecting.` });
      });
      this.set({ state: 'connected', reason: null });
      return client;
    } catch (err) {
      throw this.failed(err);
    }
  }

  /** Saves the secret the user asked to remember, now that it proved right. A store that fails only loses the remembering. */
  private async keepRemembered(): Promise<void> {
    const kind = this.remember;
    const value = kind === 'password' ? this.password : this.passphrase;
    this.remember = null;
    if (kind && value !== null) await this.secrets.set(secretKey(this.spec.id, kind), value).catch(() => undefined);
  }

  /** A wrong secret is forgotten everywhere, so the user is asked again instead of failing on every reconnect. */
  private forget(kind: SecretKind): void {
    if (kind === 'password') this.password = null;
    else this.passphrase = null;
    void this.secrets.delete(secretKey(this.spec.id, kind)).catch(() => undefined);
  }

  /** The secret in use, else the one remembered. */
  private async recall(kind: SecretKind): Promise<string | null> {
    const inUse = kind === 'password' ? this.password : this.passphrase;
    if (inUse !== null) return inUse;
    const saved = await this.secrets.get(secretKey(this.spec.id, kind)).catch(() => null);
    if (kind === 'password') this.password = saved;
    else this.passphrase = saved;
    return saved;
  }

  private timing() {
    return {
      ...(this.options.readyTimeoutMs ? { readyTimeoutMs: this.options.readyTimeoutMs } : {}),
      ...(this.options.keepaliveIntervalMs ? { keepaliveIntervalMs: this.options.keepaliveIntervalMs } : {}),
    };
  }

  /** Records why opening failed; failures only the user can fix block retries. */
  private failed(err: unknown): Error {
    const error = err instanceof Error ? err : new Error(String(err));
    const blockWith = (patch: Partial<LinkStatus>) => {
      this.block = { error, reported: true };
      this.set({ secret: null, hostKey: null, ...patch, reason: error.message });
      return error;
    };
    const ask = (kind: SecretKind, prompt: string) => blockWith({ state: 'needs-secret', secret: { kind, prompt, storage: this.secrets.persistence } });
    if (error instanceof NeedsSecret) return ask(error.kind, error.message);
    if (error instanceof SshFailure) {
      const key = error.hostKey && { type: error.hostKey.type, fingerprint: error.hostKey.fingerprint, host: error.hostKey.host, port: error.hostKey.port };
      switch (error.kind) {
        case 'host-key-unknown':
          this.pendingKey = error.hostKey;
          return blockWith({ state: 'needs-host-key', hostKey: key });
        case 'host-key-changed':
        case 'host-key-revoked':
          return blockWith({ state: 'host-key-changed', hostKey: key });
        case 'auth':
          if (this.spec.auth === 'password') {
            this.forget('password');
            return ask('password', `${error.message} Enter the password again.`);
          }
          return blockWith({ state: 'auth-failed' });
        default:
          break;
      }
    }
    if (error instanceof Blocked) return blockWith({ state: 'auth-failed' });
    this.set({ state: 'unreachable', reason: error.message });
    return error;
  }

  private async credentials(resolved: ResolvedHost): Promise<SshCredential[]> {
    switch (this.spec.auth) {
      case 'agent':
        if (!this.env.agentSocket) throw new Blocked('No ssh-agent is running for Berth (SSH_AUTH_SOCK is not set). Start one and add your key with ssh-add, or choose a key file.');
        return [{ kind: 'agent', socket: this.env.agentSocket }];
      case 'password': {
        const password = await this.recall('password');
        if (password === null) throw new NeedsSecret('password', `Password for ${this.current.address}:`);
        return [{ kind: 'password', password }];
      }
      case 'key':
        return [await this.keyCredential(resolved)];
    }
  }

  private async keyCredential(resolved: ResolvedHost): Promise<SshCredential> {
    const home = this.env.local.home.replace(/\/$/, '');
    const paths = this.spec.keyPath ? [this.spec.keyPath] : resolved.identityFiles.length ? resolved.identityFiles : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((n) => `${home}/.ssh/${n}`);
    for (const path of paths) {
      const privateKey = await this.env.readBytes(path);
      if (!privateKey) continue;
      let parsed = ssh2.utils.parseKey(privateKey);
      if (parsed instanceof Error && /no passphrase given/i.test(parsed.message)) parsed = ssh2.utils.parseKey(privateKey, (await this.recall('passphrase')) ?? undefined);
      if (parsed instanceof Error) {
        if (/no passphrase given/i.test(parsed.message)) throw new NeedsSecret('passphrase', `The key ${path} is protected by a passphrase. Enter it to unlock the key.`);
        if (/bad passphrase|integrity check failed|bad decrypt/i.test(parsed.message)) {
          this.forget('passphrase');
          throw new NeedsSecret('passphrase', `The passphrase for ${path} is wrong. Enter it again.`);
        }
        throw new Blocked(`The key ${path} cannot be read: ${parsed.message}.`);
      }
      return { kind: 'key', path, privateKey, passphrase: this.passphrase };
    }
    throw new Blocked(`No key file found (looked at ${paths.join(', ')}). Choose a key file, or use the ssh-agent.`);
  }

  private async discover(signal: AbortSignal) {
    const address = () => `ssh://${this.current.address ?? this.spec.target}`;
    let client: Client;
    try {
      client = await this.client(signal);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      return { found: null, tried: [{ endpoint: address(), source: 'SSH', outcome: 'error' as const, detail }] };
    }
    const sockets = this.spec.socket ? [{ path: this.spec.socket, source: 'the engine socket you gave' }] : (this.options.probe ?? remoteSockets(await remoteUid(client, this.current.address)));
    const tried: ProbeAttempt[] = [];
    let found: Candidate | null = null;
    for (const socket of sockets) {
      if (signal.aborted) break;
      const candidate: Candidate = { endpoint: { kind: 'unix', path: socket.path }, source: `${socket.source} on ${this.current.address}` };
      const result = { ...(await this.ping(client, candidate)), endpoint: `${address()}${socket.path}` };
      tried.push(result);
      if (result.outcome === 'ok') found ??= candidate;
    }
    this.set({ engines: tried.filter((t) => t.outcome === 'ok').map((t) => `${t.source} (${t.endpoint.replace(address(), '')})`) });
    return { found, tried };
  }

  /** GET /_ping through one channel, judged as the local probe judges it. */
  private async ping(client: Client, candidate: Candidate): Promise<ProbeAttempt> {
    const path = (candidate.endpoint as { path: string }).path;
    const timeoutMs = this.options.probeTimeoutMs ?? 5000;
    const agent = new SshStreamAgent(() => forwardToSocket(client, path));
    const finding = await new Promise<ReturnType<typeof describePing>>((resolve) => {
      // Channels have no socket timeouts: a timer bounds the probe.
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs);
      const done = (finding: ReturnType<typeof describePing>) => {
        clearTimeout(timer);
        resolve(finding);
      };
      const req = http.request({ agent, socketPath: path, path: '/_ping', method: 'GET' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk.slice(0, 4096)));
        res.on('end', () => done(describePing(candidate, res.statusCode ?? 0, body)));
      });
      req.on('error', (err: NodeJS.ErrnoException) => done(describeError(candidate, err, timeoutMs)));
      req.end();
    });
    agent.destroy();
    return attempt(candidate, finding);
  }

  private driverFor(candidate: Candidate) {
    const path = (candidate.endpoint as { path: string }).path;
    const agent = new SshStreamAgent(() => {
      const client = this.client_;
      return client ? forwardToSocket(client, path) : Promise.reject(Object.assign(new Error('the SSH connection is down'), { code: 'ECONNRESET' }));
    });
    return createDockerDriver(candidate, { agent, label: `ssh://${this.current.address}${path}` });
  }
}

class NeedsSecret extends Error {
  constructor(
    readonly kind: SecretKind,
    message: string,
  ) {
    super(message);
  }
}

export interface ExecResult {
  /** The exit status; null when the command was ended by a signal. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Output was longer than maxBytes and was cut. */
  truncated: boolean;
}

function execOn(client: Client, command: string, maxBytes: number, signal?: AbortSignal): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) return reject(new Error(`The host did not run "${command}": ${err.message}`));
      const out: Buffer[] = [];
      let size = 0;
      let stderr = '';
      let truncated = false;
      let code: number | null = null;
      const take = (chunk: Buffer) => {
        if (size >= maxBytes) return void (truncated = true);
        out.push(chunk.subarray(0, maxBytes - size));
        truncated ||= size + chunk.length > maxBytes;
        size += chunk.length;
      };
      const abort = () => channel.close();
      signal?.addEventListener('abort', abort, { once: true });
      channel.on('data', take);
      channel.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8192)));
      channel.on('exit', (status: number | null) => (code = status));
      channel.on('close', () => {
        signal?.removeEventListener('abort', abort);
        if (signal?.aborted) reject(new Error(`"${command}" was stopped.`));
        else resolve({ code, stdout: Buffer.concat(out), stderr, truncated });
      });
    });
  });
}

/** The remote user's uid, for rootless sockets under /run/user/UID. */
async function remoteUid(client: Client, address: string | null): Promise<number | null> {
  if (address?.startsWith('root@')) return 0;
  const result = await execOn(client, 'id -u', 64).catch(() => null);
  const uid = result?.stdout.toString().trim() ?? '';
  return /^\d+$/.test(uid) ? Number(uid) : null;
}
