// Where CRI runtimes listen, and the socket a user or CONTAINER_RUNTIME_ENDPOINT
// (crictl's variable) names. Pure.

export interface CriPlace {
  path: string;
  /** Why Berth looks there, for messages: "containerd's default socket". */
  source: string;
}

/** The usual CRI sockets on Linux, in the order Berth tries them. */
export const CRI_SOCKETS: readonly CriPlace[] = [
  { path: '/run/containerd/containerd.sock', source: "containerd's default socket" },
  { path: '/var/run/crio/crio.sock', source: "CRI-O's default socket" },
  { path: '/run/k3s/containerd/containerd.sock', source: "k3s's containerd" },
  { path: '/var/snap/microk8s/common/run/containerd.sock', source: "MicroK8s's containerd" },
];

/** A CRI endpoint as crictl writes it (`unix:///path`) or a bare absolute path, to the path. */
export function parseCriEndpoint(value: string): string {
  const text = value.trim();
  const path = text.startsWith('unix://') ? text.slice('unix://'.length) : text;
  if (!path.startsWith('/')) {
    throw new Error(`"${value}" is not a CRI socket: give a unix socket path such as /run/containerd/containerd.sock (or unix:///run/containerd/containerd.sock); TCP and named pipe endpoints are not supported`);
  }
  return path;
}

/**
 * The sockets to try: the one the user gave, else (this machine only)
 * CONTAINER_RUNTIME_ENDPOINT, else the usual places.
 */
export function criPlaces(given: string | null, runtimeEndpoint: string | undefined): CriPlace[] {
  if (given) return [{ path: parseCriEndpoint(given), source: 'the socket you gave' }];
  if (runtimeEndpoint) return [{ path: parseCriEndpoint(runtimeEndpoint), source: 'CONTAINER_RUNTIME_ENDPOINT' }];
  return [...CRI_SOCKETS];
}
