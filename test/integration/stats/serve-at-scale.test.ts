// 200 running containers through `berth serve`: every container's sample
// reaches the client over the WebSocket, in one frame per tick, and the
// frames keep coming while the 200 stats streams open (they used to stop for
// tens of seconds: the list and charts froze).
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { StatsFrame } from '../../../main/stats/types';
import { startBerthServe, type ServeProcess } from '../../support/berth-serve';
import { manyContainers } from '../../support/many-containers';
import { connectToServer, type ConnectedClient } from '../../support/ws-client';

const env = inject('testEnv');
const COUNT = 200;
const TICK_MS = 1000;
const containers = manyContainers(env, `berth.test=stats-scale-${process.pid}`, 'stats-scale');
let ids: string[] = [];
let serve: ServeProcess | undefined;
let client: ConnectedClient | undefined;

beforeAll(async () => {
  ids = await containers.run(COUNT);
}, 600_000);

afterAll(async () => {
  client?.close();
  await serve?.stop();
  await containers.removeAll();
}, 300_000);

it(`brings all ${COUNT} containers' samples through berth serve, one frame a tick, without stalling`, { timeout: 300_000 }, async () => {
  expect(ids).toHaveLength(COUNT);
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
  client = await connectToServer(serve.url);
  const frames: StatsFrame[] = [];
  let failure: { message: string } | null = null;
  client.api.stats.watch.subscribe({ ids: null }, { onData: (f) => frames.push(f), onError: (e) => (failure = e) });

  const complete = (f: StatsFrame) => ids.every((id) => f.samples[id]);
  // Ten whole frames after the first one that has everybody.
  const enough = () => {
    const first = frames.findIndex(complete);
    return first >= 0 && frames.length >= first + 11;
  };
  const deadline = Date.now() + 240_000;
  while (!enough() && !failure && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(failure).toBeNull();
  const first = frames.findIndex(complete);
  expect(first, `a frame with all ${COUNT} containers (frames seen: ${frames.length}, most samples in one: ${Math.max(0, ...frames.map((f) => Object.keys(f.samples).length))})`).toBeGreaterThanOrEqual(0);

  const after = frames.slice(first, first + 11);
  // Every container stays in every frame, and each one's sample moves on (the engine sends one a second).
  expect(after.every(complete)).toBe(true);
  for (const id of ids) expect(after.at(-1)!.samples[id]!.t, id).toBeGreaterThan(after[0]!.samples[id]!.t);

  // A frame is sent each tick: from the subscription on, none went missing
  // for more than a couple of ticks (the stall was 20 to 30 s with 200 containers).
  const gaps = frames.slice(1, first + 11).map((f, i) => f.t - frames[i]!.t);
  expect(Math.max(...gaps), `gaps between frames (ms): ${gaps.join(' ')}`).toBeLessThan(3 * TICK_MS);
});
