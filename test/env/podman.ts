// The private Podman API service: `podman system service` on its own socket, with
// a containers.conf (runc, lowered ulimits, cgroupfs, file locks and events, its
// own tmp/static/volume dirs and network config dir), a storage.conf (its own
// graphroot/runroot) and a registries.conf (the private registry is plain HTTP).
// The machine's /var/lib/containers/storage and /etc/containers/networks are not
// used. Two files outside the slot are shared with any podman on the machine, by
// podman's design: netavark's /run/containers/networks/ipam.db (entries keyed by
// network and subnet, the subnet here is private) and the blob-info cache
// /var/lib/containers/cache (digest metadata only).
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pingSocket } from './http';
import { removePodmanContainers, resetPodman } from './housekeeping';
import { deleteLink, type SlotNetwork } from './network';
import { spawnDaemon, stopDaemon, waitReady, type Daemon } from './process';

export interface PodmanService {
  socket: string;
  /** Environment for a local `podman` CLI that sees the same storage and configuration. */
  cliEnv: Record<string, string>;
  stop(): Promise<void>;
}

export interface PodmanOptions {
  dir: string;
  logDir: string;
  net: SlotNetwork;
  registry: string;
  keepImages: string[];
}

export async function startPodman(options: PodmanOptions): Promise<PodmanService> {
  const { dir, logDir, net } = options;
  const paths = {
    storage: join(dir, 'storage'),
    runroot: join(dir, 'run'),
    tmp: join(dir, 'tmp'),
    networks: join(dir, 'networks'),
    containersConf: join(dir, 'containers.conf'),
    storageConf: join(dir, 'storage.conf'),
    registriesConf: join(dir, 'registries.conf'),
  };
  const socket = join(dir, 'podman.sock');
  rmSync(socket, { force: true });
  // An earlier version of this file defined the default network as `podman`.
  rmSync(join(paths.networks, 'podman.json'), { force: true });
  for (const d of [paths.storage, paths.runroot, paths.tmp, paths.networks]) mkdirSync(d, { recursive: true });

  const q = JSON.stringify;
  writeFileSync(
    paths.containersConf,
    [
      '[containers]',
      'default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]',
      '',
      '[network]',
      'network_backend = "netavark"',
      `network_config_dir = ${q(paths.networks)}`,
      `default_network = ${q(net.podmanNetwork)}`,
      `default_subnet = ${q(net.podmanSubnet)}`,
      `default_subnet_pools = [{ "base" = ${q(net.podmanPool)}, "size" = 24 }]`,
      '',
      '[engine]',
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      'lock_type = "file"',
      `tmp_dir = ${q(paths.tmp)}`,
      `image_copy_tmp_dir = ${q(paths.tmp)}`,
      `static_dir = ${q(join(paths.storage, 'libpod'))}`,
      `volume_path = ${q(join(paths.storage, 'volumes'))}`,
      // Debian's catatonit (pods' pause image) lives in /usr/bin.
      'helper_binaries_dir = ["/usr/local/libexec/podman", "/usr/local/lib/podman", "/usr/libexec/podman", "/usr/lib/podman", "/usr/bin"]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    paths.storageConf,
    ['[storage]', 'driver = "overlay"', `graphroot = ${q(paths.storage)}`, `runroot = ${q(paths.runroot)}`, ''].join('\n'),
  );
  const registryPort = options.registry.split(':')[1] ?? '';
  writeFileSync(
    paths.registriesConf,
    [
      'unqualified-search-registries = ["docker.io"]',
      'short-name-mode = "permissive"',
      ...[options.registry, `localhost:${registryPort}`].flatMap((location) => [
        '[[registry]]',
        `location = ${q(location)}`,
        'insecure = true',
      ]),
      '',
    ].join('\n'),
  );
  // The default network, with a name, bridge and subnet of this slot (not podman,
  // podman0, 10.88/16): netavark names its iptables chains after the network name.
  writeFileSync(
    join(paths.networks, `${net.podmanNetwork}.json`),
    JSON.stringify(
      {
        name: net.podmanNetwork,
        id: createHash('sha256').update(`podman:${dir}`).digest('hex'),
        driver: 'bridge',
        network_interface: net.podmanBridge,
        created: '2026-01-01T00:00:00Z',
        subnets: [{ subnet: net.podmanSubnet, gateway: net.podmanSubnet.replace(/\.0\/\d+$/, '.1') }],
        ipv6_enabled: false,
        internal: false,
        dns_enabled: false,
        ipam_options: { driver: 'host-local' },
      },
      null,
      2,
    ),
  );

  const cliEnv = {
    CONTAINERS_CONF: paths.containersConf,
    CONTAINERS_STORAGE_CONF: paths.storageConf,
    CONTAINERS_REGISTRIES_CONF: paths.registriesConf,
    TMPDIR: paths.tmp,
  };

  let service: Daemon | undefined;
  const stop = async () => {
    if (service && !service.exit) await removePodmanContainers({ socketPath: socket }).catch(() => undefined);
    await stopDaemon(service, 10_000);
    deleteLink(net.podmanBridge);
  };
  try {
    service = spawnDaemon('podman', 'podman', ['system', 'service', '--time=0', `unix://${socket}`], {
      logFile: join(logDir, 'podman.log'),
      env: cliEnv,
      reaper: true,
    });
    await waitReady(service, () => pingSocket(socket), 60_000);
    await resetPodman(socket, options.keepImages, net.podmanNetwork);
  } catch (error) {
    await stop();
    throw error;
  }
  return { socket, cliEnv, stop };
}
