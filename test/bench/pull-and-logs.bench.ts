// Pull and logs at size. A multi-layer image of tens of MB pulled from the
// test registry through Berth's API against `docker pull` on the same engine,
// alternating, median of several; and a container that wrote 1,000,000 log
// lines: time until Berth's log view shows the last line, with the renderer's
// heap, against `docker logs` reading the same lines.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject, it } from 'vitest';
import type { PullEvent } from '../../main/images/pull';
import { docker, dockerWith } from '../env';
import { apiFor, collect } from '../support/api-client';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';
import { median, printTable, timeMs } from './figures';

const env = inject('testEnv');
const RUNS = 5;
const TAG = `${process.pid}`;
const LINES = 1_000_000;
let repo: string;
let berth: ReturnType<typeof apiFor>;

beforeAll(async () => {
  // Four layers of 8 MB of random bytes each (incompressible), on the busybox base.
  repo = `${env.registry}/berth-bench/pull-${TAG}`;
  const layers = [1, 2, 3, 4].map((n) => `RUN head -c 8000000 /dev/urandom > /blob${n}`).join('\n');
  const dockerfile = `FROM ${env.images.base}\n${layers}\nLABEL berth.bench=pull\n`;
  await dockerWith(env, { input: dockerfile, env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 300_000 }, 'build', '-q', '-t', `${repo}:1`, '-');
  await dockerWith(env, { timeoutMs: 300_000 }, 'push', `${repo}:1`);
  berth = apiFor(env.dockerHost);
});

afterAll(async () => {
  await berth?.close();
  await docker(env, 'rmi', '-f', `${repo}:1`).catch(() => '');
  const ids = await docker(env, 'ps', '-aq', '--filter', 'label=berth.bench=logs');
  if (ids) await docker(env, 'rm', '-f', ...ids.split('\n'));
});

const removeImage = () => docker(env, 'rmi', `${repo}:1`);

async function pullThroughBerth() {
  const sub = collect<PullEvent>((h) => berth.api.images.pull.subscribe({ reference: `${repo}:1` }, h));
  const error = await sub.ended();
  if (error || sub.events.at(-1)?.phase !== 'done') throw new Error(`pull through Berth failed: ${error?.message}`);
}

it(`pull of a 4-layer, 32 MB image from the registry, median of ${RUNS}, alternating`, async () => {
  const berthMs: number[] = [];
  const cliMs: number[] = [];
  const viaBerth = async () => berthMs.push(await timeMs(pullThroughBerth));
  const viaCli = async () => cliMs.push(await timeMs(() => dockerWith(env, { timeoutMs: 300_000 }, 'pull', '-q', `${repo}:1`)));
  // Alternating, and in turn first, so neither always follows the other's clean-up.
  for (let i = 0; i < RUNS; i++) {
    for (const pull of i % 2 === 0 ? [viaBerth, viaCli] : [viaCli, viaBerth]) {
      await removeImage();
      await pull();
    }
  }
  printTable('Pull (goal: Berth no more than 5% slower)', [{ what: 'pull 32 MB in 4 layers', berthMs: median(berthMs), reference: 'docker pull (CLI, same engine)', referenceMs: median(cliMs) }]);
});

it(`${LINES.toLocaleString('en-US')} log lines: until the log view shows the last one`, async () => {
  const id = await docker(env, 'run', '-d', '--label', 'berth.bench=logs', env.images.base, 'sh', '-c', `seq 1 ${LINES}; sleep 3600`);
  // Written once the last number is in the log.
  for (;;) {
    if ((await docker(env, 'logs', '--tail', '1', id)) === String(LINES)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const cliMs = await timeMs(() => dockerWith(env, { timeoutMs: 300_000 }, 'logs', id));

  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  try {
    serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(serve.url);
    await page.goto(`${serve.origin}/#/container?id=${id}`);
    await page.getByTestId('log-view').waitFor({ timeout: 20_000 });
    const select = page.getByRole('combobox', { name: 'How many lines' });
    const start = performance.now();
    await select.selectOption('all');
    await page.locator('[data-testid="log-line"]', { hasText: new RegExp(`^${LINES}$`) }).waitFor({ timeout: 300_000 });
    const berthMs = performance.now() - start;
    const lines = Number(await page.getByTestId('log-view').getAttribute('data-lines'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    // Still responsive: a search over every line answers.
    const searchMs = await timeMs(async () => {
      await page.getByRole('searchbox', { name: 'Search the logs' }).fill(String(LINES - 1));
      await page.getByTestId('log-matches').filter({ hasText: /of \d/ }).waitFor({ timeout: 60_000 });
    });
    printTable(`Logs (${lines.toLocaleString('en-US')} lines in the view; renderer heap ${(heap.usedSize / 1e6).toFixed(0)} MB)`, [
      { what: 'open all, until the last line shows', berthMs, reference: 'docker logs (CLI, all lines)', referenceMs: cliMs },
      { what: 'search every line for a term', berthMs: searchMs, reference: 'docker logs (CLI, all lines)', referenceMs: cliMs },
    ]);
  } finally {
    await browser?.close();
    await serve?.stop();
  }
});
