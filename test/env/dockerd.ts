// The private Docker Engine: its own containerd, and a dockerd on its own socket,
// data root, exec root, pidfile, config file and bridge. It never uses the
// machine's /var/run/docker.sock, /var/lib/docker, /etc/docker/daemon.json,
// docker0 or /run/containerd/containerd.sock.
import { connect } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pingSocket } from './http';
import { removeDockerContainers, resetDocker } from './housekeeping';
import { createBridge, deleteLink, type SlotNetwork } from './network';
import { spawnDaemon, stopDaemon, waitReady, type Daemon } from './process';

export interface DockerEngine {
  socket: string;
  host: string;
  /** Removes all containers, stops dockerd then containerd, deletes the bridge. */
  stop(): Promise<void>;
}

export interface DockerOptions {
  dir: string;
  logDir: string;
  net: SlotNetwork;
  /** Marker in the cgroup path of every container (see --cgroup-parent). */
  cgroupParent: string;
  /** Images the reset at start keeps. */
  keepImages: string[];
}

function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startDocker(options: DockerOptions): Promise<DockerEngine> {
  const { dir, logDir, net } = options;
  const containerdDir = join(dir, 'containerd');
  const containerdSocket = join(dir, 'containerd.sock');
  const dockerSocket = join(dir, 'docker.sock');
  mkdirSync(containerdDir, { recursive: true });
  for (const stale of [containerdSocket, `${containerdSocket}.ttrpc`, dockerSocket, join(dir, 'docker.pid')]) {
    rmSync(stale, { force: true });
  }
  // exec-root holds sockets with long names: keep its path short.
  rmSync(join(dir, 'dx'), { recursive: true, force: true });

  writeFileSync(
    join(containerdDir, 'config.toml'),
    [
      'version = 2',
      `root = ${JSON.stringify(join(containerdDir, 'root'))}`,
      `state = ${JSON.stringify(join(containerdDir, 'state'))}`,
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      `  address = ${JSON.stringify(containerdSocket)}`,
      '[debug]',
      '  level = "warn"',
      '[plugins."io.containerd.internal.v1.opt"]',
      `  path = ${JSON.stringify(join(containerdDir, 'opt'))}`,
      '',
    ].join('\n'),
  );
  const daemonJson = join(dir, 'daemon.json');
  writeFileSync(daemonJson, '{}\n');

  let containerd: Daemon | undefined;
  let dockerd: Daemon | undefined;
  const stopAll = async () => {
    if (dockerd && !dockerd.exit) {
      await removeDockerContainers({ socketPath: dockerSocket }).catch(() => undefined);
    }
    await stopDaemon(dockerd, 15_000);
    await stopDaemon(containerd, 5_000);
    deleteLink(net.dockerBridge);
  };

  try {
    createBridge(net.dockerBridge, net.dockerBridgeAddress);
    containerd = spawnDaemon('containerd', 'containerd', ['--config', join(containerdDir, 'config.toml')], {
      logFile: join(logDir, 'containerd.log'),
      reaper: true,
    });
    await waitReady(containerd, () => canConnect(containerdSocket), 20_000);

    dockerd = spawnDaemon(
      'dockerd',
      'dockerd',
      [
        '--host', `unix://${dockerSocket}`,
        '--containerd', containerdSocket,
        '--data-root', join(dir, 'data'),
        '--exec-root', join(dir, 'dx'),
        '--pidfile', join(dir, 'docker.pid'),
        '--config-file', daemonJson,
        '--bridge', net.dockerBridge,
        '--iptables=false',
        '--ip-masq=false',
        '--default-address-pool', `base=${net.dockerPool},size=24`,
        '--cgroup-parent', options.cgroupParent,
        '--storage-driver', 'overlay2',
        '--userland-proxy=true',
        '--log-level', 'warn',
      ],
      { logFile: join(logDir, 'dockerd.log') },
    );
    await waitReady(dockerd, () => pingSocket(dockerSocket), 60_000);
    await resetDocker(dockerSocket, options.keepImages);
  } catch (error) {
    await stopAll();
    throw error;
  }

  return { socket: dockerSocket, host: `unix://${dockerSocket}`, stop: stopAll };
}
