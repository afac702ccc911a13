// Layer analysis against the private engine: the aggregated filesystem equals
// `docker export` entry for entry, whatever the source (engine export, a
// `docker save` file, an OCI layout as a directory or a tar), and the cache
// opens an analysed image without exporting it again.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analyzeImage } from '../../../main/layers/analysis';
import { diskCache } from '../../../main/layers/cache';
import { loadImage } from '../../../main/layers/load';
import { displayName } from '../../../main/layers/names';
import { docker } from '../../env';
import { buildEdgeImage, exportedRoot, LONG_DIR, LONG_FILE, LONG_TARGET, type Listed } from './edge-image';

const exec = promisify(execFile);
const env = inject('testEnv');
const engine = new Docker({ socketPath: env.dockerSocket });
const tag = `berth-test/layers-edge:${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'berth-layers-it-'));
let exported: Listed[];

const listing = (entries: readonly Listed[]) => entries.map((e) => `${displayName(e.path)} ${e.type} ${e.size} ${e.linkTarget}`);

beforeAll(async () => {
  await buildEdgeImage(env, tag);
  exported = await exportedRoot(env, tag, dir);
}, 120_000);

afterAll(async () => {
  await docker(env, 'rmi', '-f', tag).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the aggregated filesystem', () => {
  it('equals docker export of a container from the image, entry for entry', async () => {
    const { layers, meta } = await loadImage(tag, { kind: 'engine', docker: engine });
    expect(layers).toHaveLength(3);
    expect(meta.cmd).toEqual(['/bin/sh']);
    const { aggregate, summary } = analyzeImage({ meta, layers });
    expect(listing(aggregate)).toEqual(listing(exported));
    // The cases the image was built for are really in it.
    const byPath = new Map(aggregate.map((e) => [displayName(e.path), e]));
    expect(byPath.get('/w/dir2file')?.type).toBe('file');
    expect(byPath.get('/w/file2dir/c')?.type).toBe('file');
    expect(byPath.has('/w/opq/sub')).toBe(false);
    expect(byPath.has('/w/gone.txt')).toBe(false);
    // The walk meets hl-link first, so it holds the content and hl-orig links to it.
    expect(byPath.get('/w/hl-orig')).toMatchObject({ type: 'hardlink', linkTarget: '/w/hl-link' });
    expect(byPath.get('/w/long-sym')).toMatchObject({ type: 'symlink', linkTarget: LONG_TARGET });
    expect(byPath.get(`/w/${LONG_DIR}/${LONG_FILE}`)?.size).toBe(5);
    expect(byPath.get('/w/null')?.type).toBe('char');
    expect(byPath.get('/w/fifo')?.type).toBe('fifo');
    expect(byPath.has('/w/caf\\xe9')).toBe(true);
    // The top layer rewrote /w/rewritten with the same bytes: unmodified, and its copy is wasted.
    const top = new Map(analyzeImage({ meta, layers }).changes[2]!.map((e) => [e.path, e.change]));
    expect(top.get('/w/rewritten')).toBe('unmodified');
    expect(top.get('/w/opq/sub/b')).toBe('removed');
    expect(summary.inefficiencies.map((i) => i.path)).toContain('/w/rewritten');
  });

  it('is the same read from a docker save archive and from an OCI layout, as a directory and as a tar', async () => {
    const saved = join(dir, 'saved.tar');
    await docker(env, 'save', '-o', saved, tag);
    const oci = join(dir, 'oci');
    await exec('skopeo', ['copy', '--quiet', `docker-archive:${saved}`, `oci:${oci}:edge`]);
    const ociTar = join(dir, 'oci.tar');
    await exec('tar', ['-C', oci, '-cf', ociTar, '.']);
    for (const path of [saved, oci, ociTar]) {
      const loaded = await loadImage('', { kind: 'archive', path });
      expect(listing(analyzeImage(loaded).aggregate), path).toEqual(listing(exported));
    }
  });
});

describe('the layer cache', () => {
  it('opens an analysed image again without exporting it, and shares layers between images', async () => {
    const cache = diskCache(join(dir, 'cache'));
    const first = await loadImage(tag, { kind: 'engine', docker: engine }, { cache });
    expect(first.fromCache).toBe(false);
    const again = await loadImage(tag, { kind: 'engine', docker: engine }, { cache });
    expect(again.fromCache).toBe(true);
    expect(analyzeImage(again).aggregate).toEqual(analyzeImage(first).aggregate);
    // The base image's one layer is the edge image's first: the cache has it, but not the base's config.
    const base = await loadImage(env.images.base, { kind: 'engine', docker: engine }, { cache });
    expect(base.fromCache).toBe(false);
    expect(base.layers[0]!.diffId).toBe(first.layers[0]!.diffId);
  });
});

describe('Podman', () => {
  it('exports the same layered fixture through its Docker-compatible API, and Berth reads the same filesystem', async () => {
    const podmanEngine = new Docker({ socketPath: env.podmanSocket });
    const fromPodman = analyzeImage(await loadImage(`localhost/${env.images.layered}`, { kind: 'engine', docker: podmanEngine }));
    const fromDocker = analyzeImage(await loadImage(env.images.layered, { kind: 'engine', docker: engine }));
    expect(listing(fromPodman.aggregate)).toEqual(listing(fromDocker.aggregate));
    expect(fromPodman.summary.cmd).toEqual(fromDocker.summary.cmd);
  });
});
