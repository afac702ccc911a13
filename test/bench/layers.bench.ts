// Layer analysis of a big image (about 100,000 files and 200 MB over several
// layers, with modifications and a deletion) against streaming the same
// export to nowhere (the floor), Berth's peak memory, and the warm reopen
// from the layer cache.
import { execFile } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, inject, it } from 'vitest';
import { analyzeImage } from '../../main/layers/analysis';
import { loadImage } from '../../main/layers/load';
import { LayerService } from '../../main/layers/service';
import { dockerWith } from '../env';
import { header } from '../unit/layers/tar-builder';
import { medianOf, printTable } from './figures';

const exec = promisify(execFile);
const env = inject('testEnv');
const engine = new Docker({ socketPath: env.dockerSocket });
const TAG = 'berth-bench/layers:1';
const dir = mkdtempSync(join(tmpdir(), 'berth-bench-layers-'));
const enc = new TextEncoder();

/** Pseudo-random bytes, so file contents differ and hashing does real work. */
const pool = new Uint8Array(1 << 22).map((_, i) => (i * 2654435761) >>> 24);

/** Writes a layer tar of files: [path, size, seed] each, buffered into 4 MiB writes. */
function writeLayer(path: string, files: Iterable<[string, number, number]>): void {
  const fd = openSync(path, 'w');
  let buffer = new Uint8Array(1 << 22);
  let used = 0;
  const put = (bytes: Uint8Array) => {
    if (used + bytes.length > buffer.length) {
      writeSync(fd, buffer, 0, used);
      used = 0;
      if (bytes.length > buffer.length) buffer = new Uint8Array(bytes.length);
    }
    buffer.set(bytes, used);
    used += bytes.length;
  };
  const dirs = new Set<string>();
  for (const [name, size, seed] of files) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!dirs.has(d)) {
        dirs.add(d);
        put(header(enc.encode(`${d}/`), '5', 0, { mode: 0o755 }));
      }
    }
    put(header(enc.encode(name), '0', size));
    const start = (seed * 7919) % (pool.length - size);
    put(pool.subarray(start, start + size));
    put(new Uint8Array((512 - (size % 512)) % 512));
  }
  put(new Uint8Array(1024));
  writeSync(fd, buffer, 0, used);
  closeSync(fd);
}

function* files(prefix: string, dirs: number, perDir: number, seed: number): Generator<[string, number, number]> {
  for (let d = 0; d < dirs; d++) for (let f = 0; f < perDir; f++) yield [`${prefix}/d${String(d).padStart(3, '0')}/f${String(f).padStart(4, '0')}`, 1000 + ((d * perDir + f) % 2000), seed + d * perDir + f];
}

beforeAll(async () => {
  // 60,000 files (120 MB); 30,000 more of which 10,000 rewrite the first ones (60 MB);
  // a RUN deleting 2,000 of them; 10,000 more (20 MB).
  writeLayer(join(dir, 'l1.tar'), files('bench/a', 300, 200, 1));
  writeLayer(join(dir, 'l2.tar'), (function* () {
    yield* files('bench/a', 50, 200, 500_000);
    yield* files('bench/b', 100, 200, 700_000);
  })());
  writeLayer(join(dir, 'l3.tar'), files('bench/c', 50, 200, 900_000));
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM ${env.images.base}\nADD l1.tar /\nADD l2.tar /\nRUN rm -rf /bench/a/d25*\nADD l3.tar /\nLABEL berth.bench=layers\n`,
  );
  await dockerWith(env, { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 600_000 }, 'build', '-q', '-t', TAG, dir);
});

afterAll(async () => {
  await engine.getImage(TAG).remove({ force: true }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

it('analyses a 100,000-file image about as fast as the engine exports it', async () => {
  const id = (await engine.getImage(TAG).inspect()).Id;
  const floor = () =>
    engine
      .getImage(id)
      .get()
      .then(async (stream) => {
        for await (const _ of stream as AsyncIterable<Buffer>) {
          // the floor: bytes read and dropped
        }
      });
  const analyse = async () => analyzeImage(await loadImage(id, { kind: 'engine', docker: engine }));
  await floor(); // warm the engine's page cache for both sides alike
  const summary = (await analyse()).summary;

  const floorMs = await medianOf(3, floor);
  const coldMs = await medianOf(3, analyse);

  // Reopening in a fresh service (as after a restart of the app): the summary first, then the first tree window.
  const cacheDir = join(dir, 'cache');
  await new LayerService({ cacheDir }).analyze('local', engine, id, () => {});
  const warmMs = await medianOf(5, async () => {
    const reopened = await new LayerService({ cacheDir }).analyze('local', engine, id, () => {});
    if (!reopened.fromCache) throw new Error('the warm reopen exported the image');
  });
  const treeMs = await medianOf(3, async () => {
    const service = new LayerService({ cacheDir });
    await service.analyze('local', engine, id, () => {});
    await service.tree('local', engine, id, { layer: summary.layers.length - 1, view: 'aggregate', changes: [], path: '', sort: 'name', expand: 'all', toggled: [], offset: 0, limit: 400 });
  });

  printTable(`Layer analysis: ${summary.entryCount.toLocaleString('en-US')} entries, ${(summary.totalSize / 1e6).toFixed(0)} MB in the final filesystem, ${summary.layers.length} layers`, [
    { what: 'analysis from the engine export (cold)', berthMs: coldMs, reference: 'GET /images/{id}/get to nowhere', referenceMs: floorMs },
    { what: 'reopen from the cache: summary (warm)', berthMs: warmMs, reference: 'cold analysis', referenceMs: coldMs },
    { what: 'reopen from the cache: first tree window', berthMs: treeMs, reference: 'cold analysis', referenceMs: coldMs },
  ]);
  // Peak memory of the real command line, in its own process, with an empty cache.
  const cli = await exec('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, 'bin/berth.js', 'ci', id, '--ci-config', join(dir, 'no-rules.yaml')], {
    env: { ...process.env, DOCKER_HOST: env.dockerHost, BERTH_CACHE_DIR: join(dir, 'cli-cache') },
  }).catch((e: { stdout: string; stderr: string }) => e);
  const peakKb = /maxrss_kb=(\d+)/.exec(cli.stderr)?.[1];
  process.stdout.write(
    cli.stdout.includes('Result:PASS') && peakKb
      ? `peak memory of \`berth ci\` (own process, cold): ${(Number(peakKb) / 1024).toFixed(0)} MB (goal: under 250 MB)\n`
      : `peak memory of \`berth ci\`: not measured, the command failed:\n${cli.stderr.slice(0, 2000)}\n`,
  );
});

writeFileSync(join(dir, 'no-rules.yaml'), 'rules:\n  lowestEfficiency: disabled\n  highestWastedBytes: disabled\n  highestUserWastedPercent: disabled\n');
