// The real UI in Chromium, served by the real `berth serve` against the
// private engine: the lists show what the engine has and follow it live.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker } from '../env';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';

const env = inject('testEnv');
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const made: string[] = [];

beforeAll(async () => {
  made.push(await docker(env, 'create', '--name', 'e2e-sleeper', '--label', 'berth.test=e2e', env.images.base, 'sleep', '600'));
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (made.length) await docker(env, 'rm', '-f', ...made).catch(() => '');
});

const row = (name: string) => page.locator(`[data-testid="container-row"][data-name="${name}"]`);

describe('the UI served headless', () => {
  it('opens from the printed URL and shows the containers the engine has', async () => {
    await page.goto(serve.url);
    // The token left the address bar once it became a cookie.
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => row('e2e-sleeper').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row('e2e-sleeper').getAttribute('data-state')).toBe('created');
  });

  it('shows a container created with the docker CLI without a reload, and follows its state', async () => {
    await page.goto(`${serve.origin}/#/containers`);
    await expect.poll(() => row('e2e-sleeper').count(), { timeout: 15_000 }).toBe(1);
    const reloads: string[] = [];
    page.on('framenavigated', (frame) => reloads.push(frame.url()));

    const id = await docker(env, 'run', '-d', '--name', 'e2e-live', env.images.base, 'sleep', '600');
    made.push(id);
    await expect.poll(() => row('e2e-live').getAttribute('data-state'), { timeout: 5_000 }).toBe('running');
    // "Up 5 seconds" moves on with the clock, with no event from the engine.
    const status = row('e2e-live').locator('[data-column="status"]');
    const first = await status.textContent();
    expect(first).toMatch(/^Up /);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).not.toBe(first);

    await docker(env, 'stop', '-t', '0', 'e2e-live');
    await expect.poll(() => row('e2e-live').getAttribute('data-state'), { timeout: 5_000 }).toBe('exited');

    await docker(env, 'rm', 'e2e-live');
    await expect.poll(() => row('e2e-live').count(), { timeout: 5_000 }).toBe(0);
    expect(reloads).toEqual([]);
  });

  it('lists the images with their tags', async () => {
    await page.goto(`${serve.origin}/#/images`);
    const image = (ref: string) => page.locator(`[data-testid="image-row"][data-tags~="${ref}"]`);
    await expect.poll(() => image(env.images.layered).count(), { timeout: 15_000 }).toBe(1);
    expect(await image(env.images.base).count()).toBe(1);
    // The base image is used by the test's container.
    expect(await image(env.images.base).locator('[data-column="containers"]').textContent()).toMatch(/[1-9]/);
  });

  it('shows the engine panel with the engine the CLI talks to', async () => {
    await page.goto(`${serve.origin}/#/engine`);
    const version = await docker(env, 'version', '--format', '{{.Server.Version}}');
    await expect.poll(() => page.getByTestId('engine-version').textContent(), { timeout: 15_000 }).toContain(version);
    expect(await page.getByTestId('engine-endpoint').textContent()).toBe(env.dockerHost);
  });

  it('refuses a visit without the token', async () => {
    const stranger = await browser.newPage();
    const response = await stranger.goto(`${serve.origin}/`);
    expect(response?.status()).toBe(401);
    expect(await stranger.textContent('body')).toContain('needs its token');
    await stranger.close();
  });
});
