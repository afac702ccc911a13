// The layer explorer on a registry image, without pulling it: the layered
// fixture pushed to the private registry is analysed from its blobs (gzip),
// its trees read like a local image's, and the cache is shared by digest with
// the engine's copy; zstd layers read too.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { AnalyzeEvent } from '../../../main/layers/service';
import { docker, dockerWith } from '../../env';
import { apiFor, collect } from '../../support/api-client';
import { berthApi } from './berth-api';
import { OCI_CONFIG, OCI_MANIFEST, putManifest, sha256, tarWith, uploadBlob, type Target } from './seed';

// The layers API keeps one cache for the process: this file's own.
await vi.hoisted(async () => {
  const [{ mkdtempSync }, { tmpdir }, { join }] = await Promise.all([import('node:fs'), import('node:os'), import('node:path')]);
  process.env['BERTH_CACHE_DIR'] = mkdtempSync(join(tmpdir(), 'berth-layer-cache-'));
});

const env = inject('testEnv');
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const REPO = `berth-it/layers-${RUN}`;
let berth: Awaited<ReturnType<typeof berthApi>>;
let local: ReturnType<typeof apiFor>;
let registryId: string;

const tree = { layer: 3, view: 'aggregate' as const, changes: [], path: '', sort: 'name' as const, expand: 'all' as const, toggled: [], offset: 0, limit: 2000 };

beforeAll(async () => {
  await docker(env, 'tag', env.images.layered, `${env.registry}/${REPO}:1`);
  await dockerWith(env, { timeoutMs: 120_000 }, 'push', `${env.registry}/${REPO}:1`);
  await docker(env, 'rmi', `${env.registry}/${REPO}:1`);
  berth = await berthApi();
  local = apiFor(env.dockerHost);
  registryId = (await berth.api.registries.add.mutate({ kind: 'generic', address: env.registry })).id;
}, 180_000);

afterAll(async () => {
  berth?.close();
  await local?.close();
});

describe('layers of a registry image', () => {
  it('analyses the pushed image from its blobs with progress, and its trees show the fixture’s changes', async () => {
    const sub = collect<AnalyzeEvent>((h) => berth.api.layers.analyzeRemote.subscribe({ registry: registryId, repository: REPO, reference: '1' }, h));
    expect(await sub.ended()).toBeNull();
    const done = sub.events.at(-1)!;
    if (done.kind !== 'done') throw new Error('no summary');
    expect(done.fromCache).toBe(false);
    expect(sub.events.some((e) => e.kind === 'progress' && e.progress.phase === 'reading' && e.progress.total !== null && e.progress.bytes > 0)).toBe(true);
    expect(done.summary.image).toBe(`${env.registry}/${REPO}:1`);
    expect(done.summary.layers).toHaveLength(4);

    const id = done.summary.id;
    const args = { registry: registryId, repository: REPO, reference: '1', id };
    const copy = await berth.api.layers.treeRemote.query({ ...args, ...tree, layer: 2, view: 'changes', changes: ['added'] });
    expect(copy.rows.map((r) => r.path)).toContain('/app/hello.txt');
    const final = await berth.api.layers.treeRemote.query({ ...args, ...tree });
    const paths = final.rows.map((r) => r.path);
    expect(paths).toContain('/data/keep/a.txt');
    expect(paths).toContain('/opt/opaque/new.txt');
    expect(paths.some((p) => p.startsWith('/data/remove'))).toBe(false);
    expect(paths).not.toContain('/opt/opaque/old.txt');

    // The engine's copy of the same image has the same id (its config digest): the analysis is shared.
    const engine = collect<AnalyzeEvent>((h) => local.api.layers.analyze.subscribe({ image: env.images.layered }, h));
    expect(await engine.ended()).toBeNull();
    const engineDone = engine.events.at(-1)!;
    expect(engineDone).toMatchObject({ kind: 'done', fromCache: true, summary: { id } });
    const localTree = await local.api.layers.tree.query({ id, ...tree });
    expect(localTree.rows.map((r) => [r.path, r.type, r.size])).toEqual(final.rows.map((r) => [r.path, r.type, r.size]));
  });

  it('reads zstd layers (the pure-JS decoder on Node 20) and checks them against their diff IDs', async () => {
    const target: Target = { base: `http://${env.registry}` };
    const tar = tarWith('zstd/hello.txt', Buffer.from('compressed with zstd\n'.repeat(1000)));
    const compressed = execFileSync('zstd', ['-q', '-c', '-19'], { input: tar });
    const layer = await uploadBlob(target, `${REPO}-zstd`, compressed);
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(tar)] }, history: [{ created_by: 'zstd layer' }] }));
    const configDesc = await uploadBlob(target, `${REPO}-zstd`, config);
    await putManifest(
      target,
      `${REPO}-zstd`,
      '1',
      { schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: OCI_CONFIG, ...configDesc }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', ...layer }] },
      OCI_MANIFEST,
    );
    const sub = collect<AnalyzeEvent>((h) => berth.api.layers.analyzeRemote.subscribe({ registry: registryId, repository: `${REPO}-zstd`, reference: '1' }, h));
    expect(await sub.ended()).toBeNull();
    const done = sub.events.at(-1)!;
    if (done.kind !== 'done') throw new Error('no summary');
    const rows = await berth.api.layers.treeRemote.query({ registry: registryId, repository: `${REPO}-zstd`, reference: '1', id: done.summary.id, ...tree, layer: 0 });
    expect(rows.rows.find((r) => r.path === '/zstd/hello.txt')).toMatchObject({ type: 'file', size: 21_000 });
  });

  it('refuses a layer that unpacks to another diff ID than its config says, and caches nothing of it', async () => {
    const target: Target = { base: `http://${env.registry}` };
    const repo = `${REPO}-lying`;
    const tar = tarWith('lie.txt', Buffer.from('the config names other content\n'));
    const { gzipSync } = await import('node:zlib');
    const layer = await uploadBlob(target, repo, gzipSync(tar));
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256('something else')] } }));
    const configDesc = await uploadBlob(target, repo, config);
    await putManifest(target, repo, '1', { schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: OCI_CONFIG, ...configDesc }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }] }, OCI_MANIFEST);
    for (let attempt = 0; attempt < 2; attempt++) {
      const sub = collect<AnalyzeEvent>((h) => berth.api.layers.analyzeRemote.subscribe({ registry: registryId, repository: repo, reference: '1' }, h));
      expect(await sub.ended()).toMatchObject({ code: 'ENGINE', message: expect.stringMatching(/Layer 1 of .* unpacks to sha256:.*not the sha256:.* its config names: the image is corrupt\. Nothing was kept\./) });
    }
  });
});
