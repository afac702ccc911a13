// vitest setupFile of the `integration` and `e2e` projects: a test that reads a
// field of a service that did not start fails with the message saying how to
// get that service (instead of an ECONNREFUSED somewhere later).
import { inject } from 'vitest';
import type { ServiceName, TestEnv } from './types';

const FIELDS: Record<ServiceName, (keyof TestEnv)[]> = {
  docker: ['dockerHost', 'dockerSocket'],
  podman: ['podmanSocket'],
  registry: ['registry'],
  'registry-auth': ['registryAuth'],
  ssh: ['ssh'],
  fixtures: ['images'],
  cri: ['cri'],
};

const env = inject('testEnv');
if (env) {
  for (const [service, why] of Object.entries(env.unavailable) as [ServiceName, string][]) {
    for (const field of FIELDS[service]) {
      Object.defineProperty(env, field, {
        configurable: true,
        enumerable: true,
        get() {
          throw new Error(`${service} is not available for this test: ${why}`);
        },
      });
    }
  }
}

/** Fails the calling test with the reason unless all the named services run. */
export function requireServices(...services: ServiceName[]): TestEnv {
  const current = inject('testEnv');
  for (const service of services) {
    const why = current.unavailable[service];
    if (why) throw new Error(`${service} is not available for this test: ${why}`);
  }
  return current;
}
