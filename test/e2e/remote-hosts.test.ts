// A user adds an SSH host in the real UI (berth serve + Chromium): the host
// asks about its unknown key with the fingerprint, connects once trusted, and
// choosing it shows that host's engine (here the private Podman, reached
// through the test sshd). HOME and the data folder are the test's own.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';
import { podman } from '../env';

const env = inject('testEnv');
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'berth-e2e-home-'));
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), SSH_AUTH_SOCK: '' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('remote hosts in the UI', () => {
  it('adds a host, trusts its key after seeing the fingerprint, and shows its engine', async () => {
    await page.goto(`${serve.url}`);
    await page.getByRole('button', { name: 'Add a host' }).click();
    const dialog = page.getByTestId('add-host-dialog');
    await dialog.getByLabel('Name').fill('Podman box');
    await dialog.getByLabel('Address').fill(`root@127.0.0.1:${env.ssh.port}`);
    await dialog.getByRole('button', { name: /Key file/ }).click();
    await dialog.getByLabel(/Key file \(empty/).fill(env.ssh.privateKeyPath);
    await dialog.getByLabel(/Engine socket/).fill(env.podmanSocket);
    await dialog.getByRole('button', { name: 'Add host' }).click();

    const row = page.getByTestId('host-podman-box');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('needs-host-key');
    const fingerprint = await row.getByTestId('host-key-fingerprint').textContent();
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    await row.getByRole('button', { name: 'Trust and connect' }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    expect(await readFile(join(home, '.ssh', 'known_hosts'), 'utf8')).toBe(`[127.0.0.1]:${env.ssh.port} ${env.ssh.hostPublicKey}\n`);

    // The host was chosen when added: the views show Podman's images.
    await page.goto(`${serve.origin}/#/images`);
    const image = page.locator(`[data-testid="image-row"][data-tags~="localhost/${env.images.layered}"]`);
    await expect.poll(() => image.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('engine-status').getAttribute('aria-label')).toContain(`ssh://root@127.0.0.1:${env.ssh.port}${env.podmanSocket}`);

    const saved = JSON.parse(await readFile(join(home, 'config', 'berth', 'hosts.json'), 'utf8')) as { hosts: { id: string; socket: string }[] };
    expect(saved.hosts).toEqual([expect.objectContaining({ id: 'podman-box', socket: env.podmanSocket })]);
  });

  it('removes the host only after confirming, says what went, and leaves its engine alone', async () => {
    const row = page.getByTestId('host-podman-box');
    await row.getByRole('button', { name: 'Remove Podman box' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    expect(await confirm.getByRole('list', { name: 'What goes' }).textContent()).toContain(`ssh://root@127.0.0.1:${env.ssh.port}`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.count()).toBe(1);

    await row.getByRole('button', { name: 'Remove Podman box' }).click();
    await confirm.getByTestId('confirm-button').click();
    await expect.poll(() => confirm.getByTestId('confirm-report').textContent()).toContain('Removed Podman box from Berth');
    await confirm.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => row.count()).toBe(0);
    // With its host gone, the views come back to this computer.
    await expect.poll(() => page.getByTestId('host-local').getByRole('button', { pressed: true }).count()).toBe(1);
    const saved = JSON.parse(await readFile(join(home, 'config', 'berth', 'hosts.json'), 'utf8')) as { hosts: unknown[] };
    expect(saved.hosts).toEqual([]);
    expect(await podman(env, 'image', 'exists', `localhost/${env.images.layered}`)).toBe('');
  });
});
