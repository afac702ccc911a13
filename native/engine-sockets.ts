// Where a local container engine's API socket may be, per OS. Plain data:
// no I/O and no electron, so it runs in tests and in headless mode. The
// order is the order of preference when several engines answer.
import { posix } from 'node:path';

export interface SocketCandidate {
  /** unix:///path or npipe:////./pipe/name, the form DOCKER_HOST takes. */
  endpoint: string;
  /** Which product puts a socket there, shown to the user. */
  source: string;
}

export interface SocketPlaces {
  platform: NodeJS.Platform;
  homedir: string;
  /** null where there are no uids (Windows). */
  uid: number | null;
  /** The environment variables that move sockets (XDG_RUNTIME_DIR, TMPDIR). */
  env: { XDG_RUNTIME_DIR?: string | undefined; TMPDIR?: string | undefined };
}

const unix = (path: string, source: string): SocketCandidate => ({ endpoint: `unix://${path}`, source });
const pipe = (name: string, source: string): SocketCandidate => ({ endpoint: `npipe:////./pipe/${name}`, source });

export function knownEngineSockets(places: SocketPlaces): SocketCandidate[] {
  if (places.platform === 'win32') return windowsSockets();
  if (places.platform === 'darwin') return macSockets(places);
  return linuxSockets(places);
}

function windowsSockets(): SocketCandidate[] {
  return [
    // Docker Desktop (and Rancher Desktop with dockerd) answer on docker_engine.
    pipe('docker_engine', 'Docker Desktop'),
    pipe('dockerDesktopLinuxEngine', 'Docker Desktop (Linux engine)'),
    pipe('podman-machine-default', 'Podman machine'),
  ];
}

function macSockets({ homedir, env }: SocketPlaces): SocketCandidate[] {
  const home = (...parts: string[]) => posix.join(homedir, ...parts);
  const podmanMachine = (...parts: string[]) => home('.local/share/containers/podman/machine', ...parts);
  const list = [
    // Docker Desktop, or whatever engine a helper linked there (podman-mac-helper, Rancher's admin mode).
    unix('/var/run/docker.sock', 'default socket'),
    unix(home('.docker/run/docker.sock'), 'Docker Desktop'),
    unix(home('.colima/default/docker.sock'), 'Colima'),
    unix(home('.colima/docker.sock'), 'Colima'),
    unix(home('.orbstack/run/docker.sock'), 'OrbStack'),
    unix(home('.rd/docker.sock'), 'Rancher Desktop'),
    unix(podmanMachine('podman.sock'), 'Podman machine'),
    // Podman 4.5+ with QEMU, Podman 5 with Apple Hypervisor, Podman 4.0-4.4.
    unix(podmanMachine('qemu/podman.sock'), 'Podman machine'),
    unix(podmanMachine('applehv/podman.sock'), 'Podman machine'),
    unix(podmanMachine('podman-machine-default/podman.sock'), 'Podman machine'),
  ];
  // Podman 5 forwards the default machine's API into $TMPDIR.
  if (env.TMPDIR) list.push(unix(posix.join(env.TMPDIR, 'podman/podman-machine-default-api.sock'), 'Podman machine'));
  return list;
}

function linuxSockets({ homedir, uid, env }: SocketPlaces): SocketCandidate[] {
  // Rootless engines live in the user's runtime dir; without XDG_RUNTIME_DIR
  // they default to /run/user/UID, which root does not use.
  const runtimeDir = env.XDG_RUNTIME_DIR || (uid !== null && uid !== 0 ? `/run/user/${uid}` : null);
  const list = [unix('/var/run/docker.sock', 'Docker Engine'), unix('/run/docker.sock', 'Docker Engine')];
  if (runtimeDir) list.push(unix(posix.join(runtimeDir, 'docker.sock'), 'rootless Docker'));
  list.push(unix(posix.join(homedir, '.docker/desktop/docker.sock'), 'Docker Desktop'));
  list.push(unix('/run/podman/podman.sock', 'Podman'));
  if (runtimeDir) list.push(unix(posix.join(runtimeDir, 'podman/podman.sock'), 'rootless Podman'));
  list.push(unix(posix.join(homedir, '.rd/docker.sock'), 'Rancher Desktop'));
  return list;
}

