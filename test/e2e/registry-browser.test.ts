// The registry browser in Chromium against the private test registry: add it
// by its address, find a repository this test pushed (other tests push too, so
// nothing assumes the whole catalog), open a tag and read its layers and size
// without pulling, open its layers in the layer explorer (still not pulled),
// pull it to the engine and watch the progress reach done, delete a tag after
// confirming; push a local image from the images list;
// log in to the token registry.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, dockerWith } from '../env';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';

const env = inject('testEnv');
const TAG = `${process.pid}-${Date.now().toString(36)}`;
const REPO = `berth-e2e/browse-${TAG}`;
const PUSHED = `berth-e2e/pushed-${TAG}`;
const SHOTS = process.env.BERTH_SCREENSHOTS;
let image: string;
let home: string;
let serve: ServeProcess;
let browser: Browser;
let page: Page;

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `registry-${name}.png`) });
}

beforeAll(async () => {
  // The layered fixture (4 layers, env, labels, a port) under a name only this run uses, in two tags.
  image = `${env.registry}/${REPO}`;
  await docker(env, 'tag', env.images.layered, `${image}:1`);
  await docker(env, 'tag', env.images.layered, `${image}:2`);
  await dockerWith(env, { timeoutMs: 120_000 }, 'push', `${image}:1`);
  await dockerWith(env, { timeoutMs: 120_000 }, 'push', `${image}:2`);
  await docker(env, 'rmi', `${image}:1`, `${image}:2`);
  home = await mkdtemp(join(tmpdir(), 'berth-e2e-registry-'));
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), DOCKER_CONFIG: join(home, 'docker') }, ['--port', '0', '--data-dir', join(home, 'data')]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(serve.url);
  await page.getByTestId('engine-status').and(page.locator('[data-state="online"]')).waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await docker(env, 'rmi', '-f', `${image}:1`, `${env.registry}/${PUSHED}:v1`).catch(() => '');
  if (home) await rm(home, { recursive: true, force: true });
});

describe('registry browser', () => {
  it('adds the test registry by its address (plain http is fine for 127.0.0.1)', async () => {
    await page.getByTestId('add-registry').click();
    const dialog = page.getByTestId('add-registry-dialog');
    await dialog.getByTestId('registry-address').fill(env.registry);
    // Loopback over http needs no insecure mark and gets no warning.
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await shot('add');
    await dialog.getByTestId('add-registry-submit').click();
    await page.getByTestId('registry-browser').waitFor();
    expect(await page.getByRole('link', { name: env.registry }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('registry-login-state').textContent()).toBe('Anonymous');
  });

  it('finds the repository this test pushed and lists its tags', async () => {
    await page.getByRole('searchbox', { name: 'Search repositories' }).fill(`browse-${TAG}`);
    const row = page.locator(`[data-testid="repository-row"][data-name="${REPO}"]`);
    await row.click();
    const tags = page.getByTestId('tag-row');
    await expect.poll(() => tags.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))).toEqual(['1', '2']);
  });

  it("opens a tag: its digest, layers with their compressed sizes and total, and its config, without pulling", async () => {
    await page.locator('[data-testid="tag-row"][data-name="1"]').click();
    const details = page.getByTestId('tag-details');
    await details.waitFor();
    const pushedDigest = (await docker(env, 'image', 'inspect', '--format', '{{index .RepoDigests 0}}', env.images.layered).catch(() => '')).trim();
    expect(await details.getByTestId('tag-reference').getAttribute('title')).toBe(`${image}:1`);
    expect(await details.getByTestId('tag-digest').textContent()).toMatch(/^sha256:[0-9a-f]{64}$/);
    if (pushedDigest.includes('@')) expect(pushedDigest.endsWith(await details.getByTestId('tag-digest').textContent() ?? '-')).toBe(true);
    expect(await details.getByTestId('tag-media-type').textContent()).toMatch(/manifest/);
    // The layered fixture has four layers; each has a size and the total is shown.
    expect(await details.getByTestId('tag-layer').count()).toBe(4);
    expect(await details.getByTestId('tag-total-size').textContent()).toMatch(/^[\d.]+ (kB|MB)$/);
    expect(await details.getByTestId('tag-env').textContent()).toContain('GREETING=hello');
    expect(await details.getByTestId('tag-ports').textContent()).toContain('8080/tcp');
    expect(await details.getByTestId('tag-labels').textContent()).toContain('Berth layered fixture');
    expect(await details.getByTestId('tag-history').locator('li').count()).toBeGreaterThanOrEqual(4);
    // Nothing was pulled to read all this.
    await expect(docker(env, 'image', 'inspect', `${image}:1`)).rejects.toThrow();
    await shot('tag');
  });

  it('opens the layer explorer on the registry image without pulling it', async () => {
    await page.getByTestId('open-layers').click();
    await expect.poll(() => page.getByTestId('layers-image-name').textContent(), { timeout: 60_000 }).toContain(REPO);
    expect(await page.getByTestId('layer-row').and(page.locator('[data-empty="false"]')).count()).toBe(4);
    await shot('layers');
    await expect(docker(env, 'image', 'inspect', `${image}:1`)).rejects.toThrow();
    await page.goBack();
    await page.getByTestId('tag-details').waitFor();
  });

  it('pulls the tag to the engine and the progress reaches done', async () => {
    await page.getByTestId('pull-tag').click();
    const item = page.locator(`[data-testid="pull-item"][data-reference="${image}:1"]`);
    await expect.poll(() => item.getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    expect(await item.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe('100');
    expect(await docker(env, 'image', 'inspect', '--format', '{{.Id}}', `${image}:1`)).toMatch(/^sha256:/);
    await page.getByTestId('pull-dialog').getByRole('button', { name: 'Close' }).click();
  });

  it('deletes a tag after confirming, and says the space returns after garbage collection', async () => {
    // Both tags point at the same manifest: deleting one deletes it, and both go.
    await page.getByTestId('delete-tag').click();
    const confirm = page.getByTestId('confirm-dialog');
    expect(await confirm.textContent()).toContain('Every other tag pointing at the same manifest goes too');
    await shot('delete');
    await confirm.getByTestId('confirm-button').click();
    const report = confirm.getByTestId('confirm-report');
    await expect.poll(() => report.textContent()).toMatch(/Deleted the manifest sha256:[0-9a-f]{64}/);
    expect(await report.textContent()).toContain(REPO);
    expect(await report.textContent()).toMatch(/garbage collection/);
    await confirm.getByRole('button', { name: 'Done' }).click();
    const listed = await fetch(`http://${env.registry}/v2/${REPO}/tags/list`).then((r) => r.json() as Promise<{ tags: string[] | null }>);
    expect(listed.tags ?? []).toEqual([]);
    await expect.poll(() => page.getByTestId('tag-row').count()).toBe(0);
  });
});

describe('pushing a local image', () => {
  it('pushes from the images list to the saved test registry, shows layers and the digest, and the registry lists the tag', async () => {
    await page.goto(`${serve.origin}/#/images`);
    await page.locator(`[data-testid="image-row"][data-tags~="${env.images.layered}"]`).getByTestId('image-push').click();
    const dialog = page.getByTestId('push-dialog');
    await dialog.getByTestId('push-registry').selectOption({ label: env.registry });
    await dialog.getByTestId('push-repository').fill(PUSHED);
    await dialog.getByTestId('push-tag').fill('v1');
    expect(await dialog.getByTestId('push-target').textContent()).toContain(`${env.registry}/${PUSHED}:v1`);
    await dialog.getByTestId('push-submit').click();
    const progress = dialog.getByTestId('push-progress');
    await expect.poll(() => progress.getAttribute('data-phase'), { timeout: 60_000 }).toMatch(/done|failed/);
    expect(await progress.getAttribute('data-phase'), (await dialog.getByTestId('push-error').textContent().catch(() => '')) ?? '').toBe('done');
    const digest = await dialog.getByTestId('push-digest').textContent();
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    await shot('push');
    const listed = await fetch(`http://${env.registry}/v2/${PUSHED}/tags/list`).then((r) => r.json() as Promise<{ tags: string[] | null }>);
    expect(listed.tags).toEqual(['v1']);
    const head = await fetch(`http://${env.registry}/v2/${PUSHED}/manifests/v1`, { method: 'HEAD', headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' } });
    expect(head.headers.get('docker-content-digest')).toBe(digest);
    // The tag the dialog said it would leave on the engine is there.
    expect(await docker(env, 'image', 'inspect', '--format', '{{.Id}}', `${env.registry}/${PUSHED}:v1`)).toMatch(/^sha256:/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('logging in to a registry', () => {
  it('checks the password with the registry, keeps none in the page, says where the login is kept, and logs out', async () => {
    const auth = env.registryAuth.token;
    await page.getByTestId('add-registry').click();
    const add = page.getByTestId('add-registry-dialog');
    await add.getByTestId('registry-address').fill(auth.address);
    await add.getByLabel('Name in the sidebar (optional)').fill('Token registry');
    await add.getByTestId('add-registry-submit').click();
    await expect.poll(() => page.getByTestId('registry-browser').getAttribute('data-registry')).toBe('token-registry');
    // Anonymous: the catalog asks for a login, and the page says so.
    await expect.poll(() => page.getByTestId('repositories-error').textContent()).toMatch(/Log in to/);

    await page.getByTestId('login').click();
    const dialog = page.getByTestId('login-dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/Kept in memory only, until Berth stops/);
    await dialog.getByTestId('login-username').fill(auth.username);
    await dialog.getByTestId('login-password').fill('not-the-password');
    await dialog.getByTestId('login-submit').click();
    await expect.poll(() => dialog.getByTestId('login-error').textContent()).toMatch(/refused the login of/);
    // The wrong password is gone from the form as soon as it was sent.
    expect(await dialog.getByTestId('login-password').inputValue()).toBe('');
    await shot('login');

    await dialog.getByTestId('login-password').fill(auth.password);
    await dialog.getByTestId('login-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('registry-login-state').textContent()).toBe(`Logged in as ${auth.username} (kept in memory until Berth stops)`);
    await expect.poll(() => page.getByTestId('repositories-error').count()).toBe(0);
    // The password is nowhere in the page.
    expect(await page.content()).not.toContain(auth.password);

    await page.getByTestId('logout').click();
    await expect.poll(() => page.getByTestId('registry-message').textContent()).toBe('Logged out: forgot the login kept in memory until Berth stops.');
    await expect.poll(() => page.getByTestId('registry-login-state').textContent()).toBe('Anonymous');
  });
});
