// The main path in Chromium against the private engine and registry: pull an
// image from the registry and watch its progress reach done, run it with a
// port mapping and reach its HTTP server, see its logs, type into its
// terminal and read the answer, stop it and remove it. Then the ways off
// that path: a container that is created but does not start, and a dialog
// left by going Back.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker, dockerWith } from '../env';
import { freePort } from '../env/ports';
import { startBerthServe, type ServeProcess } from '../support/berth-serve';
import { launchChromium } from '../support/chromium';

const env = inject('testEnv');
const TAG = `${process.pid}-${Date.now().toString(36)}`;
const NAME = `e2e-web-${TAG}`;
const NOT_STARTED = `e2e-nostart-${TAG}`;
let repo: string;
let serve: ServeProcess;
let browser: Browser;
let page: Page;


beforeAll(async () => {
  // An image only this run has, pushed to the registry and removed locally, so the pull downloads.
  repo = `${env.registry}/berth-e2e/web-${TAG}`;
  const dockerfile = `FROM ${env.images.base}
RUN head -c 2000000 /dev/urandom > /blob && echo ${TAG} > /var/www/tag.txt
LABEL berth.test=e2e
EXPOSE 8080
CMD ["sh", "-c", "echo serving ${TAG}; exec httpd -f -p 8080 -h /var/www"]
`;
  await dockerWith(env, { input: dockerfile, env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 120_000 }, 'build', '-q', '-t', `${repo}:1`, '-');
  await dockerWith(env, { timeoutMs: 120_000 }, 'push', `${repo}:1`);
  await docker(env, 'rmi', `${repo}:1`);
  serve = await startBerthServe({ DOCKER_HOST: env.dockerHost });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(serve.url);
  await page.getByTestId('engine-status').and(page.locator('[data-state="online"]')).waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await docker(env, 'rm', '-f', NAME, NOT_STARTED).catch(() => '');
  await docker(env, 'rmi', '-f', `${repo}:1`).catch(() => '');
});

describe('pull and run in the UI', () => {
  it('refuses a bad reference with the reason, before pulling', async () => {
    await page.keyboard.press('Control+P');
    const input = page.getByTestId('pull-input');
    await input.fill('Nginx');
    await expect.poll(() => page.getByTestId('field-error').textContent()).toMatch(/lowercase/);
    expect(await page.getByTestId('pull-submit').isDisabled()).toBe(true);
  });

  it('pulls from the registry and the progress reaches done', async () => {
    const input = page.getByTestId('pull-input');
    await input.fill(`${repo}:1`);
    await expect.poll(() => page.getByTestId('pull-submit').isEnabled()).toBe(true);
    await input.press('Enter');
    const item = page.locator(`[data-testid="pull-item"][data-reference="${repo}:1"]`);
    await expect.poll(() => item.getAttribute('data-phase'), { timeout: 30_000 }).toBe('done');
    expect(await item.getByTestId('pull-summary').textContent()).toMatch(/^Pulled · [\d.]+ (kB|MB)/);
    expect(await item.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe('100');
    expect(await docker(env, 'image', 'inspect', '--format', '{{.Id}}', `${repo}:1`)).toMatch(/^sha256:/);
  });

  it('runs the pulled image with a port mapping from the run dialog, and its server answers', async () => {
    await page.locator(`[data-testid="pull-item"][data-reference="${repo}:1"]`).getByTestId('pull-run').click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.waitFor();
    // Prefilled from the image: its exposed port.
    const hostPort = dialog.getByTestId('run-host-port');
    await expect.poll(() => hostPort.inputValue()).toBe('8080');
    const port = await freePort();
    await hostPort.fill(String(port));
    await dialog.getByTestId('run-name').fill(NAME);
    await expect.poll(() => dialog.getByTestId('run-cli').textContent()).toBe(`docker run -d --name ${NAME} -p ${port}:8080 ${repo}:1`);
    await dialog.getByTestId('run-submit').click();
    const view = page.getByTestId('container-view');
    await expect.poll(() => view.getAttribute('data-state'), { timeout: 15_000 }).toBe('running');
    expect(await page.getByTestId('container-name').textContent()).toBe(NAME);
    // A container's page sits under Containers in the sidebar.
    expect(await page.getByTestId('nav-containers').getAttribute('aria-current')).toBe('true');
    const res = await fetch(`http://127.0.0.1:${port}/tag.txt`);
    expect(await res.text()).toBe(`${TAG}\n`);
  });

  it('shows its logs', async () => {
    const log = page.getByTestId('log-view');
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain(`serving ${TAG}`);
  });

  it('opens a terminal, runs a command typed into it and shows the answer', async () => {
    await page.getByRole('tab', { name: 'Terminal' }).click();
    const terminal = page.getByTestId('terminal');
    await expect.poll(() => terminal.getAttribute('data-phase'), { timeout: 10_000 }).toBe('open');
    await terminal.click();
    await page.keyboard.type('echo $((6*7)) answered\n');
    await expect.poll(() => terminal.locator('.xterm-rows').textContent(), { timeout: 10_000 }).toContain('42 answered');
  });

  it('stops it, then removes it after confirming, and says what was removed', async () => {
    await page.getByRole('button', { name: `Stop ${NAME}` }).click();
    await expect.poll(() => page.getByTestId('container-view').getAttribute('data-state'), { timeout: 20_000 }).toBe('exited');
    await page.getByRole('button', { name: `Remove ${NAME}` }).click();
    const confirm = page.getByTestId('confirm-dialog');
    expect(await confirm.getByRole('list', { name: 'What goes' }).textContent()).toContain(NAME);
    await confirm.getByTestId('confirm-button').click();
    await expect.poll(() => confirm.getByTestId('confirm-report').textContent()).toContain(`Removed 1:${NAME}`);
    await expect(docker(env, 'inspect', NAME)).rejects.toThrow();
    await confirm.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByTestId('container-gone').count()).toBe(1);
  });
});

describe('off the main path', () => {
  // Other tests of the run tag the fixture image too, so its row is found by any of its tags, not by its label.
  const runFromImagesList = (tag: string) =>
    page.locator(`[data-testid="image-row"][data-tags~="${tag}"]`).getByTestId('image-run').click();

  it('a container created but not started is reported with the engine\'s reason, and removed when the user asks', async () => {
    await page.getByTestId('nav-images').click();
    await runFromImagesList(env.images.base);
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByTestId('run-name').fill(NOT_STARTED);
    await dialog.getByTestId('run-command').fill('/no/such/program');
    await expect.poll(() => dialog.getByTestId('run-cli').textContent()).toMatch(new RegExp(`^docker run -d --name ${NOT_STARTED} \\S+ /no/such/program$`));
    await dialog.getByTestId('run-submit').click();
    const failed = page.getByTestId('start-failed');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.getByRole('alert').textContent()).toMatch(/no such file|not found/i);
    expect(await failed.textContent()).toContain(`${NOT_STARTED} exists but is not running`);
    expect(await docker(env, 'inspect', '--format', '{{.State.Status}}', NOT_STARTED)).toBe('created');
    await failed.getByTestId('remove-failed').click();
    await expect.poll(() => failed.getByRole('status').textContent()).toBe(`${NOT_STARTED} was removed.`);
    await expect(docker(env, 'inspect', NOT_STARTED)).rejects.toThrow(/No such object/i);
    await failed.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => failed.count()).toBe(0);
  });

  it('the volumes list shows each volume\'s size and the containers that use it', async () => {
    const volume = `e2e-vol-${TAG}`;
    const user = `e2e-voluser-${TAG}`;
    await docker(env, 'run', '-d', '--name', user, '--label', 'berth.test=e2e', '-v', `${volume}:/data`, env.images.base, 'sh', '-c', 'head -c 300000 /dev/zero > /data/fill; sleep 600');
    try {
      await expect.poll(() => docker(env, 'exec', user, 'wc', '-c', '/data/fill')).toMatch(/^300000 /);
      await page.getByTestId('nav-volumes').click();
      const row = page.locator(`[data-testid="volume-row"][data-name="${volume}"]`);
      await expect.poll(() => row.getByTestId('used-by').textContent(), { timeout: 10_000 }).toBe(user);
      await expect.poll(() => row.getByTestId('volume-size').textContent(), { timeout: 10_000 }).toMatch(/^30\d(\.\d)? kB$/);
    } finally {
      await docker(env, 'rm', '-f', '-v', user);
      await docker(env, 'volume', 'rm', volume);
    }
  });

  it('going Back while the run dialog is open closes it and shows the page Back leads to', async () => {
    await page.getByTestId('nav-containers').click();
    await page.getByTestId('nav-images').click();
    await runFromImagesList(env.images.base);
    await page.getByTestId('run-dialog').waitFor();
    await page.goBack();
    await expect.poll(() => page.getByTestId('run-dialog').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Containers');
    // The page behind is usable again: the sidebar answers.
    await page.getByTestId('nav-volumes').click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Volumes');
  });
});
