// Engines and pods in the real UI (Chromium, `berth serve`): a machine with
// both the private Docker Engine and Podman shows both; Docker says why it
// has no pods; picking Podman switches every view to it, where a pod is
// created, shows its infra container and a container added in a terminal,
// and is removed after a question, with a report of what went.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, podman } from '../env';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';

const env = inject('testEnv');
const label = `berth.test=e2e-pods-${process.pid}`;
const podName = `e2e-pod-${process.pid}`;
let serve: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost, CONTAINER_HOST: `unix://${env.podmanSocket}` });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await podman(env, 'pod', 'rm', '-f', podName).catch(() => '');
  const ids = await podman(env, 'ps', '-aq', '--filter', `label=${label}`);
  if (ids) await podman(env, 'rm', '-f', ...ids.split('\n'));
});

const pill = () => page.getByTestId('engine-status');

describe('engines and pods', () => {
  it('shows both engines of this machine, and why Docker has no pods', async () => {
    // The printed URL carries the token; it becomes a cookie.
    await page.goto(serve.url);
    await page.goto(`${serve.origin}/#/engine`);
    await expect.poll(() => page.getByTestId('engine-panel').getAttribute('data-kind'), { timeout: 20_000 }).toBe('docker');
    await expect.poll(() => page.getByTestId('host-engine-podman').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('host-engine-docker').textContent()).toContain(env.dockerHost);
    expect(await page.getByTestId('capability-pods').textContent()).toMatch(/No: Docker Engine has no pods/);
    expect(await page.getByTestId('nav-pods').getAttribute('data-unavailable')).toBe('true');
    expect(await page.getByTestId('nav-pods').getAttribute('title')).toMatch(/Pick a Podman engine/);
    await page.getByTestId('nav-pods').click();
    await expect.poll(() => page.getByTestId('pods-unavailable').textContent(), { timeout: 10_000 }).toMatch(/pods are a Podman feature/);
  });

  it('switches every view to Podman from the engine picker, and keeps the choice on reload', async () => {
    await page.getByTestId('engine-choice-podman').click();
    await expect.poll(() => pill().textContent(), { timeout: 20_000 }).toContain('Podman');
    expect(await page.getByTestId('nav-pods').getAttribute('data-unavailable')).toBeNull();
    await page.reload();
    await expect.poll(() => pill().textContent(), { timeout: 20_000 }).toContain('Podman');
    expect(await page.getByTestId('engine-choice-podman').locator('input').isChecked()).toBe(true);
  });

  it('creates a pod, shows its infra container and a container added to it, and removes it with a report', { timeout: 90_000 }, async () => {
    await page.goto(`${serve.origin}/#/pods`);
    await page.getByLabel('New pod name').fill(podName);
    await page.getByRole('button', { name: 'Create pod' }).click();
    const card = page.getByTestId(`pod-${podName}`);
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => card.locator('[data-infra="true"]').count(), { timeout: 10_000 }).toBe(1);

    const member = `e2e-in-pod-${process.pid}`;
    await podman(env, 'run', '-d', '--pod', podName, '--name', member, '--label', label, `localhost/${env.images.base}`, 'sleep', '600');
    await expect.poll(() => card.getByTestId(`pod-container-${member}`).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 20_000 }).toBe('Running');

    await page.getByRole('button', { name: `Remove pod ${podName}` }).click();
    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.getByRole('list', { name: 'What goes' }).textContent()).toContain(member);
    await dialog.getByTestId('confirm-button').click();
    const report = dialog.getByTestId('confirm-report');
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain(`${podName} removed with its containers`);
    expect(await report.textContent()).toContain(member);
    expect(await report.textContent()).toMatch(/-infra \(infra\)/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(0);
    expect(await podman(env, 'pod', 'ps', '-q', '--filter', `name=^${podName}$`)).toBe('');
  });

  it('shows the runtimes under Podman and back on Docker, the dockerd → containerd → runc stack', { timeout: 60_000 }, async () => {
    await page.goto(`${serve.origin}/#/runtimes`);
    await expect.poll(() => page.getByTestId('runtimes-view').getAttribute('data-kind'), { timeout: 20_000 }).toBe('podman');
    await page.getByTestId('engine-choice-docker').click();
    await expect.poll(() => pill().textContent(), { timeout: 20_000 }).toContain('Docker');
    const id = await docker(env, 'run', '-d', '--label', label, env.images.base, 'sleep', '600');
    try {
      await page.goto(`${serve.origin}/#/runtimes`);
      await expect.poll(() => page.getByTestId('runtimes-view').getAttribute('data-kind'), { timeout: 20_000 }).toBe('docker');
      await page.getByRole('button', { name: 'Refresh' }).click();
      const row = page.getByTestId(`runtime-row-${id.slice(0, 12)}`);
      await expect.poll(() => row.textContent(), { timeout: 20_000 }).toMatch(/moby.*running · pid \d+/);
      expect(await page.getByTestId('containerd-namespace-moby').count()).toBe(1);
    } finally {
      await docker(env, 'rm', '-f', id);
    }
  });
});
