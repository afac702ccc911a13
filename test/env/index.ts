// The private test environment: a Docker Engine, a Podman API service, a
// registry and an SSH server, all started by the test run itself, private to
// it, and stopped at its end. See test/env/README.md.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startContainerdCri, CRI_SANDBOX_IMAGE, type ContainerdCri } from './containerd-cri';
import { startDocker, type DockerEngine } from './dockerd';
import { ensureDockerFixtures, ensurePodmanFixtures, IMAGES, PODMAN_IMAGES } from './fixtures';
import { cgroupParentOf, cleanSlot, criCgroupParentOf, networkStateOf, reapStaleSlots } from './cleanup';
import { chooseNetwork, previousNetwork, type SlotNetwork } from './network';
import { startPodman, type PodmanService } from './podman';
import { freePorts } from './ports';
import { startAuthRegistries, startRegistry, type AuthRegistries, type Registry } from './registry';
import { missing } from './requirements';
import { startSshd, type SshServer } from './sshd';
import { acquireSlot, type Slot } from './state';
import type { ServiceName, TestEnv } from './types';

export type { ServiceName, SshTarget, TestEnv } from './types';
export { docker, dockerWith, podman } from './cli';
export { IMAGES, PODMAN_IMAGES } from './fixtures';

export interface StartedTestEnv {
  env: TestEnv;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Starts every service in parallel. A service that cannot run here does not
 * fail the start: it is listed in `env.unavailable` with a message saying how
 * to get it, and the tests that need it fail with that message.
 */
export async function startTestEnv(options: StartOptions = {}): Promise<StartedTestEnv> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const slot: Slot = acquireSlot();
  const dir = slot.dir;
  const cgroupParent = cgroupParentOf(slot);
  const logDir = join(dir, 'logs');
  const dockerConfig = join(dir, 'docker-config');
  const unavailable: TestEnv['unavailable'] = {};
  const stops: Array<[string, () => Promise<void>]> = [];
  let net: SlotNetwork | undefined;

  // Kills whatever runs in the slot and cleans the host up; synchronous, so it
  // also works from the signal and exit handlers below.
  const cleanUp = () => {
    try {
      cleanSlot(slot, net);
    } catch (error) {
      log(`cleanup: ${message(error)}`);
    }
    slot.release();
  };
  // Interrupted (Ctrl-C, kill) or exiting without stop(): vitest exits on
  // SIGINT/SIGTERM without its teardown, so the engines would outlive the run.
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal: NodeJS.Signals) => {
    removeHandlers();
    cleanUp();
    // Nobody else handles it: terminate the way the signal would have.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const onExit = () => {
    removeHandlers();
    cleanUp();
  };
  const removeHandlers = () => {
    for (const signal of signals) process.off(signal, onSignal);
    process.off('exit', onExit);
  };
  for (const signal of signals) process.on(signal, onSignal);
  process.on('exit', onExit);

  try {
    // Whatever a crashed run left in this slot (processes, mounts, bridges,
    // iptables rules), and in other slots nobody holds any more.
    cleanSlot(slot);
    reapStaleSlots(slot, log);
    net = chooseNetwork(networkStateOf(slot), slot.index, slot.id, previousNetwork(networkStateOf(slot), slot.id));
    const slotNet = net;
    rmSync(logDir, { recursive: true, force: true });
    for (const d of [logDir, dockerConfig]) mkdirSync(d, { recursive: true });

    const [registryPort = 0, sshPort = 0] = await freePorts(2);
    const registryAddress = `127.0.0.1:${registryPort}`;
    const timed = <T>(name: string, work: () => Promise<T>) => async () => {
      const t = Date.now();
      const result = await work();
      log(`${name} ready in ${seconds(t)}`);
      return result;
    };
    const attempt = <T>(service: ServiceName, work: () => Promise<T>): Promise<T | undefined> => {
      const absent = missing(service);
      if (absent) {
        unavailable[service] = absent;
        return Promise.resolve(undefined);
      }
      return timed(service, work)().catch((error: unknown) => {
        unavailable[service] = `${service} did not start: ${message(error)}`;
        return undefined;
      });
    };

    const dockerWork = attempt('docker', () =>
      startDocker({ dir: join(dir, 'docker'), logDir, net: slotNet, cgroupParent, keepImages: Object.values(IMAGES) }),
    );
    const podmanWork = attempt('podman', () =>
      startPodman({ dir: join(dir, 'podman'), logDir, net: slotNet, registry: registryAddress, keepImages: Object.values(PODMAN_IMAGES) }),
    );
    const registryWork = attempt('registry', () => startRegistry(join(dir, 'registry'), logDir, registryPort));
    const authRegistriesWork = attempt('registry-auth', () => startAuthRegistries(join(dir, 'registry-auth'), logDir));
    const sshWork = attempt('ssh', () => startSshd(join(dir, 'ssh'), logDir, sshPort));
    const criWork = attempt('cri', () => startContainerdCri({ dir: join(dir, 'cri'), logDir, net: slotNet, id: slot.id }));

    const dockerEngine: DockerEngine | undefined = await dockerWork;
    if (dockerEngine) stops.push(['docker', dockerEngine.stop]);
    let dockerFixtures: Promise<boolean> = Promise.resolve(false);
    if (dockerEngine) {
      dockerFixtures = attempt('fixtures', () => ensureDockerFixtures(dockerEngine.socket, dockerConfig, join(dir, 'build'))).then(
        () => !unavailable.fixtures,
      );
    } else {
      unavailable.fixtures ??= `no fixture images without the Docker engine: ${unavailable.docker}`;
    }

    const [podmanService, registry, sshServer, fixturesBuilt]: [
      PodmanService | undefined,
      Registry | undefined,
      SshServer | undefined,
      boolean,
    ] = await Promise.all([podmanWork, registryWork, sshWork, dockerFixtures]);
    if (podmanService) stops.push(['podman', podmanService.stop]);
    if (registry) stops.push(['registry', registry.stop]);
    if (sshServer) stops.push(['ssh', sshServer.stop]);
    const authRegistries: AuthRegistries | undefined = await authRegistriesWork;
    if (authRegistries) stops.push(['registry-auth', authRegistries.stop]);
    const criService: ContainerdCri | undefined = await criWork;
    if (criService) stops.push(['cri', criService.stop]);

    if (podmanService && dockerEngine && fixturesBuilt) {
      const t = Date.now();
      await ensurePodmanFixtures(dockerEngine.socket, podmanService.socket).then(
        () => log(`podman fixtures ready in ${seconds(t)}`),
        (error: unknown) => (unavailable.podman = `podman did not get the fixture images: ${message(error)}`),
      );
    } else if (podmanService) {
      unavailable.podman = `podman has no fixture images: ${unavailable.fixtures ?? unavailable.docker}`;
    }

    const dockerSocket = dockerEngine?.socket ?? join(dir, 'docker', 'docker.sock');
    const env: TestEnv = {
      dockerHost: `unix://${dockerSocket}`,
      dockerSocket,
      dockerConfig,
      podmanSocket: podmanService?.socket ?? join(dir, 'podman', 'podman.sock'),
      registry: registry?.address ?? registryAddress,
      registryAuth: {
        basic: authRegistries?.basic ?? { address: '', username: '', password: '', realm: null },
        token: authRegistries?.token ?? { address: '', username: '', password: '', realm: null },
      },
      ssh: sshServer?.target ?? {
        host: '127.0.0.1',
        port: sshPort,
        user: 'root',
        privateKeyPath: join(dir, 'ssh', 'client_ed25519'),
        knownHostsPath: join(dir, 'ssh', 'known_hosts'),
        hostPublicKey: '',
      },
      cri: { socket: criService?.socket ?? join(dir, 'cri', 'containerd.sock'), image: CRI_SANDBOX_IMAGE, cgroupParent: criCgroupParentOf(slot) },
      images: { base: IMAGES.base, layered: IMAGES.layered },
      dir,
      unavailable,
    };
    log(`test environment in ${dir} started in ${seconds(started)}`);

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        const t = Date.now();
        const debug = process.env.BERTH_TEST_ENV_DEBUG ? log : () => undefined;
        await Promise.allSettled(
          stops.map(async ([name, stopService]) => {
            await stopService();
            debug(`${name} stopped at ${seconds(t)}`);
          }),
        );
        removeHandlers();
        cleanUp();
        debug(`test environment stopped in ${seconds(t)}`);
      })());
    return { env, stop };
  } catch (error) {
    await Promise.allSettled(stops.map(([, stopService]) => stopService()));
    removeHandlers();
    cleanUp();
    throw error;
  }
}
