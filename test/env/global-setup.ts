// vitest globalSetup of the `integration` and `e2e` projects: starts the test
// environment once per vitest run (shared by both projects when both run: each
// project loads this file on its own, so the state lives on globalThis), and
// `provide`s it; `inject('testEnv')` reads it in tests. Stopped when the last
// project using it tears down.
import type { TestProject } from 'vitest/node';
import { startTestEnv, type StartedTestEnv } from './index';
import type { ServiceName, TestEnv } from './types';

interface Shared {
  users: number;
  started: Promise<StartedTestEnv | Error>;
}

const KEY = Symbol.for('berth.test-env');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;
const log = (line: string) => process.stderr.write(`[test-env] ${line}\n`);

/** An environment in which nothing runs, each service naming why. */
function nothingRuns(error: Error): TestEnv {
  const why = `the test environment did not start: ${error.message}`;
  const services: ServiceName[] = ['docker', 'podman', 'registry', 'registry-auth', 'ssh', 'fixtures', 'cri'];
  return {
    dockerHost: '',
    dockerSocket: '',
    dockerConfig: '',
    podmanSocket: '',
    registry: '',
    registryAuth: { basic: { address: '', username: '', password: '', realm: null }, token: { address: '', username: '', password: '', realm: null } },
    ssh: { host: '127.0.0.1', port: 0, user: 'root', privateKeyPath: '', knownHostsPath: '', hostPublicKey: '' },
    cri: { socket: '', image: '', cgroupParent: '' },
    images: { base: '', layered: '' },
    dir: '',
    unavailable: Object.fromEntries(services.map((s) => [s, why])),
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (registry[KEY] ??= {
    users: 0,
    started: startTestEnv({ log }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
  });
  shared.users++;
  const started = await shared.started;
  const env = started instanceof Error ? nothingRuns(started) : started.env;
  for (const [service, why] of Object.entries(env.unavailable)) log(`UNAVAILABLE ${service}: ${why}`);
  project.provide('testEnv', env);
  // A safety net: code under test that falls back to DOCKER_HOST / CONTAINER_HOST
  // reaches the private engines, never the machine's default socket. Test
  // workers are forked after this and inherit it.
  if (env.dockerHost) process.env.DOCKER_HOST = env.dockerHost;
  if (env.podmanSocket) process.env.CONTAINER_HOST = `unix://${env.podmanSocket}`;
  // crictl's variable, which Berth's CRI view honours too.
  if (env.cri.socket) process.env.CONTAINER_RUNTIME_ENDPOINT = `unix://${env.cri.socket}`;

  return async () => {
    shared.users--;
    if (shared.users > 0) return;
    registry[KEY] = undefined;
    // Quietly: the run's summary line stays the last line of the output.
    if (!(started instanceof Error)) await started.stop();
  };
}
