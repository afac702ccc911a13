import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LayerLimitError, LayerReader, type LayerIndex } from '../../../main/layers/layer';
import { displayName } from '../../../main/layers/names';
import { stackLayers } from '../../../main/layers/stack';
import { TarError } from '../../../main/layers/tar';
import { chunks, tar, type TarItem } from './tar-builder';

function layer(items: TarItem[], chunkSize = 65536): LayerIndex {
  const reader = new LayerReader();
  for (const c of chunks(tar(items), chunkSize)) reader.write(c);
  return reader.finish();
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const pick = (l: LayerIndex) => l.entries.map((e) => ({ path: e.path, type: e.type, size: e.size, link: e.linkTarget }));

describe('reading a layer tar', () => {
  const long = `a/${'d'.repeat(120)}/${'f'.repeat(150)}.txt`;

  it('reads names in every long-name form, with the same result whatever the chunking', () => {
    const items: TarItem[] = [
      { name: 'etc', type: 'dir' },
      { name: 'etc/passwd', content: 'root:x:0:0\n', uid: 0, gid: 0, mode: 0o644 },
      { name: long, content: 'gnu', longNames: 'gnu' },
      { name: `b/${'p'.repeat(120)}`, content: 'pax', longNames: 'pax' },
      { name: `c/${'u'.repeat(90)}/${'x'.repeat(60)}`, content: 'prefix', longNames: 'ustar-prefix' },
      { name: 'link-to-long', type: 'symlink', linkname: `/${'t'.repeat(200)}`, longNames: 'pax' },
      { name: 'gnu-link', type: 'symlink', linkname: `/${'g'.repeat(200)}`, longNames: 'gnu' },
      { name: 'hard', type: 'hardlink', linkname: 'etc/passwd' },
      { name: 'dev/null', type: 'char' },
      { name: 'fifo', type: 'fifo' },
    ];
    const whole = layer(items);
    expect(pick(whole)).toEqual([
      { path: '/etc', type: 'dir', size: 0, link: '' },
      { path: '/etc/passwd', type: 'file', size: 11, link: '' },
      { path: `/${long}`, type: 'file', size: 3, link: '' },
      { path: `/b/${'p'.repeat(120)}`, type: 'file', size: 3, link: '' },
      { path: `/c/${'u'.repeat(90)}/${'x'.repeat(60)}`, type: 'file', size: 6, link: '' },
      { path: '/link-to-long', type: 'symlink', size: 0, link: `/${'t'.repeat(200)}` },
      { path: '/gnu-link', type: 'symlink', size: 0, link: `/${'g'.repeat(200)}` },
      { path: '/hard', type: 'hardlink', size: 0, link: '/etc/passwd' },
      { path: '/dev/null', type: 'char', size: 0, link: '' },
      { path: '/fifo', type: 'fifo', size: 0, link: '' },
    ]);
    expect(whole.entries[1]!.hash).toBe(sha('root:x:0:0\n'));
    expect(whole.diffId).toBe(`sha256:${createHash('sha256').update(tar(items)).digest('hex')}`);
    expect(layer(items, 1)).toEqual(whole);
    expect(layer(items, 511)).toEqual(whole);
  });

  it('takes size, uid and gid from PAX records (files over 8 GiB and big ids need them)', () => {
    const l = layer([{ name: 'f', content: 'abc', uid: 5, pax: { uid: '2000000000', gid: '3000000000' } }]);
    expect(l.entries[0]).toMatchObject({ uid: 2000000000, gid: 3000000000, size: 3 });
  });

  it('keeps names that are not UTF-8 distinct and shows their bytes', () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1
    const utf8 = new TextEncoder().encode('café');
    const l = layer([{ name: latin1, content: '1' }, { name: utf8, content: '2' }]);
    expect(l.entries.map((e) => e.path)).toHaveLength(2);
    expect(new Set(l.entries.map((e) => e.path)).size).toBe(2);
    expect(displayName(l.entries[0]!.path)).toBe('/caf\\xe9');
    expect(l.entries[1]!.path).toBe('/café');
  });

  it('records whiteouts and opaque directories apart from entries', () => {
    const l = layer([
      { name: 'data', type: 'dir' },
      { name: 'data/.wh.remove', content: '' },
      { name: 'opt/opaque', type: 'dir' },
      { name: 'opt/opaque/.wh..wh..opq', content: '' },
      { name: 'opt/opaque/new.txt', content: 'new\n' },
    ]);
    expect(l.whiteouts).toEqual(['/data/remove']);
    expect(l.opaques).toEqual(['/opt/opaque']);
    expect(l.entries.map((e) => e.path)).toEqual(['/data', '/opt/opaque', '/opt/opaque/new.txt']);
  });

  it('says so when an archive is truncated or is not a tar', () => {
    const bytes = tar([{ name: 'f', content: 'x'.repeat(2000) }], { end: false });
    const cut = new LayerReader();
    cut.write(bytes.subarray(0, 1000));
    expect(() => cut.finish()).toThrow(/truncated/);
    const junk = new LayerReader();
    expect(() => junk.write(new TextEncoder().encode('{"not":"a tar"}'.padEnd(600, ' ')))).toThrow(TarError);
  });

  it('stops at the entry cap with a message instead of growing without bound', () => {
    const reader = new LayerReader(100);
    const items = Array.from({ length: 150 }, (_, i) => ({ name: `f${i}`, content: '' }));
    expect(() => reader.write(tar(items))).toThrow(LayerLimitError);
    expect(() => new LayerReader(100).write(tar(items))).toThrow(/more than 100 entries/);
  });
});

describe('stacking layers', () => {
  const base = layer([
    { name: 'bin', type: 'dir' },
    { name: 'bin/sh', content: 'shell' },
    { name: 'data', type: 'dir' },
    { name: 'data/remove', type: 'dir' },
    { name: 'data/remove/big.bin', content: 'B'.repeat(1000) },
    { name: 'data/keep.txt', content: 'kept' },
    { name: 'opt', type: 'dir' },
    { name: 'opt/opaque', type: 'dir' },
    { name: 'opt/opaque/old.txt', content: 'old' },
    { name: 'opt/opaque/sub', type: 'dir' },
    { name: 'opt/opaque/sub/deep.txt', content: 'deep' },
    { name: 'swap', type: 'dir' },
    { name: 'swap/child', content: 'c' },
    { name: 'tofile', content: 'plain' },
  ]);
  const top = layer([
    { name: 'data', type: 'dir' },
    { name: 'data/.wh.remove', content: '' },
    { name: 'data/keep.txt', content: 'KEPT' },
    { name: 'bin', type: 'dir' },
    { name: 'bin/sh', content: 'shell' },
    { name: 'opt/opaque', type: 'dir' },
    { name: 'opt/opaque/.wh..wh..opq', content: '' },
    { name: 'opt/opaque/old.txt', content: 'old' },
    { name: 'swap', content: 'now a file' },
    { name: 'tofile', type: 'dir' },
    { name: 'tofile/inside', content: 'i' },
  ]);

  it('applies whiteouts, opaque directories and type replacements like the engine', () => {
    const { aggregate } = stackLayers([base, top]);
    expect(aggregate.map((e) => `${e.path} ${e.type}`)).toEqual([
      '/bin dir',
      '/bin/sh file',
      '/data dir',
      '/data/keep.txt file',
      '/opt dir',
      '/opt/opaque dir',
      '/opt/opaque/old.txt file',
      '/swap file',
      '/tofile dir',
      '/tofile/inside file',
    ]);
  });

  it('classifies by content: same size but other bytes is modified, a rewrite of the same bytes is not', () => {
    const { changes } = stackLayers([base, top]);
    const kinds = Object.fromEntries(changes[1]!.map((e) => [e.path, e.change]));
    expect(kinds).toEqual({
      '/data': 'unmodified',
      '/data/keep.txt': 'modified',
      '/bin': 'unmodified',
      '/bin/sh': 'unmodified',
      '/opt/opaque': 'unmodified',
      '/opt/opaque/old.txt': 'unmodified',
      '/swap': 'modified',
      '/tofile': 'modified',
      '/tofile/inside': 'added',
      '/data/remove': 'removed',
      '/data/remove/big.bin': 'removed',
      '/opt/opaque/sub': 'removed',
      '/opt/opaque/sub/deep.txt': 'removed',
      '/swap/child': 'removed',
    });
    expect(changes[0]!.every((e) => e.change === 'added')).toBe(true);
  });

  it('writes hard links the way docker export does: the first path in walk order holds the content', () => {
    const l = layer([
      { name: 'z', type: 'dir' },
      { name: 'z/original', content: 'same inode' },
      { name: 'a-link', type: 'hardlink', linkname: 'z/original' },
      { name: 'm', type: 'hardlink', linkname: 'z/original' },
    ]);
    const removeFirst = layer([{ name: '.wh.a-link', content: '' }]);
    expect(stackLayers([l]).aggregate.map((e) => [e.path, e.type, e.size, e.linkTarget])).toEqual([
      ['/a-link', 'file', 10, ''],
      ['/m', 'hardlink', 0, '/a-link'],
      ['/z', 'dir', 0, ''],
      ['/z/original', 'hardlink', 0, '/a-link'],
    ]);
    expect(stackLayers([l, removeFirst]).aggregate.filter((e) => e.type !== 'dir').map((e) => [e.path, e.type, e.linkTarget])).toEqual([
      ['/m', 'file', ''],
      ['/z/original', 'hardlink', '/m'],
    ]);
  });

  it('sorts like a directory walk: a/b before a-c', () => {
    const l = layer([{ name: 'a-c', content: '' }, { name: 'a', type: 'dir' }, { name: 'a/b', content: '' }]);
    expect(stackLayers([l]).aggregate.map((e) => e.path)).toEqual(['/a', '/a/b', '/a-c']);
  });

  it('scores efficiency as dive does and counts only the copies beyond the one kept as wasted', () => {
    const one = layer([{ name: 'f', content: 'x'.repeat(100) }]);
    const two = layer([{ name: 'f', content: 'y'.repeat(100) }]);
    const three = layer([{ name: 'f', content: 'z'.repeat(100) }]);
    const e = stackLayers([one, two, three]).efficiency;
    // dive: smallest 100 over all copies 300; wasted: two copies nobody sees (dive would say 300).
    expect(e.score).toBeCloseTo(100 / 300);
    expect(e.wastedBytes).toBe(200);
    expect(e.userWastedPercent).toBeCloseTo(200 / 200);
    expect(e.inefficiencies).toEqual([
      {
        path: '/f',
        count: 3,
        cumulativeSize: 300,
        wastedBytes: 200,
        layers: [
          { layer: 0, size: 100, change: 'added' },
          { layer: 1, size: 100, change: 'modified' },
          { layer: 2, size: 100, change: 'modified' },
        ],
      },
    ]);
    expect(stackLayers([]).efficiency).toMatchObject({ score: 1, wastedBytes: 0, userWastedPercent: 0, inefficiencies: [] });
  });

  it('counts files hidden by a directory removal as wasted, which dive misses', () => {
    const e = stackLayers([base, top]).efficiency;
    const wasted = Object.fromEntries(e.inefficiencies.map((i) => [i.path, i.wastedBytes]));
    expect(wasted['/data/remove/big.bin']).toBe(1000);
    expect(wasted['/data/keep.txt']).toBe(4);
    expect(wasted['/bin/sh']).toBe(5);
    expect(wasted['/opt/opaque/sub/deep.txt']).toBe(4);
    expect(e.wastedBytes).toBe(1000 + 4 + 5 + 4 + 3 + 1 + 5);
  });
});
