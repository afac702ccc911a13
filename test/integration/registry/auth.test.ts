// Logins against the private registries that ask for one: htpasswd Basic auth
// and a token service (Bearer, per repository scope). A login is checked before
// it is kept; kept through the configured credential helper, else in Berth's
// secret store; existing docker logins (config.json auths, credsStore) just
// work; the secret never comes back through the API.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Fetch } from '../../../main/registry/client';
import { berthApi, credentialHelper } from './berth-api';
import { pushImage, type Target } from './seed';

const env = inject('testEnv');
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const closers: (() => void)[] = [];

async function tokenFor(scope: string): Promise<string> {
  const { realm, username, password } = env.registryAuth.token;
  const url = new URL(realm!);
  url.searchParams.set('service', 'berth-test-registry');
  url.searchParams.set('scope', scope);
  const response = await fetch(url, { headers: { authorization: basicAuth(username, password) } });
  return ((await response.json()) as { token: string }).token;
}

beforeAll(async () => {
  const basic: Target = { base: `http://${env.registryAuth.basic.address}`, authorization: () => basicAuth(env.registryAuth.basic.username, env.registryAuth.basic.password) };
  await pushImage(basic, `private/app-${RUN}`, '1');
  const tokens = new Map<string, string>();
  for (const repo of [`private/app-${RUN}`, `public/app-${RUN}`]) tokens.set(repo, await tokenFor(`repository:${repo}:pull,push`));
  const token: Target = { base: `http://${env.registryAuth.token.address}`, authorization: (repo) => `Bearer ${tokens.get(repo)}` };
  await pushImage(token, `private/app-${RUN}`, '1');
  await pushImage(token, `public/app-${RUN}`, '1');
}, 60_000);

afterAll(() => closers.forEach((close) => close()));

async function api(options: Parameters<typeof berthApi>[0] = {}) {
  const berth = await berthApi(options);
  closers.push(berth.close);
  return berth;
}

describe('htpasswd Basic auth', () => {
  it('asks for a login, refuses a wrong password, then browses with the right one kept in memory only', async () => {
    const { api: berth, secrets } = await api();
    const r = await berth.registries.add.mutate({ kind: 'generic', address: env.registryAuth.basic.address });
    await expect(berth.registries.repositories.query({ registry: r.id })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/asks for a login.*Log in to 127\.0\.0\.1/) });
    expect(await berth.registries.loginStorage.query({ registry: r.id })).toEqual({ store: 'memory' });
    await expect(berth.registries.login.mutate({ registry: r.id, username: 'berth', password: 'wrong' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/check the user name and password/) });
    expect((await berth.registries.list.query({})).find((x) => x.id === r.id)!.login).toBeNull();
    const view = await berth.registries.login.mutate({ registry: r.id, username: 'berth', password: env.registryAuth.basic.password });
    expect(view.login).toEqual({ username: 'berth', source: 'memory' });
    expect(JSON.stringify(view)).not.toContain(env.registryAuth.basic.password);
    expect(await secrets.get(`registry/${env.registryAuth.basic.address}`)).toContain(env.registryAuth.basic.password);
    const page = await berth.registries.repositories.query({ registry: r.id });
    expect(page.repositories.map((x) => x.name)).toContain(`private/app-${RUN}`);
    const details = await berth.registries.tag.query({ registry: r.id, repository: `private/app-${RUN}`, tag: '1' });
    expect(details.layers).toHaveLength(1);
    const out = await berth.registries.logout.mutate({ registry: r.id });
    expect(out.forgotten).toEqual(['memory']);
    expect(out.registry.login).toBeNull();
    await expect(berth.registries.repositories.query({ registry: r.id })).rejects.toThrow(/asks for a login/);
  });

  it('uses an existing docker login from config.json auths, and cannot log it out', async () => {
    const { address, username, password } = env.registryAuth.basic;
    const { api: berth } = await api({ dockerConfig: { auths: { [address]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } } });
    const r = await berth.registries.add.mutate({ kind: 'generic', address });
    expect(r.login).toEqual({ username, source: 'docker-config' });
    expect((await berth.registries.tags.query({ registry: r.id, repository: `private/app-${RUN}` })).tags.map((t) => t.name)).toEqual(['1']);
    expect((await berth.registries.logout.mutate({ registry: r.id })).forgotten).toEqual([]);
  });
});

describe('token auth', () => {
  it('gets an anonymous token for a public repository and asks for a login for a private one', async () => {
    const { api: berth } = await api();
    const r = await berth.registries.add.mutate({ kind: 'generic', address: env.registryAuth.token.address });
    const pub = await berth.registries.tag.query({ registry: r.id, repository: `public/app-${RUN}`, tag: '1' });
    expect(pub.history[0]!.createdBy).toMatch(/^COPY /);
    await expect(berth.registries.tag.query({ registry: r.id, repository: `private/app-${RUN}`, tag: '1' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/asks for a login/) });
  });

  it('checks a login with the token service, then asks one token per scope and reuses it', async () => {
    const realmCalls: string[] = [];
    const counting: Fetch = (url, init) => {
      if (url.startsWith(env.registryAuth.token.realm!)) realmCalls.push(new URL(url).searchParams.getAll('scope').join(' '));
      return fetch(url, init);
    };
    const { api: berth } = await api({ fetch: counting });
    const r = await berth.registries.add.mutate({ kind: 'generic', address: env.registryAuth.token.address });
    await expect(berth.registries.login.mutate({ registry: r.id, username: 'berth', password: 'wrong' })).rejects.toMatchObject({ message: expect.stringMatching(/token service of 127\.0\.0\.1:\d+ refused the login of berth.*Check the user name and password/) });
    const view = await berth.registries.login.mutate({ registry: r.id, username: 'berth', password: env.registryAuth.token.password });
    expect(view.login).toEqual({ username: 'berth', source: 'memory' });
    realmCalls.length = 0;
    const repos = await berth.registries.repositories.query({ registry: r.id });
    expect(repos.repositories.map((x) => x.name)).toEqual(expect.arrayContaining([`private/app-${RUN}`, `public/app-${RUN}`]));
    for (let i = 0; i < 3; i++) await berth.registries.tag.query({ registry: r.id, repository: `private/app-${RUN}`, tag: '1' });
    await berth.registries.tags.query({ registry: r.id, repository: `private/app-${RUN}` });
    expect(realmCalls.sort()).toEqual([`registry:catalog:*`, `repository:private/app-${RUN}:pull`].sort());
  });

  it('keeps a new login through the configured credential helper, not in Berth, and erases it there on logout', async () => {
    const helper = await credentialHelper('berthtest');
    const { api: berth, secrets } = await api({ dockerConfig: { credsStore: 'berthtest' }, env: helper.env });
    const r = await berth.registries.add.mutate({ kind: 'generic', address: env.registryAuth.token.address });
    expect(await berth.registries.loginStorage.query({ registry: r.id })).toEqual({ helper: 'berthtest' });
    const view = await berth.registries.login.mutate({ registry: r.id, username: 'berth', password: env.registryAuth.token.password });
    expect(view.login).toEqual({ username: 'berth', source: 'credential-helper' });
    expect(await secrets.get(`registry/${env.registryAuth.token.address}`)).toBeNull();
    const kept = (await readdir(helper.dir)).filter((f) => f.startsWith('login-'));
    expect(kept).toHaveLength(1);
    expect(JSON.parse(await readFile(join(helper.dir, kept[0]!), 'utf8'))).toMatchObject({ ServerURL: env.registryAuth.token.address, Username: 'berth' });
    expect((await berth.registries.tags.query({ registry: r.id, repository: `private/app-${RUN}` })).tags.map((t) => t.name)).toEqual(['1']);
    expect((await berth.registries.logout.mutate({ registry: r.id })).forgotten).toEqual(['credential-helper']);
    expect((await readdir(helper.dir)).filter((f) => f.startsWith('login-'))).toEqual([]);
  });

  it('says which credential helper is missing when config.json names one that is not installed', async () => {
    const { api: berth } = await api({ dockerConfig: { credHelpers: { [env.registryAuth.token.address]: 'nosuchhelper' } } });
    const r = await berth.registries.add.mutate({ kind: 'generic', address: env.registryAuth.token.address });
    await expect(berth.registries.login.mutate({ registry: r.id, username: 'berth', password: env.registryAuth.token.password })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/docker-credential-nosuchhelper named in the docker config is not installed/),
    });
  });
});
