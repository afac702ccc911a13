import { describe, expect, it } from 'vitest';
import { applyListEvent, applyListEvents } from '../../../renderer/src/lib/list-events';
import { container } from './fixtures';

describe('applyListEvent', () => {
  it('replaces everything on a snapshot', () => {
    const rows = new Map([['old', container({ id: 'old' })]]);
    expect(applyListEvent(rows, { type: 'snapshot', rows: [container({ id: 'a' }), container({ id: 'b' })] })).toBe(true);
    expect([...rows.keys()]).toEqual(['a', 'b']);
  });
  it('reports no change for an empty snapshot of an empty list', () => {
    expect(applyListEvent(new Map(), { type: 'snapshot', rows: [] })).toBe(false);
  });
  it('upserts and removes on a patch', () => {
    const a = container({ id: 'a' });
    const rows = new Map([
      ['a', a],
      ['b', container({ id: 'b' })],
    ]);
    const a2 = container({ id: 'a', state: 'exited' });
    expect(applyListEvent(rows, { type: 'patch', upsert: [a2, container({ id: 'c' })], remove: ['b'] })).toBe(true);
    expect(rows.get('a')).toBe(a2);
    expect([...rows.keys()].sort()).toEqual(['a', 'c']);
  });
  it('removes before upserting, so a patch can replace a row under the same id', () => {
    const rows = new Map([['a', container({ id: 'a' })]]);
    const next = container({ id: 'a', name: 'renamed' });
    applyListEvent(rows, { type: 'patch', upsert: [next], remove: ['a'] });
    expect(rows.get('a')).toBe(next);
  });
  it('reports no change for a patch that changes nothing', () => {
    const a = container({ id: 'a' });
    const rows = new Map([['a', a]]);
    expect(applyListEvent(rows, { type: 'patch', upsert: [a], remove: ['missing'] })).toBe(false);
  });
  it('applies a sequence of events', () => {
    const rows = new Map();
    const changed = applyListEvents(rows, [
      { type: 'snapshot', rows: [container({ id: 'a' })] },
      { type: 'patch', upsert: [container({ id: 'b' })], remove: [] },
      { type: 'patch', upsert: [], remove: ['a'] },
    ]);
    expect(changed).toBe(true);
    expect([...rows.keys()]).toEqual(['b']);
  });
});
