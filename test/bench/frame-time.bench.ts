// The renderer at 1 Hz with 200 running containers (berth serve in Chromium):
// frame times while the containers list redraws every row's CPU and memory
// sparklines, and while a container's five charts move; against a blank page's
// frames of the same size, measured in turns of a few seconds with the view's so
// that both see the same load (the machine is shared). Two figures per view:
// - the interval between frames (what the eye sees: 16.7 ms is every frame on time at 60 Hz);
// - the rendering work of a frame (from its requestAnimationFrame to the task
//   after it: style, layout, paint), the share of the 16 ms budget it takes.
// Frames longer than 50 ms (long-animation-frame) are counted, with their
// scripts' share and style/layout/paint's. The list is virtualized: it draws the
// rows on screen, so the figure depends on the screen, not on the 200.
// Then a short Chromium performance trace of more such frames says where the
// time went: CPU time per thread, and the main thread's by event.
// BERTH_BENCH_FRAME_TRACE_DIR=<dir> also keeps the traces (open them in DevTools' Performance panel).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject, it } from 'vitest';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { SPARK_POINTS } from '../../renderer/src/state/stats';
import { launchChromium } from '../support/chromium';
import { manyContainers } from '../support/many-containers';
import { loadAverage, printTable, type Row } from './figures';
import { formatBreakdown, traceBreakdown } from './trace-breakdown';

const env = inject('testEnv');
const COUNT = 200;
const SECONDS = Number(process.env.BERTH_BENCH_FRAME_SECONDS ?? 15);
const TURN_SECONDS = Math.min(3, SECONDS);
const TRACE_SECONDS = Math.min(5, SECONDS);
const TRACE_DIR = process.env.BERTH_BENCH_FRAME_TRACE_DIR;
const containers = manyContainers(env, 'berth.bench=frames', 'bench-frames');
let serve: ServeProcess;
let browser: Browser;

interface Frames {
  intervals: number[];
  work: number[];
  /** Frames over 50 ms: their length, the scripts' share (React, the stats store) and style + layout + paint's. */
  long: { duration: number; scripts: number; rendering: number }[];
  /** Script milliseconds in those frames by what ran them ("MessagePort.onmessage", "FrameRequestCallback"…). */
  invokers: Record<string, number>;
}

interface LongAnimationFrame extends PerformanceEntry {
  renderStart: number;
  scripts: { duration: number; invoker: string }[];
}

interface Measured {
  view: string;
  frames: Frames;
  /** A blank page's, of the same size, measured in turns with the view's. */
  blank: Frames;
  trace: string;
  blankTrace: string;
}

/** Frame intervals and per-frame rendering work on the page for `seconds`. */
function recordFrames(page: Page, seconds: number): Promise<Frames> {
  return page.evaluate(async (ms) => {
    const frames: Frames = { intervals: [], work: [], long: [], invokers: {} };
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as LongAnimationFrame[]) {
        const scripts = entry.scripts.reduce((sum, script) => sum + script.duration, 0);
        for (const script of entry.scripts) frames.invokers[script.invoker] = (frames.invokers[script.invoker] ?? 0) + script.duration;
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

/** Where the page's time goes over TRACE_SECONDS of frames: a summary, and the trace kept when asked. */
async function traceSummary(page: Page, view: string): Promise<string> {
  await page.bringToFront();
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'] });
  await recordFrames(page, TRACE_SECONDS);
  const trace = await browser.stopTracing();
  if (TRACE_DIR) {
    mkdirSync(TRACE_DIR, { recursive: true });
    writeFileSync(path.join(TRACE_DIR, `${view.replace(/[^\w×]+/g, '-')}.json`), trace);
  }
  return formatBreakdown(traceBreakdown(JSON.parse(trace.toString('utf8'))));
}

const joined = (a: Frames, b: Frames): Frames => ({
  intervals: [...a.intervals, ...b.intervals],
  work: [...a.work, ...b.work],
  long: [...a.long, ...b.long],
  invokers: Object.fromEntries([...new Set([...Object.keys(a.invokers), ...Object.keys(b.invokers)])].map((k) => [k, (a.invokers[k] ?? 0) + (b.invokers[k] ?? 0)])),
});

/** The page's frames for SECONDS and a blank page's of the same size, in turns; then a trace of each. */
async function measureBesideBlank(page: Page, view: string): Promise<Measured> {
  const blankPage = await browser.newPage({ viewport: page.viewportSize()! });
  await blankPage.goto('about:blank');
  let frames: Frames = { intervals: [], work: [], long: [], invokers: {} };
  let blank = frames;
  for (let left = SECONDS; left > 0; left -= TURN_SECONDS) {
    const turn = Math.min(TURN_SECONDS, left);
    await blankPage.bringToFront();
    blank = joined(blank, await recordFrames(blankPage, turn));
    await page.bringToFront();
    frames = joined(frames, await recordFrames(page, turn));
  }
  const trace = await traceSummary(page, view);
  const blankTrace = await traceSummary(blankPage, `blank ${view}`);
  await blankPage.close();
  return { view, frames, blank, trace, blankTrace };
}

const topInvokers = (f: Frames) =>
  Object.entries(f.invokers)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([invoker, ms]) => `${invoker} ${ms.toFixed(0)} ms`)
    .join(', ') || 'none';

/** Polls the page until `check(arg)` holds there. */
async function until(page: Page, what: string, check: (arg: number) => boolean, arg = 0, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(check, arg, { timeout: timeoutMs, polling: 250 }).catch((error: unknown) => {
    throw new Error(`gave up waiting for ${what}: ${String(error)}`);
  });
}

/** Every sparkline on screen has at least `points` points. */
const sparklinesHave = (points: number) => {
  const lines = [...document.querySelectorAll('[data-testid="cpu-sparkline"]')];
  return lines.length > 0 && lines.every((l) => Number(l.getAttribute('data-points')) >= points);
};

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
  const measured: Measured[] = [];
  // The list draws the rows on screen (and a few more): a window's worth, and a large screen's.
  for (const viewport of [{ width: 1400, height: 1000 }, { width: 2560, height: 1440 }]) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${serve.url}#/containers`);
    await until(page, 'the sparklines on screen to start', sparklinesHave, 3);
    const rows = await page.evaluate(() => document.querySelectorAll('[data-testid="container-row"]').length);
    const list = `list ${viewport.width}×${viewport.height}, ${rows} of ${COUNT} rows (${2 * rows} sparklines)`;
    measured.push(await measureBesideBlank(page, list));
    if (viewport.width === 2560) {
      // After a minute every line is full and moves by one point a tick; the
      // idle containers' lines stay flat.
      await until(page, 'a minute of samples in every sparkline', sparklinesHave, SPARK_POINTS, 180_000);
      measured.push(await measureBesideBlank(page, `${list}, lines full`));
    }
    await page.close();
  }

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${serve.url}#/containers`);
  await until(page, 'the first row', () => document.querySelector('[data-testid="container-row"]') !== null);
  const id = await page.locator('[data-testid="container-row"]').first().getAttribute('data-id');
  await page.goto(`${serve.url}#/stats?id=${id}`);
  await until(page, 'the charts to draw', () => Number(document.querySelector('[data-testid="chart-cpu"]')?.getAttribute('data-points')) >= 3);
  measured.push(await measureBesideBlank(page, "a container's stats view, 5 charts, 1400×1000"));
  await page.close();

  const rows: Row[] = measured.flatMap(({ view, frames, blank }) => [
    { what: `${view}: frame interval p95`, berthMs: p95(frames.intervals), reference: 'blank page, same size: interval p95', referenceMs: p95(blank.intervals) },
    { what: `${view}: rendering work p95`, berthMs: p95(frames.work), reference: 'blank page, same size: work p95', referenceMs: p95(blank.work) },
  ]);
  printTable(`Frames in Chromium, ${SECONDS} s per view and as long on a blank page in turns of ${TURN_SECONDS} s, stats at 1 Hz (goal: rendering work p95 under 16 ms, intervals as the blank page's)`, rows);
  const longFrames = (f: Frames) => {
    const total = (part: 'duration' | 'scripts' | 'rendering') => f.long.reduce((sum, frame) => sum + frame[part], 0).toFixed(0);
    return `${f.long.length}, longest ${Math.max(0, ...f.long.map((l) => l.duration)).toFixed(0)} ms; in all ${total('duration')} ms, of which scripts ${total('scripts')} ms, style/layout/paint ${total('rendering')} ms`;
  };
  const lines = measured.flatMap(({ view, frames, blank, trace, blankTrace }) => [
    `  ${view}`,
    `    frames over 50 ms (long-animation-frame): ${longFrames(frames)}; the blank page's: ${longFrames(blank)}`,
    `    scripts in those frames, by what ran them: ${topInvokers(frames)}`,
    `    Chromium trace over ${TRACE_SECONDS} s of frames, CPU time:`,
    trace,
    `    the blank page's trace:`,
    blankTrace,
  ]);
  process.stdout.write(`${lines.join('\n')}\nMachine load (1-min average, ${os.cpus().length} CPUs): ${loadAverage()}\n`);
});
