// What a user sees when the registry (or something between) misbehaves: the
// private registry behind a fault-injecting proxy answers 401, 403, 404, 429
// with Retry-After, 5xx, cuts a blob short, or changes a byte. Each gets a
// clear message, and once the fault is gone the same request works: nothing
// bad was kept (not a config, not a layer analysis).
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { AnalyzeEvent } from '../../../main/layers/service';
import { collect } from '../../support/api-client';
import { berthApi } from './berth-api';
import { faultProxy, type FaultProxy } from './fault-proxy';
import { pushImage } from './seed';

await vi.hoisted(async () => {
  const [{ mkdtempSync }, { tmpdir }, { join }] = await Promise.all([import('node:fs'), import('node:os'), import('node:path')]);
  process.env['BERTH_CACHE_DIR'] = mkdtempSync(join(tmpdir(), 'berth-layer-cache-'));
});

const env = inject('testEnv');
const REPO = `berth-it/faults-${process.pid}-${Date.now().toString(36)}`;
let proxy: FaultProxy;
let berth: Awaited<ReturnType<typeof berthApi>>;
let registry: string;

beforeAll(async () => {
  await pushImage({ base: `http://${env.registry}` }, REPO, '1', { files: { 'a.txt': 'a\n'.repeat(5000), 'b.txt': 'b\n'.repeat(5000) } });
  proxy = await faultProxy(env.registry);
  berth = await berthApi();
  registry = (await berth.api.registries.add.mutate({ kind: 'generic', address: proxy.address })).id;
});

afterAll(async () => {
  berth?.close();
  await proxy?.close();
});

const tags = () => berth.api.registries.tags.query({ registry, repository: REPO });
const details = () => berth.api.registries.tag.query({ registry, repository: REPO, tag: '1' });
const analyze = async () => {
  const sub = collect<AnalyzeEvent>((h) => berth.api.layers.analyzeRemote.subscribe({ registry, repository: REPO, reference: '1' }, h));
  return { error: await sub.ended(), last: sub.events.at(-1) };
};

describe('registry faults', () => {
  it.each([
    ['401 without a challenge', { status: 401 }, 'BAD_INPUT', /asks for a login to read the tags of .*Log in to 127\.0\.0\.1/],
    ['403', { status: 403, body: '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}' }, 'BAD_INPUT', /refused access to the tags .*DENIED: requested access to the resource is denied.*no permission/],
    ['404', { status: 404, body: '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}' }, 'NOT_FOUND', /is not on 127\.0\.0\.1:\d+ \(the registry said: NAME_UNKNOWN/],
    ['429 with Retry-After', { status: 429, headers: { 'retry-after': '30' } }, 'UNAVAILABLE', /limits how many requests.*Try again in 30 s, or log in/],
    ['500', { status: 500 }, 'UNAVAILABLE', /failed answering for the tags .* \(HTTP 500\).*try again later/],
    ['503 with Retry-After', { status: 503, headers: { 'retry-after': '120' } }, 'UNAVAILABLE', /HTTP 503.*try again in 2 min/],
  ] as const)('%s: says so, and works once the registry does', async (_name, fault, code, message) => {
    proxy.inject({ path: /\/tags\/list/, ...fault });
    await expect(tags()).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    proxy.clear();
    expect((await tags()).tags.map((t) => t.name)).toEqual(['1']);
  });

  it('a config blob cut short: says how many bytes came, keeps nothing, works after', async () => {
    proxy.inject({ path: /\/blobs\//, truncate: true });
    await expect(details()).rejects.toMatchObject({ code: 'ENGINE', message: expect.stringMatching(/the blob sha256:.* stopped after \d+ .*bytes.*Nothing was kept: try again\./) });
    proxy.clear();
    expect((await details()).layers).toHaveLength(2);
  });

  it('a manifest whose bytes do not match its digest is refused', async () => {
    proxy.inject({ path: /\/manifests\//, corrupt: true });
    await expect(details()).rejects.toMatchObject({ code: 'ENGINE', message: expect.stringMatching(/does not match its digest \(expected sha256:.*, got sha256:.*\)\. Nothing was kept/) });
    proxy.clear();
  });

  it('a layer blob with a changed byte stops the analysis; nothing of it is cached, and it reads whole after', async () => {
    const before = await details();
    proxy.inject({ path: new RegExp(`/blobs/${before.layers[1]!.digest}`), corrupt: true });
    const bad = await analyze();
    expect(bad.error).toMatchObject({ code: 'ENGINE', message: expect.stringMatching(/does not match its digest|could not be decompressed/) });
    proxy.clear();
    proxy.inject({ path: new RegExp(`/blobs/${before.layers[1]!.digest}`), truncate: true });
    const cut = await analyze();
    expect(cut.error).toMatchObject({ code: 'ENGINE', message: expect.stringMatching(/stopped after \d+ of \d+ bytes/) });
    proxy.clear();
    const good = await analyze();
    expect(good.error).toBeNull();
    expect(good.last).toMatchObject({ kind: 'done', fromCache: false, summary: { layers: [expect.anything(), expect.anything()] } });
  });
});
