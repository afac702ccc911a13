// The hosts a user added: saved (without secrets) as hosts.json in the app's
// data folder, each an SSH link plus an engine session in the shared sessions
// map, so `ctx.engine(hostId)` reaches a remote engine like the local one.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic';
import { createEngineSession } from '../live/session';
import { Feed } from '../live/feed';
import type { EngineSession } from '../live/types';
import type { SecretStore } from '../secrets/secret-store';
import { HostLink, secretPrefix, type HostLinkOptions, type LinkStatus, type SshEnvironment, type SshHostSpec } from './host-link';
import { fromContainersConf, fromDockerContext, fromPodmanConnectionsJson, type ImportableHost } from './import';
import { parseTarget } from './target';

export type HostState = 'connecting' | 'online' | 'offline' | 'auth-failed' | 'needs-host-key' | 'host-key-changed' | 'needs-secret';

/** What the UI shows of a host; never a secret. */
export interface HostView {
  id: string;
  name: string;
  kind: 'local' | 'ssh';
  /** user@host:port or alias as added; null for this computer. */
  target: string | null;
  state: HostState;
  reason: string | null;
  hostKey: LinkStatus['hostKey'];
  secret: LinkStatus['secret'];
  engines: string[];
  endpoint: string | null;
}

export type NewHost = Omit<SshHostSpec, 'id'>;

interface Entry {
  link: HostLink;
  session: EngineSession;
  stop: AbortController;
}

export interface RegistryOptions {
  /** The app's data folder: hosts.json lives here and nowhere else. */
  dataDir: string;
  sessions: Map<string, EngineSession>;
  env: SshEnvironment;
  /** Remembered passphrases and passwords (the OS keychain in the desktop app, memory in `berth serve`). */
  secrets: SecretStore;
  link?: Omit<HostLinkOptions, 'secrets'>;
}

export class HostRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly feed = new Feed<HostView[]>({ latestOnly: true });
  private readonly file: string;

  constructor(private readonly options: RegistryOptions) {
    this.file = join(options.dataDir, 'hosts.json');
  }

  /** Starts the saved hosts. A missing file is no hosts; an unreadable one is an error the caller reports. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const saved = JSON.parse(text) as { hosts?: SshHostSpec[] };
    for (const spec of saved.hosts ?? []) this.start(spec);
    this.publish();
  }

  list(): HostView[] {
    const views: HostView[] = [];
    for (const [id, session] of this.options.sessions) {
      const entry = this.entries.get(id);
      views.push(entry ? viewOf(entry) : localView(id, session));
    }
    return views;
  }

  watch(signal: AbortSignal): AsyncIterable<HostView[]> {
    return this.feed.subscribe(signal, [this.list()]);
  }

  view(id: string): HostView {
    const found = this.list().find((h) => h.id === id);
    if (!found) throw new Error(`No host named "${id}".`);
    return found;
  }

  link(id: string): HostLink {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(this.options.sessions.has(id) ? `"${id}" is not an SSH host.` : `No host named "${id}".`);
    return entry.link;
  }

  async add(host: NewHost): Promise<HostView> {
    parseTarget(host.target);
    const name = host.name.trim() || host.target;
    const spec: SshHostSpec = { ...host, name, id: this.freeId(name) };
    this.start(spec);
    await this.save();
    this.publish();
    return this.view(spec.id);
  }

  async remove(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`No SSH host named "${id}".`);
    this.entries.delete(id);
    this.options.sessions.delete(id);
    entry.stop.abort();
    entry.link.close();
    await entry.session.close();
    await this.options.secrets.deletePrefix(secretPrefix(id));
    await this.save();
    this.publish();
  }

  /** Tries to connect now and resolves with the outcome (or the state after timeoutMs). */
  async test(id: string, timeoutMs = 20_000): Promise<HostView> {
    this.link(id).retry();
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), timeoutMs);
    try {
      for await (const _ of this.watch(stop.signal)) {
        const view = this.view(id);
        if (view.state !== 'connecting') return view;
      }
      return this.view(id);
    } finally {
      clearTimeout(timer);
      stop.abort();
    }
  }

  /** Hosts set up for docker and podman that are not here yet. */
  async importable(home: string, xdgConfig = join(home, '.config')): Promise<ImportableHost[]> {
    const read = (path: string) => readFile(path, 'utf8').catch(() => null);
    const contextsDir = join(home, '.docker', 'contexts', 'meta');
    const contexts = await readdir(contextsDir).catch(() => [] as string[]);
    const found: ImportableHost[] = [];
    for (const dir of contexts) {
      const meta = await read(join(contextsDir, dir, 'meta.json'));
      const host = meta && fromDockerContext(meta);
      if (host) found.push(host);
    }
    const conf = await read(join(xdgConfig, 'containers', 'containers.conf'));
    if (conf) found.push(...fromContainersConf(conf));
    const connections = await read(join(xdgConfig, 'containers', 'podman-connections.json'));
    if (connections) found.push(...fromPodmanConnectionsJson(connections));
    const have = new Set([...this.entries.values()].map((e) => `${e.link.spec.target} ${e.link.spec.socket}`));
    return found.filter((h) => !have.has(`${h.target} ${h.socket}`));
  }

  async close(): Promise<void> {
    for (const id of [...this.entries.keys()]) {
      const entry = this.entries.get(id)!;
      this.entries.delete(id);
      this.options.sessions.delete(id);
      entry.stop.abort();
      entry.link.close();
      await entry.session.close();
    }
    this.feed.end();
  }

  private start(spec: SshHostSpec): void {
    const link = new HostLink(spec, this.options.env, { ...this.options.link, secrets: this.options.secrets });
    const session = createEngineSession(link.engine());
    const stop = new AbortController();
    this.entries.set(spec.id, { link, session, stop });
    this.options.sessions.set(spec.id, session);
    const follow = async (changes: AsyncIterable<unknown>) => {
      for await (const _ of changes) this.publish();
    };
    void follow(link.watch(stop.signal));
    void follow(session.watchStatus(stop.signal));
  }

  private publish(): void {
    this.feed.publish(this.list());
  }

  private freeId(name: string): string {
    const base = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 48) || 'host';
    let id = base;
    for (let n = 2; this.options.sessions.has(id) || id === 'local'; n++) id = `${base}-${n}`;
    return id;
  }

  private async save(): Promise<void> {
    const hosts = [...this.entries.values()].map((e) => e.link.spec);
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, hosts }, null, 2)}\n`);
  }
}

function localView(id: string, session: EngineSession): HostView {
  const s = session.status();
  return { id, name: id === 'local' ? 'This computer' : id, kind: 'local', target: null, state: s.state, reason: s.error, hostKey: null, secret: null, engines: [], endpoint: s.endpoint };
}

function viewOf({ link, session }: Entry): HostView {
  const l = link.status();
  const s = session.status();
  const base = { id: link.spec.id, name: link.spec.name, kind: 'ssh' as const, target: link.spec.target, hostKey: l.hostKey, secret: l.secret, engines: l.engines, endpoint: s.endpoint };
  switch (l.state) {
    case 'idle':
    case 'connecting':
      return { ...base, state: 'connecting', reason: null };
    case 'connected':
      // An offline verdict older than this connection is the last one's: the engine is being probed again.
      if (s.state === 'offline' && s.since < l.since) return { ...base, state: 'connecting', reason: null };
      return { ...base, state: s.state, reason: s.state === 'online' ? null : s.error };
    case 'unreachable':
      return { ...base, state: 'offline', reason: l.reason };
    default:
      return { ...base, state: l.state, reason: l.reason };
  }
}
