import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay } from '../../../renderer/src/lib/backoff';
import { fixHints, guessPlatform } from '../../../renderer/src/lib/probe';
import { formatRoute, parentView, parseRoute } from '../../../renderer/src/lib/route';
import { ariaSort, compareNullableNumber, compareText, nextSort, sortRows } from '../../../renderer/src/lib/sort';
import type { ProbeAttempt } from '../../../main/engines/types';

describe('backoff', () => {
  it('starts fast and levels off', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });
  it('jitters by at most 20% and never past the cap', () => {
    expect(backoffDelay(2, 0)).toBe(800);
    expect(backoffDelay(2, 1)).toBe(1200);
    expect(backoffDelay(9, 1)).toBe(BACKOFF_MAX_MS);
  });
});

describe('sort helpers', () => {
  it('compares text naturally and case-insensitively', () => {
    expect(['b', 'a10', 'A2', 'a1'].sort(compareText)).toEqual(['a1', 'A2', 'a10', 'b']);
  });
  it('puts nulls last', () => {
    expect([3, null, 1].sort(compareNullableNumber)).toEqual([1, 3, null]);
  });
  it('cycles a column and starts a new one in its default direction', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort<'name' | 'created'>({ key: 'name', dir: 'asc' }, 'created', 'desc')).toEqual({ key: 'created', dir: 'desc' });
  });
  it('reports aria-sort', () => {
    expect(ariaSort({ key: 'name', dir: 'asc' }, 'name')).toBe('ascending');
    expect(ariaSort({ key: 'name', dir: 'desc' }, 'name')).toBe('descending');
    expect(ariaSort<'name' | 'x'>({ key: 'name', dir: 'desc' }, 'x')).toBe('none');
  });
  it('sorts a copy, stable by id', () => {
    const rows = [{ id: 'b', v: 1 }, { id: 'a', v: 1 }];
    const sorted = sortRows(rows, (x, y) => x.v - y.v, 'asc');
    expect(sorted.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rows.map((r) => r.id)).toEqual(['b', 'a']);
  });
});

describe('routes', () => {
  it('parses views and params', () => {
    expect(parseRoute('#/images?filter=dangling&q=web')).toEqual({ view: 'images', params: { filter: 'dangling', q: 'web' } });
    expect(parseRoute('#/engine')).toEqual({ view: 'engine', params: {} });
    expect(parseRoute('')).toEqual({ view: 'containers', params: {} });
    expect(parseRoute('#/nope')).toEqual({ view: 'containers', params: {} });
  });
  it('formats without empty params, round-tripping', () => {
    expect(formatRoute({ view: 'containers', params: { state: 'running', q: '' } })).toBe('#/containers?state=running');
    const route = { view: 'images' as const, params: { q: 'a b&c' } };
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });
  it('puts a container\'s resources under the view that opened them (the sidebar lights it, the back link returns to it)', () => {
    expect(parentView(parseRoute('#/stats?from=containers&id=web'))).toBe('containers');
    expect(parentView(parseRoute('#/stats?id=web'))).toBe('resources');
    expect(parentView(parseRoute('#/container?id=web'))).toBe('containers');
    expect(parentView(parseRoute('#/resources'))).toBeNull();
  });
});

describe('fix hints', () => {
  const attempt = (endpoint: string, outcome: ProbeAttempt['outcome'], source = 'default'): ProbeAttempt => ({ endpoint, source, outcome, detail: '' });
  it('guesses the platform from the endpoints tried', () => {
    expect(guessPlatform({ endpoint: null, tried: [attempt('npipe:////./pipe/docker_engine', 'missing')] })).toBe('windows');
    expect(guessPlatform({ endpoint: null, tried: [attempt('unix:///Users/me/.colima/default/docker.sock', 'missing')] })).toBe('mac');
    expect(guessPlatform({ endpoint: null, tried: [attempt('unix:///var/run/docker.sock', 'missing')] })).toBe('linux');
    expect(guessPlatform({ endpoint: null, tried: [attempt('unix:///home/me/.colima/default/docker.sock', 'refused')] })).toBe('linux');
  });
  it('gives one hint per kind of failure, the most telling first', () => {
    const hints = fixHints({
      endpoint: null,
      tried: [attempt('unix:///var/run/docker.sock', 'permission'), attempt('unix:///run/user/1000/podman/podman.sock', 'missing'), attempt('unix:///x', 'missing')],
    });
    expect(hints.map((h) => h.outcome)).toEqual(['permission', 'missing']);
    expect(hints[0]!.commands).toContain('sudo usermod -aG docker $USER');
  });
  it('still says something when nothing was tried', () => {
    expect(fixHints({ endpoint: null, tried: [] }).map((h) => h.outcome)).toEqual(['none']);
  });
});
