// A private containerd with its CRI plugin: the Kubernetes CRI API (runtime.v1
// RuntimeService and ImageService) on its own socket, root, state and config,
// next to (not instead of) the private dockerd's own containerd, which runs
// with CRI disabled. Pods get a bridge of the slot (`berthc<id>`, a /24 of the
// slot's first /16) from Debian's CNI plugins (/usr/lib/cni) with a private
// IPAM directory; network namespaces are mounted under the state directory.
// The sandbox ("pause") image is an OCI layout written here from the static
// busybox (`sleep` forever), imported with `ctr` into the k8s.io namespace.
// Root and state are emptied at every start: there is nothing to keep.
// Measured on the build machines: the sandbox's default oom_score_adj (-998)
// is refused here even to root, hence restrict_oom_score_adj; cgroups v1 without
// systemd, hence the cgroupfs driver (SystemdCgroup = false).
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteLink, type SlotNetwork } from './network';
import { run, spawnDaemon, stopDaemon, waitReady, type Daemon } from './process';

/** The sandbox image's name as CRI reports it. */
export const CRI_SANDBOX_IMAGE = 'docker.io/berth-test/pause:1';
export const CNI_BIN_DIR = '/usr/lib/cni';
const PAUSE_APPLETS = ['sh', 'sleep', 'head', 'cat', 'echo', 'ls', 'true'];

export interface ContainerdCri {
  socket: string;
  stop(): Promise<void>;
}

export interface ContainerdCriOptions {
  dir: string;
  logDir: string;
  net: SlotNetwork;
  /** The slot's id: names the pods' bridge. */
  id: string;
}

/** The CNI network of the slot's CRI pods (names its iptables-free bridge config and its cache entries). */
const cniNetworkOf = (id: string) => `berth-cri-${id}`;

/**
 * Removes the CNI result cache entries (/var/lib/cni/results, shared with the
 * machine: containerd 1.6 cannot move it) of the slot's pods that a killed run
 * left without a CNI DEL: the network's own entries, and the loopback entries
 * of the same pods. Synchronous, for the slot's cleanup.
 */
export function removeCniCache(id: string): void {
  const dir = '/var/lib/cni/results';
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `${cniNetworkOf(id)}-`;
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const pod = name.slice(prefix.length).replace(/-eth0$/, '');
    for (const entry of [name, `cni-loopback-${pod}-lo`]) rmSync(join(dir, entry), { force: true });
  }
}

/** The bridge of the slot's CRI pods. */
export const criBridgeOf = (id: string) => `berthc${id}`;

/** The pods' bridge and subnet: the second /24 of the bank's first /16 (Docker's bridge has the first). */
function criNetwork(net: SlotNetwork, id: string): { bridge: string; subnet: string } {
  const first = net.dockerBridgeAddress.split('.').slice(0, 2).join('.');
  return { bridge: criBridgeOf(id), subnet: `${first}.1.0/24` };
}

export async function startContainerdCri(options: ContainerdCriOptions): Promise<ContainerdCri> {
  const { dir, logDir } = options;
  const { bridge, subnet } = criNetwork(options.net, options.id);
  const paths = {
    root: join(dir, 'root'),
    state: join(dir, 'state'),
    config: join(dir, 'config.toml'),
    cniConf: join(dir, 'cni', 'net.d'),
    ipam: join(dir, 'cni', 'ipam'),
    image: join(dir, 'image'),
  };
  const socket = join(dir, 'containerd.sock');
  for (const stale of [paths.root, paths.state, join(dir, 'cni'), paths.image, socket, `${socket}.ttrpc`]) rmSync(stale, { recursive: true, force: true });
  for (const d of [paths.root, paths.state, paths.cniConf, paths.ipam, join(dir, 'opt')]) mkdirSync(d, { recursive: true });

  const q = JSON.stringify;
  const cri = '[plugins."io.containerd.grpc.v1.cri"';
  writeFileSync(
    paths.config,
    [
      'version = 2',
      `root = ${q(paths.root)}`,
      `state = ${q(paths.state)}`,
      // Snapshotters that cannot run here only fill the log with warnings.
      'disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]',
      '[grpc]',
      `  address = ${q(socket)}`,
      '[debug]',
      '  level = "warn"',
      '[plugins."io.containerd.internal.v1.opt"]',
      `  path = ${q(join(dir, 'opt'))}`,
      `${cri}]`,
      `  sandbox_image = ${q(CRI_SANDBOX_IMAGE)}`,
      '  netns_mounts_under_state_dir = true',
      '  restrict_oom_score_adj = true',
      '  stream_server_address = "127.0.0.1"',
      '  stream_server_port = "0"',
      // Stats (and the writable layer's usage) refreshed every second, not every 10.
      '  stats_collect_period = 1',
      `${cri}.cni]`,
      `  bin_dir = ${q(CNI_BIN_DIR)}`,
      `  conf_dir = ${q(paths.cniConf)}`,
      `${cri}.containerd]`,
      '  snapshotter = "overlayfs"',
      '  default_runtime_name = "runc"',
      `${cri}.containerd.runtimes.runc]`,
      '  runtime_type = "io.containerd.runc.v2"',
      `${cri}.containerd.runtimes.runc.options]`,
      '  SystemdCgroup = false',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(paths.cniConf, '10-berth.conflist'),
    `${JSON.stringify(
      {
        cniVersion: '1.0.0',
        name: cniNetworkOf(options.id),
        plugins: [
          { type: 'bridge', bridge, isGateway: true, ipMasq: false, ipam: { type: 'host-local', ranges: [[{ subnet }]], dataDir: paths.ipam } },
        ],
      },
      null,
      2,
    )}\n`,
  );

  let containerd: Daemon | undefined;
  const stop = async () => {
    await stopDaemon(containerd, 10_000);
    // The shims and the pods they run outlive containerd: the slot's cleanup
    // (sweep) kills them and unmounts their rootfs and network namespaces.
    deleteLink(bridge);
  };
  try {
    containerd = spawnDaemon('containerd (CRI)', 'containerd', ['--config', paths.config], {
      logFile: join(logDir, 'containerd-cri.log'),
      reaper: true,
    });
    const ctr = (...args: string[]) => run('ctr', ['--address', socket, ...args], { timeoutMs: 60_000 });
    await waitReady(containerd, () => ctr('version').then(() => true), 30_000);
    const archive = await writeSandboxImage(paths.image);
    await ctr('--namespace', 'k8s.io', 'images', 'import', '--all-platforms', archive);
    rmSync(paths.image, { recursive: true, force: true });
  } catch (error) {
    await stop();
    throw error;
  }
  return { socket, stop };
}

/**
 * The sandbox image as an OCI archive: one uncompressed layer with the static
 * busybox and a few applets, `sleep` forever as its command. Returns its path.
 */
async function writeSandboxImage(dir: string): Promise<string> {
  const rootfs = join(dir, 'rootfs');
  const layout = join(dir, 'layout');
  const blobs = join(layout, 'blobs', 'sha256');
  for (const d of [join(rootfs, 'bin'), join(rootfs, 'tmp'), blobs]) mkdirSync(d, { recursive: true });
  chmodSync(join(rootfs, 'tmp'), 0o1777);
  copyFileSync('/bin/busybox', join(rootfs, 'bin', 'busybox'));
  chmodSync(join(rootfs, 'bin', 'busybox'), 0o755);
  for (const applet of PAUSE_APPLETS) symlinkSync('busybox', join(rootfs, 'bin', applet));

  const blob = (bytes: Buffer) => {
    const hex = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(blobs, hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));

  const layerTar = join(dir, 'layer.tar');
  await run('tar', ['-C', rootfs, '--numeric-owner', '--owner=0', '--group=0', '--sort=name', '--mtime=@0', '-cf', layerTar, '.']);
  const layer = blob(readFileSync(layerTar));
  const config = blob(
    json({
      architecture: process.arch === 'arm64' ? 'arm64' : 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/bin'], Cmd: ['/bin/sleep', '2147483647'] },
      rootfs: { type: 'layers', diff_ids: [layer.digest] },
      history: [{ created_by: 'berth test env: static busybox, sleep forever' }],
    }),
  );
  const manifest = blob(
    json({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
    }),
  );
  writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'io.containerd.image.name': CRI_SANDBOX_IMAGE, 'org.opencontainers.image.ref.name': '1' },
        },
      ],
    }),
  );
  const archive = join(dir, 'pause.oci.tar');
  await run('tar', ['-C', layout, '-cf', archive, '.']);
  return archive;
}
