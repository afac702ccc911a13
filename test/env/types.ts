// The shape of the private test environment, shared by the code that starts it
// (test/env/*), the vitest globalSetup that provides it, and the tests that
// `inject('testEnv')` it.

/** The services the environment starts; a test that needs one names it. */
export type ServiceName = 'docker' | 'podman' | 'registry' | 'registry-auth' | 'ssh' | 'fixtures' | 'cri';

export interface SshTarget {
  host: '127.0.0.1';
  port: number;
  /** The login user (root: tests run as root). */
  user: string;
  /** An unencrypted ed25519 private key (OpenSSH format) accepted by the server. */
  privateKeyPath: string;
  /** A known_hosts file with the server's key for `[127.0.0.1]:PORT`. */
  knownHostsPath: string;
  /** The server's public host key, `ssh-ed25519 AAAA…` (type and base64, no comment). */
  hostPublicKey: string;
}

export interface AuthRegistry {
  /** 127.0.0.1:PORT */
  address: string;
  username: string;
  password: string;
  /** The token service (GET ?service=&scope= with Basic auth); null for Basic auth. */
  realm: string | null;
}

export interface CriTarget {
  /** The CRI socket (containerd 1.6's gRPC socket, CRI plugin enabled). */
  socket: string;
  /** The sandbox image, also usable for containers: static busybox, `sh`, `sleep`, `head`, `cat`, `echo`, `ls`. */
  image: string;
  /** The cgroup parent a test's pods use (PodSandboxConfig.linux.cgroup_parent), so the cleanup finds them. */
  cgroupParent: string;
}

export interface TestEnv {
  /** `unix:///…/docker.sock`: the private Docker Engine (20.10, API 1.41). */
  dockerHost: string;
  /** The private Docker Engine's socket path. */
  dockerSocket: string;
  /** A DOCKER_CONFIG directory private to the run (docker login writes here, not to ~/.docker). */
  dockerConfig: string;
  /** The private Podman API service's socket path (Docker-compatible and libpod APIs). */
  podmanSocket: string;
  /** The private registry, `127.0.0.1:PORT` (plain HTTP, delete enabled, empty at start). */
  registry: string;
  /**
   * Two more private registries that ask for a login (plain HTTP, delete enabled, empty at start):
   * `basic` behind htpasswd, `token` behind a token service the run serves (RS256 JWTs with x5c;
   * anonymous callers may pull public/* only). One user, a fresh password each run.
   */
  registryAuth: { basic: AuthRegistry; token: AuthRegistry };
  /** The private OpenSSH server on loopback; it can forward to the engine sockets. */
  ssh: SshTarget;
  /** containerd with its CRI plugin (Kubernetes CRI, runtime.v1), private to the run. */
  cri: CriTarget;
  /** Fixture images, present in the Docker engine and in Podman. */
  images: { base: string; layered: string };
  /** The private state directory of this run (one slot under the state root). */
  dir: string;
  /**
   * Services that could not be started, with a message saying how to get them.
   * Empty when everything runs. Reading a field of a missing service through
   * `inject('testEnv')` throws that message (test/env/guard.ts).
   */
  unavailable: Partial<Record<ServiceName, string>>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testEnv: TestEnv;
  }
}
