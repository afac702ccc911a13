import { describe, expect, it } from 'vitest';
import { visibleRows, type TreeEntry } from '../../../main/layers/tree';
import { sharedLayers } from '../../../main/layers/shared';

const entry = (path: string, type: TreeEntry['type'], size: number, change: TreeEntry['change']): TreeEntry => ({ path, type, size, mode: 0o644, uid: 0, gid: 0, linkTarget: '', change });
const entries = [
  entry('/etc', 'dir', 0, 'unmodified'),
  entry('/etc/passwd', 'file', 10, 'modified'),
  entry('/etc/big', 'file', 500, 'added'),
  entry('/usr', 'dir', 0, 'added'),
  entry('/usr/lib/x.so', 'file', 100, 'added'),
  entry('/gone', 'file', 7, 'removed'),
];
const all = { changes: [], path: '', sort: 'name' as const, expand: 'all' as const, toggled: [] };

describe('the file tree', () => {
  it('nests entries under their directories, sizes directories by what is below', () => {
    const rows = visibleRows(entries, all);
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.name} ${r.size}`)).toEqual(['etc 510', '  big 500', '  passwd 10', 'gone 7', 'usr 100', '  lib 100', '    x.so 100']);
  });

  it('filters by change and by path, keeping the directories that lead to a match', () => {
    expect(visibleRows(entries, { ...all, changes: ['modified'] }).map((r) => r.path)).toEqual(['/etc', '/etc/passwd']);
    expect(visibleRows(entries, { ...all, path: '\\.so$' }).map((r) => r.path)).toEqual(['/usr', '/usr/lib', '/usr/lib/x.so']);
    expect(() => visibleRows(entries, { ...all, path: '(' })).toThrow(/not a valid regular expression/);
  });

  it('sorts by size and collapses, with single directories toggled open', () => {
    expect(visibleRows(entries, { ...all, sort: 'size', expand: 'none' }).map((r) => `${r.name} ${r.open}`)).toEqual(['etc false', 'usr false', 'gone false']);
    expect(visibleRows(entries, { ...all, expand: 'none', toggled: ['/usr'] }).map((r) => r.path)).toEqual(['/etc', '/gone', '/usr', '/usr/lib']);
  });
});

describe('shared layers', () => {
  it('tells what images would take unshared against what the disk holds', () => {
    const report = sharedLayers([
      { id: 'a', tags: ['app:1'], layers: [{ diffId: 'base', size: 100 }, { diffId: 'a1', size: 10 }] },
      { id: 'b', tags: ['app:2'], layers: [{ diffId: 'base', size: 100 }, { diffId: 'b1', size: 20 }] },
    ]);
    expect(report.unsharedBytes).toBe(230);
    expect(report.actualBytes).toBe(130);
    expect(report.shared).toEqual([{ diffId: 'base', size: 100, images: ['a', 'b'] }]);
    expect(report.images[0]).toEqual({ id: 'a', tags: ['app:1'], size: 110, sharedSize: 100 });
  });
});
