// The layer explorer in Chromium, served by `berth serve` against the private
// engine, on the layered fixture (4 layers; the last deletes /data/remove,
// rewrites /data/keep/a.txt and re-creates /opt/opaque).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker } from '../env';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';

const env = inject('testEnv');
const cacheDir = mkdtempSync(join(tmpdir(), 'berth-e2e-layers-'));
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let container = '';

beforeAll(async () => {
  container = await docker(env, 'run', '-d', '--label', 'berth.test=e2e', env.images.layered, 'sleep', '600');
  await docker(env, 'exec', container, 'sh', '-c', 'echo scratch > /tmp/scratch.txt');
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost, BERTH_CACHE_DIR: cacheDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (container) await docker(env, 'rm', '-f', container).catch(() => '');
  rmSync(cacheDir, { recursive: true, force: true });
});

const treeRow = (path: string) => page.locator(`[data-testid="tree-row"][data-path="${path}"]`);

describe('the layer explorer', () => {
  it('shows the build steps with empty ones marked, the start-up command and the wasted space', async () => {
    await page.goto(serve.url);
    await page.goto(`${serve.origin}/#/layers?image=${encodeURIComponent(env.images.layered)}`);
    await expect.poll(() => page.locator('[data-testid="layer-row"][data-empty="false"]').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('[data-testid="layer-row"][data-empty="true"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('layers-startup').textContent()).toBe('httpd -f -p 8080 -h /app');
    expect(await page.locator('[data-testid="inefficiency"]', { hasText: '/data/keep/a.txt' }).count()).toBe(1);
  });

  it('shows what the selected layer changed, and the filesystem up to a layer', async () => {
    // The last layer is selected first: its removals are listed as removed.
    await expect.poll(() => treeRow('/data/remove/big.bin').getAttribute('data-change'), { timeout: 10_000 }).toBe('removed');
    expect(await treeRow('/data/keep/a.txt').getAttribute('data-change')).toBe('modified');
    await page.getByRole('button', { name: 'Filesystem up to it' }).click();
    await expect.poll(() => treeRow('/bin/busybox').count()).toBe(1);
    expect(await treeRow('/data/remove').count()).toBe(0);
    // Only what was added, under a path filter.
    await page.getByRole('button', { name: 'modified', exact: true }).click();
    await expect.poll(() => treeRow('/bin/busybox').count()).toBe(0);
    expect(await treeRow('/data/keep/a.txt').count()).toBe(1);
    // Collapsing hides what is inside the directories.
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect.poll(() => treeRow('/data/keep/a.txt').count()).toBe(0);
    await page.getByRole('button', { name: 'Expand data' }).click();
    await expect.poll(() => treeRow('/data/keep').count()).toBe(1);
  });

  it('shows the container\'s writable layer and the layer the fixtures share', async () => {
    await expect.poll(() => page.locator('[data-testid="writable-row"][data-change="added"]', { hasText: 'scratch.txt' }).count(), { timeout: 10_000 }).toBe(1);
    await page.goto(`${serve.origin}/#/layers`);
    // Other tests may tag the base image again (e.g. for the registry), so match any of its tags.
    await expect.poll(() => page.locator(`[data-testid="shared-layer"][data-tags~="${env.images.base}"]`).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });
});
