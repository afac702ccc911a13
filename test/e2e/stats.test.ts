// Resource monitoring in the real UI: live CPU and memory in the containers
// list, a container's charts drawing and moving, its limits and namespaces,
// memory with and without a limit of its own, and the host overview.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker } from '../env';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { formatBytes } from '../../renderer/src/lib/format';
import { canvasPicture } from '../support/canvas-picture';
import { launchChromium } from '../support/chromium';

const env = inject('testEnv');
const name = `e2e-stats-${process.pid}`;
/** No memory limit of its own; its memory grows by 512 KiB a second, in a tmpfs (charged to it), for two minutes. */
const unlimitedName = `e2e-stats-nolimit-${process.pid}`;
/** The colours of the memory chart's lines (container-stats-view.tsx). */
const USED = '#8b5cf6';
const LIMIT = '#ef4444';
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let id = '';
let unlimitedId = '';

beforeAll(async () => {
  id = await docker(env, 'run', '-d', '--name', name, '--label', 'berth.test=e2e', '--cpus', '0.5', '--memory', '64m', '--pids-limit', '20', env.images.base, 'sh', '-c', 'while :; do :; done');
  unlimitedId = await docker(env, 'run', '-d', '--name', unlimitedName, '--label', 'berth.test=e2e', env.images.base, 'sh', '-c', 'i=0; while [ $i -lt 120 ]; do head -c 512k /dev/zero >> /dev/shm/fill; i=$((i+1)); sleep 1; done; sleep 600');
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  for (const c of [id, unlimitedId]) if (c) await docker(env, 'rm', '-f', c).catch(() => '');
});

const rowOf = (containerName: string) => page.locator(`[data-testid="container-row"][data-name="${containerName}"]`);
const legend = (chart: string) => page.getByTestId(chart).locator('.u-series .u-label').allTextContents();
const points = async (testId: string) => Number(await page.getByTestId(testId).first().getAttribute('data-points'));

/** The canvas shows a line in colour, and its picture changes as the next samples arrive. */
async function expectDrawnAndMoving(canvas: Locator): Promise<void> {
  await expect.poll(async () => (await canvasPicture(canvas)).coloured, { timeout: 10_000 }).toBeGreaterThan(20);
  const first = await canvasPicture(canvas);
  await expect.poll(async () => (await canvasPicture(canvas)).digest, { timeout: 10_000 }).not.toBe(first.digest);
  expect((await canvasPicture(canvas)).coloured).toBeGreaterThan(20);
}

describe('resource monitoring', () => {
  it('shows live CPU and memory with sparklines in the containers list', async () => {
    await page.goto(`${serve.url}#/containers`);
    const row = page.locator(`[data-testid="container-row"][data-name="${name}"]`);
    const cpu = row.getByTestId('cpu-cell');
    await expect.poll(() => cpu.getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/CPU of .*: \d+(\.\d)?%/);
    const spark = row.getByTestId('cpu-sparkline');
    await expect.poll(async () => Number(await spark.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThan(2);
    const before = Number(await spark.getAttribute('data-points'));
    await expect.poll(async () => Number(await spark.getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(before);
    await expect.poll(() => row.getByTestId('memory-cell').getAttribute('aria-label'), { timeout: 10_000 }).toMatch(/Memory of .*: [\d.]+ (KiB|MiB) of 64\.0 MiB\./);
    await expectDrawnAndMoving(spark);
  });

  it('scales the memory sparkline to the limit, or to the use when the container has no limit of its own, and says so', async () => {
    const limited = rowOf(name);
    const unlimited = rowOf(unlimitedName);
    expect(await limited.getByTestId('memory-ceiling').textContent()).toBe('of 64.0 MiB');
    await expect.poll(() => unlimited.getByTestId('memory-ceiling').textContent(), { timeout: 20_000 }).toBe('no limit');
    expect(await unlimited.getByTestId('memory-cell').getAttribute('aria-label')).toMatch(/Memory of .*: [\d.]+ (KiB|MiB), no limit\./);
    // A few hundred KiB of 64 MiB: a line along the bottom.
    const limitedSpark = limited.getByTestId('memory-sparkline');
    await expect.poll(async () => (await canvasPicture(limitedSpark)).coloured, { timeout: 10_000 }).toBeGreaterThan(20);
    expect((await canvasPicture(limitedSpark)).reach).toBeLessThan(0.25);
    // Its growing use, not the host's memory, is the scale: the line climbs to the top, and moves.
    const unlimitedSpark = unlimited.getByTestId('memory-sparkline');
    await expect.poll(async () => (await canvasPicture(unlimitedSpark)).reach, { timeout: 30_000 }).toBeGreaterThan(0.75);
    await expectDrawnAndMoving(unlimitedSpark);
  });

  it('opens the container charts from the list; they draw and move', async () => {
    await rowOf(name).getByTestId('cpu-cell').click();
    await expect.poll(() => page.getByTestId('container-stats').getAttribute('data-id'), { timeout: 10_000 }).toBe(id);
    // Opened from the containers list: Containers stays lit, and the back link returns there.
    expect(await page.getByTestId('nav-containers').getAttribute('aria-current')).toBe('true');
    expect(await page.getByTestId('nav-resources').getAttribute('aria-current')).toBeNull();
    expect((await page.getByTestId('stats-back').textContent())?.trim()).toBe('Containers');
    for (const chart of ['chart-cpu', 'chart-memory', 'chart-network', 'chart-block', 'chart-pids']) {
      expect(await page.getByTestId(chart).locator('canvas').count(), chart).toBe(1);
    }
    await expect.poll(() => points('chart-cpu'), { timeout: 15_000 }).toBeGreaterThan(2);
    const before = await points('chart-cpu');
    await expect.poll(() => points('chart-cpu'), { timeout: 10_000 }).toBeGreaterThan(before);
    await expectDrawnAndMoving(page.getByTestId('chart-cpu').locator('canvas'));
    // Hovering shows the values under the cursor in the legend.
    const box = (await page.getByTestId('chart-cpu').locator('.u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width - 5, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('chart-cpu').locator('.u-series').nth(1).textContent()).toMatch(/CPU\s*\d+%/);
  });

  it('draws the memory limit of a container that has one, with its use low against it', async () => {
    await expect.poll(() => page.getByTestId('memory-now').textContent(), { timeout: 10_000 }).toMatch(/^[\d.]+ (KiB|MiB) of 64\.0 MiB$/);
    expect(await legend('chart-memory')).toEqual(expect.arrayContaining(['Used', 'Limit']));
    const canvas = page.getByTestId('chart-memory').locator('canvas');
    await expect.poll(async () => (await canvasPicture(canvas, LIMIT)).coloured, { timeout: 10_000 }).toBeGreaterThan(20);
    const [used, limit] = [await canvasPicture(canvas, USED), await canvasPicture(canvas, LIMIT)];
    expect(used.coloured).toBeGreaterThan(20);
    // A few hundred KiB under a 64 MiB line near the top.
    expect(limit.reach - used.reach).toBeGreaterThan(0.4);
  });

  it('pauses the charts', async () => {
    await page.getByTestId('stats-pause').click();
    const frozen = await page.getByTestId('chart-cpu').getAttribute('data-end');
    const more = await points('chart-cpu');
    // Samples keep arriving underneath while the charts hold still.
    const section = page.getByTestId('container-stats');
    await expect.poll(async () => Number(await section.getAttribute('data-latest')) / 1000, { timeout: 10_000 }).toBeGreaterThan(Number(frozen) + 1);
    expect(await page.getByTestId('chart-cpu').getAttribute('data-end')).toBe(frozen);
    expect(await points('chart-cpu')).toBe(more);
    await page.getByTestId('stats-pause').click();
    await expect.poll(() => page.getByTestId('chart-cpu').getAttribute('data-end'), { timeout: 10_000 }).not.toBe(frozen);
  });

  it('shows the cgroup limits and namespaces', async () => {
    await expect.poll(() => page.getByTestId('limit-memory').textContent(), { timeout: 10_000 }).toContain('64.0 MiB');
    expect(await page.getByTestId('limit-cpu').textContent()).toContain('0.5 CPU');
    expect(await page.getByTestId('limit-processes').textContent()).toContain('20');
    expect(await page.getByTestId('namespace-pid').getAttribute('data-shared')).toBe('private');
    expect(await page.getByTestId('namespace-net').getAttribute('data-shared')).toBe('private');
  });

  it('shows a container without a limit of its own against its use, and the host memory it may reach', async () => {
    const hostMemory = formatBytes(Number(await docker(env, 'info', '--format', '{{.MemTotal}}')), { binary: true });
    await page.goto(`${serve.url}#/containers`);
    await rowOf(unlimitedName).getByTestId('memory-cell').click();
    await expect.poll(() => page.getByTestId('container-stats').getAttribute('data-id'), { timeout: 10_000 }).toBe(unlimitedId);
    await expect.poll(() => page.getByTestId('memory-now').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^[\\d.]+ (KiB|MiB) · no limit, may use the host's ${hostMemory.replace('.', '\\.')}$`));
    expect(await legend('chart-memory')).toContain('Used');
    expect(await legend('chart-memory')).not.toContain('Limit');
    const canvas = page.getByTestId('chart-memory').locator('canvas');
    // No limit line at the host's memory; the use, scaled to itself, rises near the top.
    await expect.poll(async () => (await canvasPicture(canvas, USED)).reach, { timeout: 10_000 }).toBeGreaterThan(0.6);
    expect((await canvasPicture(canvas, LIMIT)).coloured).toBe(0);
  });

  it('pops up an alert when a container dies with a failure', async () => {
    const failing = await docker(env, 'run', '-d', '--label', 'berth.test=e2e', env.images.base, 'sh', '-c', 'sleep 2; exit 3');
    try {
      const toast = page.getByTestId('alert-toast').filter({ hasText: 'exit code 3' });
      await expect.poll(() => toast.count(), { timeout: 20_000 }).toBe(1);
      expect(await toast.getAttribute('data-kind')).toBe('died');
    } finally {
      await docker(env, 'rm', '-f', failing);
    }
  });

  it('shows the host overview with the container among the top by CPU', async () => {
    await page.goto(`${serve.origin}/#/resources`);
    await expect.poll(() => page.getByTestId('top-cpu').textContent(), { timeout: 15_000 }).toContain(name);
    expect(await page.getByTestId('chart-host-cpu').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('chart-host-memory').locator('canvas').count()).toBe(1);
  });

  it('opens a container from the top list under Resources, and goes back there', async () => {
    await page.getByTestId('top-cpu').getByRole('link', { name, exact: true }).click();
    await expect.poll(() => page.getByTestId('container-stats').getAttribute('data-id'), { timeout: 10_000 }).toBe(id);
    expect(await page.getByTestId('nav-resources').getAttribute('aria-current')).toBe('true');
    expect(await page.getByTestId('nav-containers').getAttribute('aria-current')).toBeNull();
    await page.getByTestId('stats-back').click();
    await expect.poll(() => page.getByTestId('nav-resources').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('resources').count()).toBe(1);
  });
});
