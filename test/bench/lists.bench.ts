// How fast `berth serve` starts and lists containers, against `docker ps -a`
// on the same engine.
import Docker from 'dockerode';
import { afterAll, beforeAll, inject, it } from 'vitest';
import { docker } from '../env';
import { startBerthServe } from '../support/berth-serve';
import { manyContainers } from '../support/many-containers';
import { connectToServer } from '../support/ws-client';
import { median, medianOf, printTable, type Row } from './figures';

const env = inject('testEnv');
const COUNT = 1000;
const LABEL = 'berth.bench=lists';
const engine = new Docker({ socketPath: env.dockerSocket });
const containers = manyContainers(env, LABEL, 'bench-list');

// Created, not started: the list is what is measured.
beforeAll(() => containers.create(COUNT));
afterAll(() => containers.removeAll());

it(`serve start to first list, and listing ${COUNT} containers`, async () => {
  const rows: Row[] = [];
  const dockerPs = () => docker(env, 'ps', '-a', '--no-trunc');
  await dockerPs(); // warm the engine's caches for both sides alike

  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const began = performance.now();
    const serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
    const client = await connectToServer(serve.url);
    const list = await client.api.containers.list.query({});
    starts.push(performance.now() - began);
    if (list.length < COUNT) throw new Error(`Berth listed ${list.length} containers, expected at least ${COUNT}`);
    client.close();
    await serve.stop();
  }
  rows.push({ what: 'berth serve start → first container list', berthMs: median(starts), reference: 'docker ps -a (CLI start + list)', referenceMs: await medianOf(5, dockerPs) });

  const serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
  const client = await connectToServer(serve.url);
  await client.api.containers.list.query({});
  const listOnce = () => client.api.containers.list.query({});
  const snapshotOnce = () =>
    new Promise<void>((resolve, reject) => {
      const stop = client.api.containers.watch.subscribe({}, { onData: () => (stop(), resolve()), onError: reject });
    });
  rows.push({ what: `list ${COUNT} containers (API call, live list)`, berthMs: await medianOf(20, listOnce), reference: 'docker ps -a --no-trunc', referenceMs: await medianOf(10, dockerPs) });
  rows.push({ what: `open a live list of ${COUNT} (snapshot)`, berthMs: await medianOf(20, snapshotOnce), reference: 'docker ps -a --no-trunc', referenceMs: await medianOf(10, dockerPs) });
  const engineList = () => engine.listContainers({ all: true });
  rows.push({ what: `list ${COUNT} containers (API call, live list)`, berthMs: await medianOf(20, listOnce), reference: 'Engine API GET /containers/json', referenceMs: await medianOf(20, engineList) });
  client.close();
  await serve.stop();
  printTable(`Lists (${COUNT} containers on Docker ${await docker(env, 'version', '--format', '{{.Server.Version}}')}; medians)`, rows);
});
