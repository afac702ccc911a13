// Parsing an engine address the way the docker CLI reads DOCKER_HOST and a
// context's Endpoints.docker.Host. Pure: TLS files are read by the caller.
import { win32 } from 'node:path';

export const EXPECTED_FORMS = 'unix:///path/to/docker.sock, tcp://HOST:PORT or npipe:////./pipe/NAME';

/** An address Berth cannot use, with a message that names it and says what would work. */
export class EndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointError';
  }
}

export type ParsedHost =
  | { kind: 'unix'; path: string }
  | { kind: 'npipe'; path: string }
  | { kind: 'tcp'; host: string; port: number | null };

const DEFAULT_UNIX = '/var/run/docker.sock';
const DEFAULT_PIPE = '\\\\.\\pipe\\docker_engine';

/**
 * @param label how the value is named in errors, e.g. `DOCKER_HOST` or `docker context "x"`.
 * tcp without a port returns port null: the default depends on TLS (2375 / 2376).
 */
export function parseDockerHost(value: string, label = 'DOCKER_HOST'): ParsedHost {
  const raw = value.trim();
  const bad = (why: string) => new EndpointError(`${label}="${value}" is not an engine address: ${why}. Expected ${EXPECTED_FORMS}.`);
  if (raw === '') throw bad('it is empty');
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(raw);
  // The CLI reads a bare "host:port" as tcp.
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : 'tcp';
  const rest = schemeMatch ? schemeMatch[2]! : raw;
  switch (scheme) {
    case 'unix':
      return { kind: 'unix', path: rest === '' ? DEFAULT_UNIX : rest };
    case 'npipe':
      return { kind: 'npipe', path: rest === '' ? DEFAULT_PIPE : win32.normalize(rest.replace(/\//g, '\\')) };
    case 'tcp':
      return parseTcp(rest, bad);
    case 'ssh':
      throw new EndpointError(
        `${label}="${value}" points at a remote engine over SSH: remote hosts over SSH are added as hosts in Berth, not via DOCKER_HOST. Add it under Hosts, and unset ${label === 'DOCKER_HOST' ? 'DOCKER_HOST' : 'that context'} to use the local engine.`,
      );
    case 'fd':
      throw bad('fd:// is how the daemon is started by systemd, clients cannot dial it');
    default:
      throw bad(`"${scheme}://" is not a scheme the Engine API is served on`);
  }
}

function parseTcp(rest: string, bad: (why: string) => EndpointError): ParsedHost {
  // "tcp://:2375" and "tcp://" mean localhost, as in the CLI.
  const address = rest.startsWith(':') || rest === '' ? `127.0.0.1${rest}` : rest;
  const port = /:(\d+)\/?$/.exec(address)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw bad(`the port ${port} is out of range (1-65535)`);
  let url: URL;
  try {
    url = new URL(`tcp://${address}`);
  } catch {
    throw bad('the address after tcp:// is not HOST:PORT');
  }
  if (url.username || url.password) throw bad('credentials in the address are not supported');
  if (url.search || url.hash || (url.pathname !== '' && url.pathname !== '/')) throw bad('a path after HOST:PORT is not supported');
  // WHATWG URL keeps the brackets of an IPv6 host; Node's net wants them off.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { kind: 'tcp', host, port: url.port === '' ? null : Number(url.port) };
}
