// Which places to try for the local engine, in the docker CLI's order:
// DOCKER_HOST, then DOCKER_CONTEXT or config.json's current context, then
// the known sockets of each product. An explicit choice (DOCKER_HOST or a
// context) is the only candidate, as in the CLI: silently falling back to
// another engine would show the user containers they did not ask for.
import { posix, win32 } from 'node:path';
import { knownEngineSockets } from '../../native/engine-sockets';
import type { ProbeAttempt } from '../engines/types';
import { contextMetaPath, contextTlsDir, parseContextMeta, parseCurrentContext } from './docker-config';
import { EndpointError, parseDockerHost, type ParsedHost } from './docker-host';
import type { Candidate, Endpoint, TlsMaterial } from './endpoint';

export interface LocalPlaces {
  platform: NodeJS.Platform;
  homedir: string;
  uid: number | null;
  env: Record<string, string | undefined>;
  /** A file's text, or null when it does not exist. Other errors throw. */
  readText(path: string): Promise<string | null>;
}

export interface Resolution {
  candidates: Candidate[];
  /** Settings that could not be used, as attempts the user sees in the tried list. */
  problems: ProbeAttempt[];
}

const invalid = (endpoint: string, source: string, detail: string): ProbeAttempt => ({ endpoint, source, outcome: 'invalid', detail });

export async function resolveLocalCandidates(places: LocalPlaces): Promise<Resolution> {
  const { env } = places;
  const join = places.platform === 'win32' ? win32.join : posix.join;
  const configDir = env['DOCKER_CONFIG'] || join(places.homedir, '.docker');

  const dockerHost = env['DOCKER_HOST']?.trim();
  if (dockerHost) return fromHost(dockerHost, 'DOCKER_HOST', 'DOCKER_HOST', () => envTls(places, join, configDir));

  const problems: ProbeAttempt[] = [];
  let contextName = env['DOCKER_CONTEXT']?.trim() || null;
  let contextSource = 'DOCKER_CONTEXT';
  if (!contextName) {
    const configPath = join(configDir, 'config.json');
    try {
      const text = await places.readText(configPath);
      contextName = text === null ? null : parseCurrentContext(text);
      contextSource = `currentContext in ${configPath}`;
    } catch (err) {
      // The CLI warns and carries on with the default context; so do we.
      problems.push(invalid(configPath, 'docker config', `${configPath} could not be read (${messageOf(err)}); using the default context.`));
    }
  }

  if (contextName && contextName !== 'default') {
    const resolved = await fromContext(places, join, configDir, contextName, contextSource);
    return { candidates: resolved.candidates, problems: [...problems, ...resolved.problems] };
  }

  const sockets = knownEngineSockets({ platform: places.platform, homedir: places.homedir, uid: places.uid, env: { XDG_RUNTIME_DIR: env['XDG_RUNTIME_DIR'], TMPDIR: env['TMPDIR'] } });
  return { candidates: sockets.map((s) => ({ endpoint: toEndpoint(parseDockerHost(s.endpoint, s.source), null), source: s.source })), problems };
}

async function fromContext(places: LocalPlaces, join: typeof posix.join, configDir: string, name: string, chosenBy: string): Promise<Resolution> {
  const source = `docker context "${name}"`;
  const metaPath = contextMetaPath(join, configDir, name);
  let text: string | null;
  try {
    text = await places.readText(metaPath);
  } catch (err) {
    return { candidates: [], problems: [invalid(metaPath, source, `The docker context "${name}" (${chosenBy}) could not be read: ${messageOf(err)}.`)] };
  }
  if (text === null) {
    return { candidates: [], problems: [invalid(metaPath, source, `The docker context "${name}" (${chosenBy}) does not exist: there is no ${metaPath}. Run "docker context use default" or create the context.`)] };
  }
  let host: string | null;
  let skipTlsVerify: boolean;
  try {
    ({ host, skipTlsVerify } = parseContextMeta(text));
  } catch (err) {
    return { candidates: [], problems: [invalid(metaPath, source, `The docker context "${name}" is damaged: ${metaPath} is not JSON (${messageOf(err)}).`)] };
  }
  if (!host) return { candidates: [], problems: [invalid(metaPath, source, `The docker context "${name}" has no docker endpoint (Endpoints.docker.Host in ${metaPath}).`)] };
  return fromHost(host, source, source, async () => {
    const dir = contextTlsDir(join, configDir, name);
    const files = await readTls(places, join, dir);
    if (!files.ca && !files.cert && !skipTlsVerify) return null;
    return { verify: !skipTlsVerify, ...files };
  });
}

async function fromHost(value: string, label: string, source: string, tls: () => Promise<TlsMaterial | null>): Promise<Resolution> {
  let parsed: ParsedHost;
  try {
    parsed = parseDockerHost(value, label);
  } catch (err) {
    if (err instanceof EndpointError) return { candidates: [], problems: [invalid(value, source, err.message)] };
    throw err;
  }
  try {
    const material = parsed.kind === 'tcp' ? await tls() : null;
    return { candidates: [{ endpoint: toEndpoint(parsed, material), source }], problems: [] };
  } catch (err) {
    return { candidates: [], problems: [invalid(value, source, `The TLS files for ${value} could not be read: ${messageOf(err)}.`)] };
  }
}

/** DOCKER_TLS_VERIFY verifies the server; DOCKER_TLS only encrypts. Files come from DOCKER_CERT_PATH or the config dir. */
async function envTls(places: LocalPlaces, join: typeof posix.join, configDir: string): Promise<TlsMaterial | null> {
  const verify = !!places.env['DOCKER_TLS_VERIFY'];
  if (!verify && !places.env['DOCKER_TLS']) return null;
  return { verify, ...(await readTls(places, join, places.env['DOCKER_CERT_PATH'] || configDir)) };
}

async function readTls(places: LocalPlaces, join: typeof posix.join, dir: string): Promise<Omit<TlsMaterial, 'verify'>> {
  const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((f) => places.readText(join(dir, f))));
  if ((cert === null) !== (key === null)) throw new Error(`${dir} has ${cert === null ? 'key.pem but no cert.pem' : 'cert.pem but no key.pem'}`);
  return { ca: ca ?? null, cert: cert ?? null, key: key ?? null };
}

function toEndpoint(parsed: ParsedHost, tls: TlsMaterial | null): Endpoint {
  if (parsed.kind !== 'tcp') return parsed;
  return { kind: 'tcp', host: parsed.host, port: parsed.port ?? (tls ? 2376 : 2375), tls };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
