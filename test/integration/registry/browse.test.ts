// The registry browser through Berth's API against the private anonymous
// registry: add it, page through its catalog and tags (pages of 2), open a
// tag's details, pick a platform of a multi-platform index, and see a deleted
// tag gone. Content is pushed with plain HTTP calls (seed.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { berthApi } from './berth-api';
import { freePort } from '../../env/ports';
import { deleteTag, pushImage, pushIndex, type Target } from './seed';

const env = inject('testEnv');
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const PREFIX = `berth-it/browse-${RUN}`;
let api: Awaited<ReturnType<typeof berthApi>>['api'];
let closePipe: () => void;
let dataDir: string;
let target: Target;
let registryId: string;

beforeAll(async () => {
  target = { base: `http://${env.registry}` };
  const berth = await berthApi({ pageSize: 2 });
  ({ api, dataDir, close: closePipe } = berth);
  for (const name of ['alpha', 'beta', 'gamma']) await pushImage(target, `${PREFIX}/${name}`, '1');
  for (const tag of ['1.0', '1.1', '2.0', 'latest', 'old']) await pushImage(target, `${PREFIX}/tags`, tag, { files: { [`t-${tag}.txt`]: `${tag}\n` } });
}, 60_000);

afterAll(() => closePipe?.());

describe('saved registries', () => {
  it('starts with the public registries, adds one by address (saved without secrets) and removes it', async () => {
    const first = await api.registries.list.query({});
    expect(first.map((r) => r.kind)).toEqual(['dockerhub', 'quay', 'redhat']);
    const added = await api.registries.add.mutate({ name: 'Test registry', kind: 'generic', address: env.registry });
    registryId = added.id;
    expect(added).toMatchObject({ name: 'Test registry', url: `http://${env.registry}`, domain: env.registry, login: null });
    const saved = JSON.parse(await readFile(join(dataDir, 'registries.json'), 'utf8')) as { registries: { id: string }[] };
    expect(saved.registries.map((r) => r.id)).toContain(registryId);
    await expect(api.registries.add.mutate({ kind: 'generic', address: env.registry })).rejects.toThrow(/already in the list/);
    await expect(api.registries.add.mutate({ kind: 'generic', address: 'registry.example.com', insecure: false, name: 'x' }).then(() => api.registries.remove.mutate({ registry: 'x' }))).resolves.toMatchObject({ removed: { url: 'https://registry.example.com' } });
    await expect(api.registries.add.mutate({ kind: 'generic', address: 'http://registry.example.com' })).rejects.toThrow(/plain http/);
  });
});

describe('browsing', () => {
  it('pages through the catalog two at a time and finds every repository pushed', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.registries.repositories.query({ registry: registryId, cursor });
      expect(page.repositories.length).toBeLessThanOrEqual(2);
      seen.push(...page.repositories.map((r) => r.name));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(expect.arrayContaining([`${PREFIX}/alpha`, `${PREFIX}/beta`, `${PREFIX}/gamma`, `${PREFIX}/tags`]));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters the catalog by what the user typed', async () => {
    const page = await api.registries.repositories.query({ registry: registryId, query: 'GAMMA' });
    const names = page.repositories.map((r) => r.name);
    expect(names.every((n) => n.includes('gamma'))).toBe(true);
    expect(page.notice).toMatch(/no search/);
  });

  it('pages through tags in order', async () => {
    const tags: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.registries.tags.query({ registry: registryId, repository: `${PREFIX}/tags`, cursor });
      const names = page.tags.map((t) => t.name);
      expect(names).toEqual([...names].sort());
      tags.push(...names);
      cursor = page.next;
    } while (cursor);
    // Each page comes sorted; distribution 2.8 does not order tags across pages, so the whole list is compared as a set.
    expect([...tags].sort()).toEqual(['1.0', '1.1', '2.0', 'latest', 'old']);
  });

  it('refuses a cursor that is not the list’s next page', async () => {
    await expect(api.registries.tags.query({ registry: registryId, repository: `${PREFIX}/tags`, cursor: '/v2/_catalog?n=2' })).rejects.toThrow(/not one of this list/);
  });

  it('shows a tag: digest, layers with sizes, history, command, env, ports, labels', async () => {
    const details = await api.registries.tag.query({ registry: registryId, repository: `${PREFIX}/alpha`, tag: '1' });
    expect(details.reference).toBe(`${env.registry}/${PREFIX}/alpha:1`);
    expect(details.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(details.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(details.platforms).toEqual([]);
    expect(details.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(details.layers).toHaveLength(1);
    expect(details.totalSize).toBe(details.layers[0]!.size);
    expect(details.created).toBe('2026-11-01T10:00:00Z');
    expect(details.history[0]!.createdBy).toMatch(/^COPY hello-/);
    expect(details.config).toMatchObject({ cmd: ['/bin/sh'], env: ['PATH=/bin'], exposedPorts: ['8080/tcp'], labels: { 'berth.seed': `${PREFIX}/alpha` } });
  });

  it('lists the platforms of a multi-platform index and shows the one picked', async () => {
    const index = await pushIndex(target, `${PREFIX}/multi`, 'v1', [{ architecture: 'amd64' }, { architecture: 'arm64', variant: 'v8' }]);
    const details = await api.registries.tag.query({ registry: registryId, repository: `${PREFIX}/multi`, tag: 'v1' });
    expect(details.digest).toBe(index.digest);
    expect(details.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(details.platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`)).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(details.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(details.manifestDigest).toBe(index.images[0]!.digest);
    const arm = await api.registries.tag.query({ registry: registryId, repository: `${PREFIX}/multi`, tag: 'v1', platform: 'linux/arm64' });
    expect(arm.manifestDigest).toBe(index.images[1]!.digest);
    expect(arm.history[0]!.createdBy).toBe('COPY arch-arm64.txt /');
    await expect(api.registries.tag.query({ registry: registryId, repository: `${PREFIX}/multi`, tag: 'v1', platform: 'windows/amd64' })).rejects.toThrow(/has no windows\/amd64 image; it has linux\/amd64, linux\/arm64\/v8/);
  });

  it('no longer lists a deleted tag, and says so when it is opened', async () => {
    const old = await api.registries.tag.query({ registry: registryId, repository: `${PREFIX}/tags`, tag: 'old' });
    await deleteTag(target, `${PREFIX}/tags`, old.digest);
    const page = await api.registries.tags.query({ registry: registryId, repository: `${PREFIX}/tags` });
    const all = [...page.tags.map((t) => t.name)];
    for (let cursor = page.next; cursor; ) {
      const next = await api.registries.tags.query({ registry: registryId, repository: `${PREFIX}/tags`, cursor });
      all.push(...next.tags.map((t) => t.name));
      cursor = next.next;
    }
    expect(all).not.toContain('old');
    await expect(api.registries.tag.query({ registry: registryId, repository: `${PREFIX}/tags`, tag: 'old' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/is not on 127\.0\.0\.1:\d+.*Check the name, or whether it was deleted/) });
  });

  it('says plainly when the registry cannot be reached', async () => {
    const port = await freePort();
    const gone = await api.registries.add.mutate({ name: 'gone', kind: 'generic', address: `127.0.0.1:${port}` });
    await expect(api.registries.repositories.query({ registry: gone.id })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(new RegExp(`127\\.0\\.0\\.1:${port} could not be reached.*ECONNREFUSED`)) });
    await api.registries.remove.mutate({ registry: gone.id });
  });
});
