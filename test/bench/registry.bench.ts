// The registry browser against the private registry: listing 500
// repositories and 2,000 tags of one repository through Berth's API, against
// a plain HTTP client paging the same endpoints (n=100, Link headers); and a
// registry image's layer analysis against downloading and gunzipping the same
// blobs to nowhere (goal: 1.2× or less).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, inject, it } from 'vitest';
import type { AnalyzeEvent } from '../../main/layers/service';
import { collect } from '../support/api-client';
import { berthApi } from '../integration/registry/berth-api';
import { OCI_MANIFEST, pushImage, putManifest, type SeededImage } from '../integration/registry/seed';
import { medianOf, printTable, type Row } from './figures';

process.env['BERTH_CACHE_DIR'] = mkdtempSync(join(tmpdir(), 'berth-bench-layer-cache-'));

const env = inject('testEnv');
const PREFIX = `bench/r${Date.now().toString(36)}`;
const REPOS = 500;
const TAGS = 2000;
const base = `http://${env.registry}`;
let berth: Awaited<ReturnType<typeof berthApi>>;
let registry: string;
let big: SeededImage;

async function inBatches(count: number, work: (i: number) => Promise<unknown>) {
  for (let i = 0; i < count; i += 16) await Promise.all(Array.from({ length: Math.min(16, count - i) }, (_, j) => work(i + j)));
}

/** What any HTTP client does: GET the first page, follow rel="next" until there is none. */
async function plainPages(path: string, key: 'repositories' | 'tags'): Promise<number> {
  let url: string | null = `${base}${path}`;
  let count = 0;
  while (url) {
    const response: Response = await fetch(url);
    count += ((await response.json()) as Record<string, string[]>)[key]!.length;
    const link = response.headers.get('link');
    url = link ? new URL(/<([^>]+)>/.exec(link)![1]!, base).toString() : null;
  }
  return count;
}

beforeAll(async () => {
  const target = { base };
  await inBatches(REPOS, (i) => pushImage(target, `${PREFIX}/repo-${i}`, '1', { files: { 'x.txt': `${i}\n` } }));
  const tagged = await pushImage(target, `${PREFIX}/tags`, 't0');
  const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, config: tagged.manifest.config, layers: tagged.manifest.layers };
  await inBatches(TAGS - 1, (i) => putManifest(target, `${PREFIX}/tags`, `t${i + 1}`, { ...manifest, config: { ...manifest.config, mediaType: 'application/vnd.oci.image.config.v1+json' } }, OCI_MANIFEST));
  // An image worth analysing: three layers of 6 MiB of half-compressible content each.
  const layer = (seed: number) => Array.from({ length: 3000 }, (_, i) => `${seed}-${i} ${randomBytes(1024).toString('hex')}`).join('\n');
  big = await pushImage(target, `${PREFIX}/big`, '1', { files: { 'l1.txt': layer(1), 'l2.txt': layer(2), 'l3.txt': layer(3) } });
  berth = await berthApi();
  registry = (await berth.api.registries.add.mutate({ kind: 'generic', address: env.registry })).id;
}, 600_000);

afterAll(() => berth?.close());

it(`lists ${REPOS} repositories and ${TAGS} tags, and analyses a registry image`, async () => {
  const rows: Row[] = [];
  const berthRepos = async () => {
    let count = 0;
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await berth.api.registries.repositories.query({ registry, cursor });
      count += page.repositories.length;
      cursor = page.next;
    }
    if (count < REPOS) throw new Error(`only ${count} repositories`);
  };
  const berthTags = async () => {
    let count = 0;
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await berth.api.registries.tags.query({ registry, repository: `${PREFIX}/tags`, cursor });
      count += page.tags.length;
      cursor = page.next;
    }
    if (count !== TAGS) throw new Error(`${count} tags`);
  };
  await berthRepos();
  await plainPages('/v2/_catalog?n=100', 'repositories');
  rows.push({ what: `list ${REPOS} repositories (pages of 100)`, berthMs: await medianOf(5, berthRepos), reference: 'fetch following Link', referenceMs: await medianOf(5, () => plainPages('/v2/_catalog?n=100', 'repositories')) });
  rows.push({ what: `list ${TAGS} tags of one repository`, berthMs: await medianOf(5, berthTags), reference: 'fetch following Link', referenceMs: await medianOf(5, () => plainPages(`/v2/${PREFIX}/tags/tags/list?n=100`, 'tags')) });

  const gunzipAll = async () => {
    for (const l of big.manifest.layers) {
      const response = await fetch(`${base}/v2/${PREFIX}/big/blobs/${l.digest}`);
      const gunzip = createGunzip();
      const drained = new Promise((resolve, reject) => gunzip.on('end', resolve).on('error', reject).resume());
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
      gunzip.end();
      await drained;
    }
  };
  await gunzipAll();
  const reference = await medianOf(3, gunzipAll);
  // One cold run: a second would open from the layer cache (by digest), which is the point of it.
  const berthAnalysis = await medianOf(1, async () => {
    const sub = collect<AnalyzeEvent>((h) => berth.api.layers.analyzeRemote.subscribe({ registry, repository: `${PREFIX}/big`, reference: '1' }, h));
    const error = await sub.ended();
    if (error) throw error;
  });
  rows.push({ what: 'analyse a registry image (3 gzip layers, ~18 MiB)', berthMs: berthAnalysis, reference: 'fetch + gunzip to nowhere', referenceMs: reference });
  printTable('Registry browser (private distribution registry on loopback)', rows);
});
