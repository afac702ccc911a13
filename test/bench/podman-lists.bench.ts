// Listing 500 containers on the private Podman service three ways: through
// Podman's Docker-compatible API and through libpod (both as Berth's driver
// does it, rows mapped), against `podman ps -a` on the same service.
import { afterAll, beforeAll, inject, it } from 'vitest';
import { createDockerDriver } from '../../main/engines/docker-driver';
import { listLibpodContainers } from '../../main/engines/libpod';
import { podman } from '../env';
import { manyContainers } from '../support/many-containers';
import { medianOf, printTable } from './figures';

const env = inject('testEnv');
const COUNT = 500;
const LABEL = 'berth.bench=podman-lists';
const containers = manyContainers(env, LABEL, 'bench-podman', { socket: env.podmanSocket, image: `localhost/${env.images.base}` });

// Created, not started: the list is what is measured.
beforeAll(() => containers.create(COUNT));
afterAll(() => containers.removeAll());

it(`lists ${COUNT} Podman containers through the compatible API and libpod, against podman ps -a`, async () => {
  const driver = createDockerDriver({ endpoint: { kind: 'unix', path: env.podmanSocket }, source: 'bench' });
  try {
    const compat = () => driver.listContainers(null);
    const libpod = () => listLibpodContainers(driver.docker);
    const cli = () => podman(env, 'ps', '-a', '--no-trunc');
    // Both lists must hold the bench's containers, or the figures mean nothing.
    for (const list of [await compat(), await libpod()]) {
      const ours = list.filter((c) => c.labels['berth.bench'] === 'podman-lists').length;
      if (ours !== COUNT) throw new Error(`listed ${ours} of the ${COUNT} bench containers`);
    }
    await cli(); // warm the service's caches for every side alike
    const psMs = await medianOf(7, cli);
    printTable(`Podman ${COUNT}+ containers (medians of 7; the machine is shared, figures are loaded)`, [
      { what: 'Berth: compatible API /containers/json → rows', berthMs: await medianOf(7, compat), reference: 'podman ps -a (CLI start + list)', referenceMs: psMs },
      { what: 'Berth: libpod /libpod/containers/json → rows', berthMs: await medianOf(7, libpod), reference: 'podman ps -a (CLI start + list)', referenceMs: psMs },
    ]);
  } finally {
    driver.close();
  }
});
