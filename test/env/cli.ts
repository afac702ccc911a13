// Command-line access to the private engines, for tests that set things up
// "outside the app" the way a user would in a terminal.
import { run, type RunOptions } from './process';
import type { TestEnv } from './types';

/**
 * Runs the docker CLI against the private engine (`-H <env.dockerHost>`, its own
 * DOCKER_CONFIG) and resolves to its stdout without the trailing newline.
 * Rejects with stderr on a non-zero exit. Example:
 *   const id = await docker(env, 'run', '-d', env.images.base, 'sleep', '600');
 */
export function docker(env: Pick<TestEnv, 'dockerHost' | 'dockerConfig'>, ...args: string[]): Promise<string> {
  return dockerWith(env, {}, ...args);
}

/** `docker` with options: stdin input, extra environment, working directory, timeout. */
export async function dockerWith(
  env: Pick<TestEnv, 'dockerHost' | 'dockerConfig'>,
  options: RunOptions,
  ...args: string[]
): Promise<string> {
  const out = await run('docker', ['-H', env.dockerHost, ...args], {
    ...options,
    env: { DOCKER_CONFIG: env.dockerConfig, DOCKER_CLI_HINTS: 'false', ...options.env, DOCKER_HOST: env.dockerHost },
  });
  return out.replace(/\n$/, '');
}

/**
 * Runs the podman CLI as a client of the private Podman service
 * (`podman --url unix://<env.podmanSocket>`); resolves to stdout without the trailing newline.
 */
export async function podman(env: Pick<TestEnv, 'podmanSocket'>, ...args: string[]): Promise<string> {
  const out = await run('podman', ['--url', `unix://${env.podmanSocket}`, ...args]);
  return out.replace(/\n$/, '');
}
