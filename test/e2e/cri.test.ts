// The Kubernetes CRI page in the real UI (berth serve + Chromium) against the
// test environment's private containerd with its CRI plugin: the pod sandbox
// made through the CRI shows with its container, its stats and the images; a
// socket with nothing behind it says so.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';
import { runPod, type TestPod } from '../integration/cri/pods';

const env = inject('testEnv');
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let pod: TestPod;
let appId: string;

beforeAll(async () => {
  pod = await runPod(env.cri, env.dir, `e2e-${process.pid}`, { app: 'shop' });
  appId = await pod.run('cart', 'head -c 2000000 /dev/zero > /cart.bin; sleep 600');
  // Only the typed socket reaches a CRI runtime: the page must not find the machine's.
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost, CONTAINER_RUNTIME_ENDPOINT: `unix://${join(env.dir, 'no-runtime.sock')}` });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await pod?.remove();
});

describe('the Kubernetes CRI page', () => {
  it('says when there is no CRI runtime, then shows the pod sandbox and its container once given the socket', async () => {
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Kubernetes CRI' }).click();
    const error = page.getByTestId('cri-error');
    await expect.poll(() => error.getByRole('alert').textContent(), { timeout: 15_000 }).toContain(`No CRI runtime on this computer: no socket at ${join(env.dir, 'no-runtime.sock')}`);
    expect(await error.textContent()).toContain('CRI plugin enabled');

    await page.getByLabel('CRI socket').fill(env.cri.socket);
    await page.getByRole('button', { name: 'Read' }).click();
    const sandbox = page.getByRole('region', { name: `Pod berth-tests/${pod.name}` });
    await expect.poll(() => sandbox.count(), { timeout: 15_000 }).toBe(1);
    expect(await sandbox.getByTestId('cri-state').first().getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('cri-endpoint').textContent()).toBe(`unix://${env.cri.socket}`);

    const container = sandbox.locator(`[data-testid="cri-container"][data-id="${appId}"]`);
    expect(await container.getByRole('rowheader').textContent()).toContain('cart');
    expect(await container.getByTestId('cri-state').getAttribute('data-state')).toBe('running');
    // The 2 MB it wrote, once containerd has sampled it.
    await expect.poll(() => container.getByTestId('cri-writable').textContent(), { timeout: 15_000 }).toMatch(/^2\.\d\d MB$/);

    const images = page.getByRole('table', { name: 'CRI images' });
    expect(await images.getByRole('rowheader', { name: env.cri.image }).count()).toBe(1);
    expect(page.url()).toContain(`socket=${encodeURIComponent(env.cri.socket)}`);
  });
});
