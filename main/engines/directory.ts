// Every engine of every host: found on demand (a host may run Docker and
// Podman at once, rootful and rootless), each shown with its kind, version,
// OCI runtimes and capabilities, and each reachable as an engine session of
// its own at "host:engine". The host's default engine stays the session the
// host already has, at the host id alone.
import { createHash } from 'node:crypto';
import { ApiError } from '../api/procedure';
import type { Candidate } from '../hosts/endpoint';
import { endpointUrl } from '../hosts/endpoint';
import { systemPlaces } from '../hosts/discover';
import { probeCandidate } from '../hosts/probe';
import { createEngineSession } from '../live/session';
import type { EngineSession } from '../live/types';
import type { HostRegistry } from '../ssh/registry';
import { formatEngineAddress, parseEngineAddress } from './address';
import { createDockerDriver, type ConnectDriver } from './docker-driver';
import { localEngineCandidates } from './local-engines';
import type { EngineInfo, ProbeAttempt } from './types';

/** One engine a host runs, as the engine picker shows it. */
export interface EngineEntry {
  /** What API calls take as `host` to reach this engine. */
  address: string;
  host: string;
  /** Stable for the same place on the same host. */
  engineId: string;
  /** The engine the host's views use unless another is picked. */
  isDefault: boolean;
  endpoint: string;
  source: string;
  /** Null when the engine answered its ping but not its info; error says why. */
  info: EngineInfo | null;
  error: string | null;
}

/** How to find and reach the engines of one host. */
export interface EngineSource {
  /** The places where an engine answered, and everything tried. */
  find(signal: AbortSignal): Promise<{ answered: Candidate[]; tried: ProbeAttempt[] }>;
  connect: ConnectDriver;
}

export interface EngineDirectoryOptions {
  sessions: ReadonlyMap<string, EngineSession>;
  hosts?: HostRegistry;
  /** This machine's engines; by default every known place is probed. Tests inject the private sockets. */
  local?: EngineSource;
}

export const engineIdOf = (candidate: Candidate): string => createHash('sha256').update(endpointUrl(candidate.endpoint)).digest('hex').slice(0, 8);

export function localEngineSource(list: () => Promise<Candidate[]> = () => localEngineCandidates(systemPlaces())): EngineSource {
  return {
    async find(signal) {
      const tried = await Promise.all((await list()).map(async (c) => ({ candidate: c, attempt: await probeCandidate(c, undefined, signal) })));
      return { answered: tried.filter((t) => t.attempt.outcome === 'ok').map((t) => t.candidate), tried: tried.map((t) => t.attempt) };
    },
    connect: (candidate) => createDockerDriver(candidate),
  };
}

/** An SSH host's engines, probed through its one connection (the same probe its session makes). */
function sshEngineSource(hosts: HostRegistry, hostId: string): EngineSource {
  const link = hosts.link(hostId);
  const { discover, connect } = link.engine();
  return {
    async find(signal) {
      const { tried } = await discover(signal);
      // Remote engines are unix sockets; tried endpoints read ssh://user@host:port/path.
      const answered = tried
        .filter((t) => t.outcome === 'ok')
        .map((t): Candidate => ({ endpoint: { kind: 'unix', path: t.endpoint.replace(/^ssh:\/\/[^/]*/, '') }, source: t.source }));
      return { answered, tried };
    },
    connect,
  };
}

export class EngineDirectory {
  private readonly extra = new Map<string, EngineSession>();
  private readonly local: EngineSource;

  constructor(private readonly options: EngineDirectoryOptions) {
    this.local = options.local ?? localEngineSource();
  }

  private sourceOf(host: string): EngineSource {
    if (!this.options.sessions.has(host)) throw new ApiError('NOT_FOUND', `No host named "${host}". Known hosts: ${[...this.options.sessions.keys()].join(', ') || 'none'}.`);
    const remote = this.options.hosts?.list().find((h) => h.id === host && h.kind === 'ssh');
    return remote ? sshEngineSource(this.options.hosts!, host) : this.local;
  }

  /** Every engine the host runs, each with its facts (or why they could not be read). */
  async list(host: string, signal: AbortSignal = new AbortController().signal): Promise<EngineEntry[]> {
    const source = this.sourceOf(host);
    const { answered } = await source.find(signal);
    const defaultEndpoint = this.options.sessions.get(host)!.status().endpoint;
    const entries = await Promise.all(
      answered.map(async (candidate): Promise<EngineEntry> => {
        const driver = source.connect(candidate);
        const engineId = engineIdOf(candidate);
        const isDefault = driver.endpoint === defaultEndpoint;
        const base = { address: formatEngineAddress(host, isDefault ? null : engineId), host, engineId, isDefault, endpoint: driver.endpoint, source: candidate.source };
        try {
          return { ...base, info: await driver.info(signal), error: null };
        } catch (err) {
          return { ...base, info: null, error: err instanceof Error ? err.message : String(err) };
        } finally {
          driver.close();
        }
      }),
    );
    // The default first, then Docker before Podman, rootful before rootless.
    const rank = (e: EngineEntry) => (e.isDefault ? 0 : 1) * 4 + (e.info?.kind === 'podman' ? 2 : 0) + (e.info?.rootless ? 1 : 0);
    return entries.sort((a, b) => rank(a) - rank(b));
  }

  /** The session at an engine address: the host's own for "host", one kept here for "host:engine". */
  session(address: string): EngineSession {
    const { host, engine } = parseEngineAddress(address);
    const own = this.options.sessions.get(host);
    if (!own) throw new ApiError('NOT_FOUND', `No host named "${host}". Known hosts: ${[...this.options.sessions.keys()].join(', ') || 'none'}.`);
    if (engine === null) return own;
    let session = this.extra.get(address);
    if (!session) {
      const source = this.sourceOf(host);
      session = createEngineSession({
        discover: async (signal) => {
          const { answered, tried } = await source.find(signal);
          const found = answered.find((c) => engineIdOf(c) === engine) ?? null;
          if (found) return { found, tried };
          const gone: ProbeAttempt = { endpoint: address, source: 'engine picker', outcome: 'error', detail: `the engine picked for ${host} no longer answers there: pick another engine for this host.` };
          return { found: null, tried: [gone, ...tried] };
        },
        connect: source.connect,
      });
      this.extra.set(address, session);
    }
    return session;
  }

  async close(): Promise<void> {
    const sessions = [...this.extra.values()];
    this.extra.clear();
    await Promise.all(sessions.map((s) => s.close()));
  }
}
