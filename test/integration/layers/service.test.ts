// The explorer's main-process side against the private engine: analysis with
// progress, tree windows, layers shared between the fixture images, and a
// container's writable layer from the engine's changes API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { containerChanges, LayerService, sharedOnEngine } from '../../../main/layers/service';
import { docker } from '../../env';

const env = inject('testEnv');
const engine = new Docker({ socketPath: env.dockerSocket });
const dir = mkdtempSync(join(tmpdir(), 'berth-layer-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tree = { changes: [], path: '', sort: 'name' as const, expand: 'all' as const, toggled: [], offset: 0, limit: 500 };

describe('the layer explorer service', () => {
  it('analyses with progress, then serves each layer\'s changes and the filesystem up to it', async () => {
    const service = new LayerService({ cacheDir: join(dir, 'cache') });
    const phases: string[] = [];
    const done = await service.analyze('local', engine, env.images.layered, (p) => phases.push(p.phase));
    expect(phases).toContain('reading');
    expect(done.fromCache).toBe(false);
    const { summary } = done;
    expect(summary.cmd).toEqual(['httpd', '-f', '-p', '8080', '-h', '/app']);
    expect(summary.history.filter((h) => h.empty).map((h) => h.createdBy).join('\n')).toMatch(/EXPOSE/);
    const copy = await service.tree('local', engine, summary.id, { ...tree, layer: 2, view: 'changes', changes: ['added'] });
    expect(copy.rows.map((r) => r.path)).toEqual(['/app', '/app/hello.txt']);
    const upToCopy = await service.tree('local', engine, summary.id, { ...tree, layer: 2, view: 'aggregate', path: '^/data' });
    expect(upToCopy.rows.map((r) => r.path)).toContain('/data/remove/big.bin');
    const final = await service.tree('local', engine, summary.id, { ...tree, layer: 3, view: 'aggregate', path: '^/data' });
    expect(final.rows.map((r) => r.path)).toEqual(['/data', '/data/keep', '/data/keep/a.txt']);

    // A second service on the same cache opens the image without exporting it.
    const reopened = new LayerService({ cacheDir: join(dir, 'cache') });
    const warm = await reopened.analyze('local', engine, env.images.layered, (p) => phases.push(`warm ${p.phase}`));
    expect(warm.fromCache).toBe(true);
    expect(warm.summary).toEqual(summary);
    expect(phases.filter((p) => p.startsWith('warm'))).toEqual([]);
    const again = await reopened.tree('local', engine, summary.id, { ...tree, layer: 3, view: 'aggregate', path: '^/data' });
    expect(again.rows).toEqual(final.rows);
  });

  it('finds the layer the base and layered fixtures share', async () => {
    const report = await sharedOnEngine(engine);
    const baseId = (await engine.getImage(env.images.base).inspect()).Id;
    const layeredId = (await engine.getImage(env.images.layered).inspect()).Id;
    const baseLayer = report.shared.find((l) => l.images.includes(baseId) && l.images.includes(layeredId));
    expect(baseLayer?.size).toBeGreaterThan(0);
    expect(report.unsharedBytes).toBeGreaterThan(report.actualBytes);
  });

  it('shows what a container wrote on top of its image', async () => {
    const id = await docker(env, 'run', '-d', '--label', 'berth.test=layers', env.images.base, 'sleep', '600');
    try {
      await docker(env, 'exec', id, 'sh', '-c', 'echo hi > /tmp/new.txt && rm /etc/group');
      const layer = await containerChanges(engine, id);
      const rows = Object.fromEntries(layer.rows.map((r) => [r.path, r.change]));
      expect(rows['/tmp/new.txt']).toBe('added');
      expect(rows['/etc/group']).toBe('removed');
    } finally {
      await docker(env, 'rm', '-f', id);
    }
  });
});
