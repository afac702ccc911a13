// What each service needs on the machine, and how to get it when it is missing.
import { existsSync, readFileSync } from 'node:fs';
import { CNI_BIN_DIR } from './containerd-cri';
import { which } from './process';
import type { ServiceName } from './types';

const RUN_AS_ROOT = 'run `npm test` as root (test/run.sh installs the Debian packages)';

interface Need {
  what: string;
  found: () => boolean;
  /** The Debian package that provides it. */
  pkg: string;
}

const bin = (command: string, pkg: string): Need => ({ what: command, found: () => !!which(command), pkg });

const busyboxIsStatic = (): boolean => {
  try {
    // A static ELF has no PT_INTERP ("/lib64/ld-linux…") in its first page.
    return !readFileSync('/bin/busybox').subarray(0, 4096).toString('latin1').includes('ld-linux');
  } catch {
    return false;
  }
};

const file = (path: string, pkg: string): Need => ({ what: path, found: () => existsSync(path), pkg });
const staticBusybox: Need = { what: 'a static /bin/busybox', found: () => existsSync('/bin/busybox') && busyboxIsStatic(), pkg: 'busybox-static' };

const NEEDS: Record<ServiceName, Need[]> = {
  docker: [
    bin('dockerd', 'docker.io'),
    bin('containerd', 'containerd'),
    bin('runc', 'runc'),
    bin('docker', 'docker.io'),
    bin('ip', 'iproute2'),
    bin('tar', 'tar'),
  ],
  fixtures: [staticBusybox],
  cri: [
    bin('containerd', 'containerd'),
    bin('ctr', 'containerd'),
    bin('containerd-shim-runc-v2', 'containerd'),
    bin('runc', 'runc'),
    ...['bridge', 'host-local', 'loopback'].map((plugin) => file(`${CNI_BIN_DIR}/${plugin}`, 'containernetworking-plugins')),
    bin('tar', 'tar'),
    staticBusybox,
  ],
  podman: [bin('podman', 'podman'), bin('conmon', 'conmon'), bin('catatonit', 'catatonit')],
  registry: [bin('docker-registry', 'docker-registry')],
  'registry-auth': [bin('docker-registry', 'docker-registry'), bin('openssl', 'openssl')],
  // openssl hashes the password user's password; nsenter and unshare put a test's own host in namespaces.
  ssh: [bin('sshd', 'openssh-server'), bin('ssh-keygen', 'openssh-client'), bin('openssl', 'openssl'), bin('nsenter', 'util-linux'), bin('unshare', 'util-linux')],
};

const NEEDS_ROOT: ServiceName[] = ['docker', 'podman', 'ssh', 'cri'];

/** Undefined if the service can run here, else a message that says how to get it. */
export function missing(service: ServiceName): string | undefined {
  const absent = NEEDS[service].filter((need) => !need.found());
  if (absent.length) {
    const pkgs = [...new Set(absent.map((n) => n.pkg))].join(' ');
    return `${absent.map((n) => n.what).join(', ')} not found: ${RUN_AS_ROOT}, or \`apt-get install -y ${pkgs}\``;
  }
  if (NEEDS_ROOT.includes(service) && process.getuid?.() !== 0) {
    return `the private ${service} service needs root: ${RUN_AS_ROOT} (e.g. \`sudo npm test\`)`;
  }
  return undefined;
}
