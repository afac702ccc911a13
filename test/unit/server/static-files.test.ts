import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStaticFile, resolveStaticPath } from '../../../main/server/static-files';

describe('serving the built renderer', () => {
  it('maps the root and client routes to index.html', () => {
    expect(resolveStaticPath('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/containers')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/assets/app.js')).toBe('/srv/r/assets/app.js');
  });

  it('never leaves the renderer folder', () => {
    expect(resolveStaticPath('/srv/r', '/../../etc/passwd.txt')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/%2e%2e/%2e%2e/etc/shadow.txt')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/assets/%00.js')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/%E0%A4%A.js')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/..%2fr2/x.js')).toBeNull();
  });

  it('reads files with their content type, and nothing for missing ones', async () => {
    const root = await mkdtemp(join(tmpdir(), 'berth-static-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'assets', 'a.js'), 'export {}');
    expect(await readStaticFile(root, '/')).toMatchObject({ contentType: 'text/html; charset=utf-8' });
    expect((await readStaticFile(root, '/assets/a.js'))?.body.toString()).toBe('export {}');
    expect(await readStaticFile(root, '/assets/missing.js')).toBeNull();
  });
});
