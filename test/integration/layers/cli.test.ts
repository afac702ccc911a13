// `berth layers` and `berth ci` against the private engine, on the layered
// fixture: RUN writes /data/remove/big.bin (256 KiB) that a later RUN deletes,
// and overwrites /data/keep/a.txt.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCi, runLayers } from '../../../main/commands/layers';

const env = inject('testEnv');
const dir = mkdtempSync(join(tmpdir(), 'berth-cli-'));
const cacheDir = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  return { code: await fn(), out: lines.splice(0).join('\n') };
}
const lines: string[] = [];
const io = { out: (t: string) => lines.push(t), cacheDir };

interface Doc {
  image: string;
  id: string;
  layers: { index: number; digest: string; createdBy: string; size: number; entries: { path: string; change: string; type: string }[] }[];
  aggregate: { path: string; type: string; size: number; linkTarget: string }[];
  efficiency: number;
  wastedBytes: number;
  userWastedPercent: number;
  inefficiencies: { path: string; count: number; cumulativeSize: number }[];
}

describe('berth layers', () => {
  it('prints the analysis as JSON with absolute paths and each layer\'s changes', async () => {
    const { code, out } = await run(() => runLayers({ name: 'layers', image: env.images.layered, json: true, source: { kind: 'engine' } }, io));
    expect(code).toBe(0);
    const doc = JSON.parse(out) as Doc;
    expect(doc.image).toBe(env.images.layered);
    expect(doc.layers).toHaveLength(4);
    expect(doc.layers[2]!.createdBy).toContain('COPY');
    const top = doc.layers[3]!.entries;
    expect(top).toContainEqual(expect.objectContaining({ path: '/data/remove/big.bin', change: 'removed' }));
    expect(top).toContainEqual(expect.objectContaining({ path: '/data/keep/a.txt', change: 'modified' }));
    expect(top).toContainEqual(expect.objectContaining({ path: '/opt/opaque/old.txt', change: 'removed' }));
    expect(doc.aggregate.find((e) => e.path === '/etc/passwd')).toMatchObject({ type: 'file' });
    expect(doc.aggregate.some((e) => e.path.startsWith('/data/remove'))).toBe(false);
    expect(doc.wastedBytes).toBeGreaterThanOrEqual(262144);
    expect(doc.inefficiencies.map((i) => i.path)).toContain('/data/keep/a.txt');
  });

  it('prints a readable table without --json', async () => {
    const { out } = await run(() => runLayers({ name: 'layers', image: env.images.layered, json: false, source: { kind: 'engine' } }, io));
    expect(out).toContain(`Image       ${env.images.layered}`);
    expect(out).toContain('Command     ["httpd","-f","-p","8080","-h","/app"]');
    expect(out).toMatch(/\(empty\)\s+EXPOSE/);
    expect(out).toContain('/data/remove/big.bin');
  });
});

describe('berth ci', () => {
  it('passes under loose rules and exits 1 when a rule fails', async () => {
    const loose = join(dir, 'loose.yaml');
    writeFileSync(loose, 'rules:\n  lowestEfficiency: 0.1\n  highestWastedBytes: 10MB\n  highestUserWastedPercent: disabled\n');
    const pass = await run(() => runCi({ name: 'ci', image: env.images.layered, ciConfig: loose, source: { kind: 'engine' } }, io));
    expect(pass.code).toBe(0);
    expect(pass.out).toContain('Result:PASS [Total:3] [Passed:2] [Failed:0] [Warn:0] [Skipped:1]');
    const strict = join(dir, 'strict.yaml');
    writeFileSync(strict, 'rules:\n  highestWastedBytes: 1KB\n');
    const fail = await run(() => runCi({ name: 'ci', image: env.images.layered, ciConfig: strict, source: { kind: 'engine' } }, io));
    expect(fail.code).toBe(1);
    expect(fail.out).toMatch(/FAIL: highestWastedBytes: too many bytes wasted \(wasted-bytes=\d+ > threshold=1000\)/);
  });
});

describe('limits and damage', () => {
  it('says so when an archive is not an image or is cut short', async () => {
    const junk = join(dir, 'junk.tar');
    writeFileSync(junk, 'not a tar at all'.repeat(100));
    await expect(runLayers({ name: 'layers', image: '', json: false, source: { kind: 'archive', path: junk } }, io)).rejects.toThrow(/could not be read: This is not a tar archive/);
    await expect(runLayers({ name: 'layers', image: '', json: false, source: { kind: 'archive', path: join(dir, 'missing.tar') } }, io)).rejects.toThrow(/no archive at/);
  });
});
