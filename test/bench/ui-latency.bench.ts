// From a container's creation to its row in the open UI (Chromium), against
// the engine's own event stream seeing the same creation: the reference is
// the fastest any client could know.
import Docker from 'dockerode';
import { afterAll, beforeAll, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';
import { connectToServer } from '../support/ws-client';
import { median, printTable } from './figures';

const env = inject('testEnv');
const RUNS = 20;
const engine = new Docker({ socketPath: env.dockerSocket });
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  const leftovers = await engine.listContainers({ all: true, filters: { label: ['berth.bench=ui'] } });
  await Promise.all(leftovers.map((c) => engine.getContainer(c.Id).remove({ force: true })));
});

it(`creation → row in the UI, median of ${RUNS}`, async () => {
  const page = await browser.newPage();
  await page.goto(serve.url);
  await page.waitForSelector('[data-testid="container-row"], [data-testid="containers-empty"]', { timeout: 20_000 }).catch(() => undefined);

  // The engine's event stream, read directly: when each creation became known.
  const seen = new Map<string, number>();
  const events = (await engine.getEvents({ filters: { type: ['container'], event: ['create'] } })) as NodeJS.ReadableStream;
  let buffer = '';
  events.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const name = (JSON.parse(line) as { Actor?: { Attributes?: { name?: string } } }).Actor?.Attributes?.name;
      if (name) seen.set(name, performance.now());
    }
  });

  // Berth's API seen by a plain WebSocket client: the main process's share of the delay.
  const apiSeen = new Map<string, number>();
  const client = await connectToServer(serve.url);
  const stopWatch = client.api.containers.watch.subscribe(
    {},
    { onData: (e) => void (e.type === 'snapshot' ? e.rows : e.upsert).forEach((r) => apiSeen.has(r.name) || apiSeen.set(r.name, performance.now())) },
  );

  const ui: number[] = [];
  const stream: number[] = [];
  const api: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const name = `bench-ui-${Date.now()}-${i}`;
    const began = performance.now();
    const appeared = page.waitForSelector(`[data-testid="container-row"][data-name="${name}"]`, { timeout: 10_000 });
    await engine.createContainer({ Image: env.images.base, Cmd: ['sleep', '1'], name, Labels: { 'berth.bench': 'ui' } });
    await appeared;
    ui.push(performance.now() - began);
    const at = seen.get(name);
    if (at === undefined) throw new Error(`the event stream never showed ${name}`);
    stream.push(at - began);
    const atApi = apiSeen.get(name);
    if (atApi === undefined) throw new Error(`the API watcher never showed ${name}`);
    api.push(atApi - began);
  }
  stopWatch();
  client.close();
  (events as unknown as { destroy(): void }).destroy();
  printTable(`UI latency (${RUNS} creations, medians)`, [
    { what: 'container created → its row in the open UI', berthMs: median(ui), reference: 'created → event on GET /events', referenceMs: median(stream) },
    { what: 'container created → patch on Berth API (WebSocket)', berthMs: median(api), reference: 'created → event on GET /events', referenceMs: median(stream) },
  ]);
});
