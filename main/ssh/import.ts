// Hosts the user already set up for other tools: docker contexts whose
// endpoint is ssh://, and podman system connections (containers.conf in
// Podman 4, podman-connections.json in Podman 5). Pure: callers pass the text.
import { formatTarget, parseTarget } from './target';

export interface ImportableHost {
  name: string;
  target: string;
  /** The engine socket the tool names (podman does; docker contexts do not). */
  socket: string | null;
  keyPath: string | null;
  /** e.g. 'docker context', 'podman connection' */
  source: string;
}

/** ssh://user@host:port/path → target and socket path; null for other schemes or malformed URIs. */
export function fromSshUri(uri: string): { target: string; socket: string | null } | null {
  const m = /^ssh:\/\/([^/]+)(\/.*)?$/i.exec(uri.trim());
  if (!m) return null;
  try {
    return { target: formatTarget(parseTarget(m[1]!)), socket: m[2] && m[2] !== '/' ? m[2] : null };
  } catch {
    return null;
  }
}

/** One docker context's meta.json. */
export function fromDockerContext(metaJson: string): ImportableHost | null {
  try {
    const meta = JSON.parse(metaJson) as { Name?: unknown; Endpoints?: { docker?: { Host?: unknown } } };
    const host = meta.Endpoints?.docker?.Host;
    const ssh = typeof host === 'string' ? fromSshUri(host) : null;
    if (!ssh || typeof meta.Name !== 'string') return null;
    // Docker runs `docker system dial-stdio` over SSH; Berth probes the sockets instead.
    return { name: meta.Name, target: ssh.target, socket: null, keyPath: null, source: 'docker context' };
  } catch {
    return null;
  }
}

/** Podman 5's podman-connections.json. */
export function fromPodmanConnectionsJson(text: string): ImportableHost[] {
  try {
    const parsed = JSON.parse(text) as { Connection?: { Connections?: Record<string, { URI?: unknown; Identity?: unknown }> } };
    return Object.entries(parsed.Connection?.Connections ?? {}).flatMap(([name, c]) => podmanHost(name, c.URI, c.Identity));
  } catch {
    return [];
  }
}

/** Podman 4's [engine.service_destinations.NAME] tables in containers.conf (only the keys Berth needs). */
export function fromContainersConf(text: string): ImportableHost[] {
  const found: ImportableHost[] = [];
  let name: string | null = null;
  let fields: Record<string, string> = {};
  const flush = () => {
    if (name) found.push(...podmanHost(name, fields.uri, fields.identity));
    name = null;
    fields = {};
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const table = /^\[\s*engine\.service_destinations\.("?)([^"\]]+)\1\s*\]$/.exec(line);
    if (table) {
      flush();
      name = table[2]!;
    } else if (line.startsWith('[')) {
      flush();
    } else if (name) {
      const kv = /^(\w+)\s*=\s*"([^"]*)"$/.exec(line);
      if (kv) fields[kv[1]!.toLowerCase()] = kv[2]!;
    }
  }
  flush();
  return found;
}

function podmanHost(name: string, uri: unknown, identity: unknown): ImportableHost[] {
  const ssh = typeof uri === 'string' ? fromSshUri(uri) : null;
  if (!ssh) return [];
  return [{ name, target: ssh.target, socket: ssh.socket, keyPath: typeof identity === 'string' && identity ? identity : null, source: 'podman connection' }];
}
