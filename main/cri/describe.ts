// Why a CRI socket did not answer, as a sentence the user can act on. Pure.
import { GrpcCode, GrpcStatusError } from './grpc-frame';
import { GrpcConnectionError } from './grpc-session';
import type { CriPlace } from './places';

const ENABLE_CRI = 'containerd serves it only with its CRI plugin enabled (the default, unless "cri" is in disabled_plugins of /etc/containerd/config.toml)';
const CRIO = 'CRI-O serves it at /var/run/crio/crio.sock';

function codeOf(err: unknown): string {
  let current: unknown = err;
  while (current instanceof Error) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code) return code;
    current = current.cause;
  }
  return '';
}

/** What went wrong at one socket. */
export function describeCriFailure(place: CriPlace, err: unknown): string {
  const path = place.path;
  if (err instanceof GrpcStatusError) {
    if (err.code === GrpcCode.UNIMPLEMENTED) {
      return `${path} answers gRPC but not the Kubernetes CRI API (runtime.v1): if it is containerd, its CRI plugin is disabled; remove "cri" from disabled_plugins in its config.toml and restart it`;
    }
    if (err.code === GrpcCode.PERMISSION_DENIED || err.code === GrpcCode.UNAUTHENTICATED) return `${path} refused Berth: ${err.details}`;
    return `${path} answered with an error: ${err.details || `gRPC status ${err.code}`}`;
  }
  switch (codeOf(err)) {
    case 'ENOENT':
      return `no socket at ${path}`;
    case 'ECONNREFUSED':
      return `${path} exists but nothing listens on it (the runtime stopped)`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${path}: CRI sockets belong to root; run Berth as root, or as a user allowed on the socket`;
    case 'ENOTSOCK':
      return `${path} is not a socket`;
  }
  if (err instanceof GrpcConnectionError) {
    if (err.kind === 'protocol') return `${path} does not speak gRPC: it is not a CRI runtime (Docker's and Podman's API sockets are not)`;
    if (err.kind === 'timeout') return `${path} did not answer: ${err.message}`;
  }
  return `${path}: ${err instanceof Error ? err.message : String(err)}`;
}

/** None of the places answered: what was tried, and where a CRI runtime would be. */
export function noCriRuntime(tried: { place: CriPlace; detail: string }[], where: string): string {
  const list = tried.map((t) => t.detail).join('; ');
  return `No CRI runtime ${where}: ${list}. The Kubernetes CRI API is served by containerd and CRI-O: ${ENABLE_CRI}; ${CRIO}. Give the socket's path if it is elsewhere.`;
}
