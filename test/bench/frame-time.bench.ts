// The renderer at 1 Hz with 200 running containers (berth serve in Chromium):
// frame times while the containers list redraws every row's CPU and memory
// sparklines, and while a container's five charts move; against a blank page's
// frames measured in the same run. Two figures per view:
// - the interval between frames (what the eye sees: 16.7 ms is every frame on time at 60 Hz);
// - the rendering work of a frame (from its requestAnimationFrame to the task
//   after it: style, layout, paint), the share of the 16 ms budget it takes.
// Frames longer than 50 ms (long-animation-frame) are counted, with their
// scripts' share and style/layout/paint's. The list is virtualized: it draws the
// rows on screen, so the figure depends on the screen, not on the 200.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject, it } from 'vitest';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';
import { manyContainers } from '../support/many-containers';
import { printTable, type Row } from './figures';

const env = inject('testEnv');
const COUNT = 200;
const SECONDS = Number(process.env.BERTH_BENCH_FRAME_SECONDS ?? 15);
const containers = manyContainers(env, 'berth.bench=frames', 'bench-frames');
let serve: ServeProcess;
let browser: Browser;

interface Frames {
  intervals: number[];
  work: number[];
  /** Frames over 50 ms: their length, the scripts' share (React, the stats store) and style + layout + paint's. */
  long: { duration: number; scripts: number; rendering: number }[];
}

interface LongAnimationFrame extends PerformanceEntry {
  renderStart: number;
  scripts: { duration: number }[];
}

/** Frame intervals and per-frame rendering work on the page for `seconds`. */
function recordFrames(page: Page, seconds: number): Promise<Frames> {
  return page.evaluate(async (ms) => {
    const frames: Frames = { intervals: [], work: [], long: [] };
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as LongAnimationFrame[]) {
        const scripts = entry.scripts.reduce((sum, script) => sum + script.duration, 0);
        frames.long.push({ duration: entry.duration, scripts, rendering: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0 });
      }
    });
    observer.observe({ type: 'long-animation-frame' });
    // A message posted in requestAnimationFrame is handled after that frame's style, layout and paint.
    const channel = new MessageChannel();
    let started = 0;
    channel.port1.onmessage = () => frames.work.push(performance.now() - started);
    await new Promise<void>((resolve) => {
      const end = performance.now() + ms;
      let last = 0;
      const frame = (t: number) => {
        if (last) frames.intervals.push(t - last);
        last = t;
        started = performance.now();
        channel.port2.postMessage(null);
        if (started < end) requestAnimationFrame(frame);
        else setTimeout(resolve, 50);
      };
      requestAnimationFrame(frame);
    });
    observer.disconnect();
    return frames;
  }, seconds * 1000);
}

const p95 = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
};

/** Polls the page until `check` holds there. */
async function until(page: Page, what: string, check: () => boolean, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(check, undefined, { timeout: timeoutMs, polling: 250 }).catch((error: unknown) => {
    throw new Error(`gave up waiting for ${what}: ${String(error)}`);
  });
}

beforeAll(async () => {
  await containers.run(COUNT);
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await containers.removeAll();
}, 300_000);

it(`frame times at 1 Hz with ${COUNT} running containers, ${SECONDS} s per view`, async () => {
  const blank = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await blank.goto('about:blank');
  const reference = await recordFrames(blank, SECONDS);
  await blank.close();

  const measured: [string, Frames][] = [];
  // The list draws the rows on screen (and a few more): a window's worth, and a large screen's.
  for (const viewport of [{ width: 1400, height: 1000 }, { width: 2560, height: 1440 }]) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${serve.url}#/containers`);
    await until(page, 'the sparklines on screen to fill', () => {
      const lines = [...document.querySelectorAll('[data-testid="cpu-sparkline"]')];
      return lines.length > 0 && lines.every((l) => Number(l.getAttribute('data-points')) >= 3);
    });
    const rows = await page.evaluate(() => document.querySelectorAll('[data-testid="container-row"]').length);
    measured.push([`list ${viewport.width}×${viewport.height}, ${rows} of ${COUNT} rows (${2 * rows} sparklines)`, await recordFrames(page, SECONDS)]);
    await page.close();
  }

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${serve.url}#/containers`);
  await until(page, 'the first row', () => document.querySelector('[data-testid="container-row"]') !== null);
  const id = await page.locator('[data-testid="container-row"]').first().getAttribute('data-id');
  await page.goto(`${serve.url}#/stats?id=${id}`);
  await until(page, 'the charts to draw', () => Number(document.querySelector('[data-testid="chart-cpu"]')?.getAttribute('data-points')) >= 3);
  measured.push(["a container's stats view, 5 charts", await recordFrames(page, SECONDS)]);
  await page.close();

  const rows: Row[] = measured.flatMap(([view, f]) => [
    { what: `${view}: frame interval p95`, berthMs: p95(f.intervals), reference: 'blank page: frame interval p95', referenceMs: p95(reference.intervals) },
    { what: `${view}: rendering work p95`, berthMs: p95(f.work), reference: 'blank page: rendering work p95', referenceMs: p95(reference.work) },
  ]);
  printTable(`Frames in Chromium, ${SECONDS} s per view, stats at 1 Hz (goal: rendering work p95 under 16 ms, intervals as the blank page's)`, rows);
  const total = (f: Frames, part: 'duration' | 'scripts' | 'rendering') => f.long.reduce((sum, frame) => sum + frame[part], 0).toFixed(0);
  const long = [['blank page', reference] as const, ...measured].map(
    ([view, f]) => `  ${view}: ${f.long.length}, longest ${Math.max(0, ...f.long.map((l) => l.duration)).toFixed(0)} ms; in all ${total(f, 'duration')} ms, of which scripts ${total(f, 'scripts')} ms, style/layout/paint ${total(f, 'rendering')} ms`,
  );
  process.stdout.write(`Frames over 50 ms (long-animation-frame):\n${long.join('\n')}\nMachine load (1-min average, ${os.cpus().length} CPUs): ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}\n`);
});
