import { describe, expect, it } from 'vitest';
import {
  containerComparators,
  countByStateFilter,
  filterContainers,
  matchesContainerQuery,
  parseQuery,
  parseStatusAge,
  stateGroup,
} from '../../../renderer/src/lib/containers';
import { sortRows } from '../../../renderer/src/lib/sort';
import { container, port } from './fixtures';

const rows = [
  container({ id: 'aaa111', name: 'web-1', image: 'nginx:1.27', state: 'running', ports: [port(80, 8080)] }),
  container({ id: 'bbb222', name: 'web-10', image: 'nginx:1.27', state: 'exited', status: 'Exited (0) 2 hours ago' }),
  container({ id: 'ccc333', name: 'db', image: 'postgres:16', state: 'paused', status: 'Up 2 days (Paused)', ports: [port(5432)] }),
  container({ id: 'ddd444', name: 'web-2', image: 'nginx:1.27', state: 'restarting', status: 'Restarting (1) 5 seconds ago' }),
  container({ id: 'eee555', name: 'job', image: 'busybox', state: 'created', status: 'Created' }),
];

describe('state filter', () => {
  it('groups states the way the engine counts them', () => {
    expect(stateGroup('running')).toBe('running');
    expect(stateGroup('restarting')).toBe('running');
    expect(stateGroup('paused')).toBe('paused');
    for (const s of ['created', 'exited', 'dead', 'removing'] as const) expect(stateGroup(s)).toBe('stopped');
  });
  it('counts each group', () => {
    expect(countByStateFilter(rows)).toEqual({ all: 5, running: 2, paused: 1, stopped: 2 });
  });
  it('filters by group', () => {
    expect(filterContainers(rows, '', 'running').map((r) => r.name)).toEqual(['web-1', 'web-2']);
    expect(filterContainers(rows, '', 'stopped').map((r) => r.name)).toEqual(['web-10', 'job']);
    expect(filterContainers(rows, '', 'all')).toHaveLength(5);
  });
});

describe('text filter', () => {
  it('splits into lowercase terms and reads -> as the arrow', () => {
    expect(parseQuery('  Web  8080->80 ')).toEqual(['web', '8080→80']);
  });
  it('matches name, image and ports as substrings', () => {
    expect(filterContainers(rows, 'WEB', 'all').map((r) => r.name)).toEqual(['web-1', 'web-10', 'web-2']);
    expect(filterContainers(rows, 'postgres', 'all').map((r) => r.name)).toEqual(['db']);
    expect(filterContainers(rows, '8080', 'all').map((r) => r.name)).toEqual(['web-1']);
    expect(filterContainers(rows, '8080->80/tcp', 'all').map((r) => r.name)).toEqual(['web-1']);
    expect(filterContainers(rows, '5432', 'all').map((r) => r.name)).toEqual(['db']);
  });
  it('matches ids by prefix only', () => {
    expect(matchesContainerQuery(rows[0]!, ['aaa1'])).toBe(true);
    expect(matchesContainerQuery(rows[0]!, ['a111'])).toBe(false);
  });
  it('needs every term to match, and combines with the state filter', () => {
    expect(filterContainers(rows, 'web nginx', 'all')).toHaveLength(3);
    expect(filterContainers(rows, 'web postgres', 'all')).toHaveLength(0);
    expect(filterContainers(rows, 'web', 'stopped').map((r) => r.name)).toEqual(['web-10']);
  });
});

describe('status age', () => {
  it('reads the engine’s human durations', () => {
    expect(parseStatusAge('Up 3 minutes')).toBe(180);
    expect(parseStatusAge('Up Less than a second')).toBe(0);
    expect(parseStatusAge('Exited (0) About an hour ago')).toBe(3600);
    expect(parseStatusAge('Up About a minute (healthy)')).toBe(60);
    expect(parseStatusAge('Up 2 days (Paused)')).toBe(172800);
    expect(parseStatusAge('Created')).toBeNull();
  });
});

describe('sorting', () => {
  const names = (key: keyof typeof containerComparators, dir: 'asc' | 'desc' = 'asc') => sortRows(rows, containerComparators[key], dir).map((r) => r.name);
  it('sorts names naturally', () => {
    expect(names('name')).toEqual(['db', 'job', 'web-1', 'web-2', 'web-10']);
    expect(names('name', 'desc')).toEqual(['web-10', 'web-2', 'web-1', 'job', 'db']);
  });
  it('sorts by state with running first', () => {
    expect(names('state')).toEqual(['web-1', 'web-2', 'db', 'job', 'web-10']);
  });
  it('sorts by status: live containers first, most recent change first', () => {
    expect(names('status')).toEqual(['web-2', 'web-1', 'db', 'web-10', 'job']);
  });
  it('sorts by ports: published first, containers without ports last', () => {
    expect(names('ports')).toEqual(['web-1', 'db', 'job', 'web-2', 'web-10']);
  });
  it('sorts by image, then name', () => {
    expect(names('image')).toEqual(['job', 'web-1', 'web-2', 'web-10', 'db']);
  });
  it('sorts by creation time, then by name in the same direction', () => {
    const timed = [container({ id: 'b', created: 5 }), container({ id: 'a', created: 5 }), container({ id: 'c', created: 1 })];
    expect(sortRows(timed, containerComparators.created, 'desc').map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortRows(timed, containerComparators.created, 'asc').map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });
});
