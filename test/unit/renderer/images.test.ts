import { describe, expect, it } from 'vitest';
import { countByImageFilter, filterImages, imageComparators, imageLabel, imageTags, isDangling, parseImageRef } from '../../../renderer/src/lib/images';
import { sortRows } from '../../../renderer/src/lib/sort';
import { image } from './fixtures';

const rows = [
  image({ id: 'sha256:aaaa1111', repoTags: ['nginx:1.27', 'nginx:latest'], size: 190_000_000, sharedSize: 0, containers: 3, created: 300 }),
  image({ id: 'sha256:bbbb2222', repoTags: ['<none>:<none>'], dangling: true, size: 5_000_000, created: 100 }),
  image({ id: 'sha256:cccc3333', repoTags: ['registry.local:5000/team/api:2.0'], repoDigests: ['registry.local:5000/team/api@sha256:feed'], size: 80_000_000, sharedSize: 70_000_000, created: 200 }),
  image({ id: 'sha256:dddd4444', repoTags: ['alpine:3.20'], size: 8_000_000, containers: 1, created: 50 }),
];

describe('references', () => {
  it('splits repository and tag, minding registry ports', () => {
    expect(parseImageRef('nginx:1.27')).toEqual({ repository: 'nginx', tag: '1.27' });
    expect(parseImageRef('registry.local:5000/team/api')).toEqual({ repository: 'registry.local:5000/team/api', tag: '' });
    expect(parseImageRef('registry.local:5000/team/api:2.0')).toEqual({ repository: 'registry.local:5000/team/api', tag: '2.0' });
    expect(parseImageRef('alpine@sha256:abc')).toEqual({ repository: 'alpine', tag: '' });
  });
  it('hides the <none>:<none> placeholder and labels dangling images <none>', () => {
    expect(imageTags(rows[1]!)).toEqual([]);
    expect(imageLabel(rows[1]!)).toBe('<none>');
    expect(isDangling(rows[1]!)).toBe(true);
    expect(isDangling(image({ id: 'x', repoTags: [] }))).toBe(true);
    expect(imageLabel(rows[0]!)).toBe('nginx:1.27');
  });
});

describe('filters', () => {
  it('counts each filter', () => {
    expect(countByImageFilter(rows)).toEqual({ all: 4, 'in-use': 2, unused: 2, dangling: 1 });
  });
  it('filters by use and by dangling', () => {
    expect(filterImages(rows, '', 'in-use').map(imageLabel)).toEqual(['nginx:1.27', 'alpine:3.20']);
    expect(filterImages(rows, '', 'unused').map(imageLabel)).toEqual(['<none>', 'registry.local:5000/team/api:2.0']);
    expect(filterImages(rows, '', 'dangling').map((r) => r.id)).toEqual(['sha256:bbbb2222']);
  });
  it('matches any tag, digest, <none>, or an id prefix', () => {
    expect(filterImages(rows, 'latest', 'all').map((r) => r.id)).toEqual(['sha256:aaaa1111']);
    expect(filterImages(rows, 'team/api', 'all').map((r) => r.id)).toEqual(['sha256:cccc3333']);
    expect(filterImages(rows, 'sha256:feed', 'all').map((r) => r.id)).toEqual(['sha256:cccc3333']);
    expect(filterImages(rows, '<none>', 'all').map((r) => r.id)).toEqual(['sha256:bbbb2222']);
    expect(filterImages(rows, 'dddd', 'all').map((r) => r.id)).toEqual(['sha256:dddd4444']);
    expect(filterImages(rows, 'sha256:dddd', 'all').map((r) => r.id)).toEqual(['sha256:dddd4444']);
    expect(filterImages(rows, '4444', 'all')).toEqual([]);
  });
});

describe('sorting', () => {
  const ids = (key: keyof typeof imageComparators, dir: 'asc' | 'desc' = 'asc') => sortRows(rows, imageComparators[key], dir).map((r) => r.id.slice(7, 11));
  it('sorts by name with dangling images last', () => {
    expect(ids('name')).toEqual(['dddd', 'aaaa', 'cccc', 'bbbb']);
  });
  it('sorts by size, shared size (unknown last), created and containers', () => {
    expect(ids('size', 'desc')).toEqual(['aaaa', 'cccc', 'dddd', 'bbbb']);
    expect(ids('shared')).toEqual(['aaaa', 'cccc', 'dddd', 'bbbb']);
    expect(ids('created', 'desc')).toEqual(['aaaa', 'cccc', 'bbbb', 'dddd']);
    expect(ids('containers', 'desc')).toEqual(['aaaa', 'dddd', 'bbbb', 'cccc']);
  });
});
