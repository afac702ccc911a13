// An engine endpoint: where the Engine API answers, in a form both the probe
// and the driver can dial. TLS material is carried as PEM text, read once by
// the resolver, so dialling does no file I/O.

export interface TlsMaterial {
  /** false: encrypt but accept any server certificate (DOCKER_TLS without DOCKER_TLS_VERIFY, SkipTLSVerify). */
  verify: boolean;
  ca: string | null;
  cert: string | null;
  key: string | null;
}

export type Endpoint =
  | { kind: 'unix'; path: string }
  /** path as Windows wants it: \\.\pipe\docker_engine */
  | { kind: 'npipe'; path: string }
  | { kind: 'tcp'; host: string; port: number; tls: TlsMaterial | null };

/** A place to look for an engine, and why Berth looks there. */
export interface Candidate {
  endpoint: Endpoint;
  /** e.g. "DOCKER_HOST", "docker context \"colima\"", "Docker Desktop". */
  source: string;
}

/** The user-facing address, in DOCKER_HOST form. */
export function endpointUrl(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'unix':
      return `unix://${endpoint.path}`;
    case 'npipe':
      return `npipe://${endpoint.path.replace(/\\/g, '/')}`;
    case 'tcp': {
      const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
      return `tcp://${host}:${endpoint.port}`;
    }
  }
}

/** What a user calls the place: a path, a pipe, or host:port. */
export function endpointPlace(endpoint: Endpoint): string {
  return endpoint.kind === 'tcp' ? endpointUrl(endpoint).slice('tcp://'.length) : endpoint.path;
}
