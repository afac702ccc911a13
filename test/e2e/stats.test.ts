// Resource monitoring in the real UI: live CPU and memory in the containers
// list, a container's charts drawing and moving, its limits and namespaces,
// and the host overview.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker } from '../env';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { canvasPicture } from '../support/canvas-picture';
import { launchChromium } from '../support/chromium';

const env = inject('testEnv');
const name = `e2e-stats-${process.pid}`;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let id = '';

beforeAll(async () => {
  id = await docker(env, 'run', '-d', '--name', name, '--label', 'berth.test=e2e', '--cpus', '0.5', '--memory', '64m', '--pids-limit', '20', env.images.base, 'sh', '-c', 'while :; do :; done');
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (id) await docker(env, 'rm', '-f', id).catch(() => '');
});

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
    expect(await row.getByTestId('memory-cell').getAttribute('aria-label')).toMatch(/Memory of .*: [\d.]+ (KiB|MiB)/);
    await expectDrawnAndMoving(spark);
  });

  it('opens the container charts from the list; they draw and move', async () => {
    await page.locator(`[data-testid="container-row"][data-name="${name}"]`).getByTestId('cpu-cell').click();
    await expect.poll(() => page.getByTestId('container-stats').getAttribute('data-id'), { timeout: 10_000 }).toBe(id);
    // A container's resources sit under Resources in the sidebar, not under Containers where the click came from.
    expect(await page.getByTestId('nav-resources').getAttribute('aria-current')).toBe('true');
    expect(await page.getByTestId('nav-containers').getAttribute('aria-current')).toBeNull();
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
});
