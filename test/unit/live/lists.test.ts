import { describe, expect, it } from 'vitest';
import { Feed } from '../../../main/live/feed';
import { effectOf } from '../../../main/live/effects';
import { byCreatedDesc, RowTable } from '../../../main/live/rows';
import { retryDelay } from '../../../main/live/backoff';
import type { ContainerRow } from '../../../main/engines/types';
import { container } from './fake-engine';
import { reader } from './reader';

describe('row table', () => {
  it('patches only what really changed', () => {
    const t = new RowTable<ContainerRow>(byCreatedDesc);
    t.replace([container('c1'), container('c2')]);
    expect(t.apply([container('c1')], [])).toBeNull();
    expect(t.apply([container('c1', 'sha256:base', 'exited')], ['c2', 'nope'])).toEqual({ type: 'patch', upsert: [container('c1', 'sha256:base', 'exited')], remove: ['c2'] });
  });

  it('syncs to a full list, and refreshes some ids to what the engine returned for them', () => {
    const t = new RowTable<ContainerRow>(byCreatedDesc);
    t.replace([container('c1'), container('c2')]);
    expect(t.sync([container('c2'), container('c3')])).toEqual({ type: 'patch', upsert: [container('c3')], remove: ['c1'] });
    // c2 was asked for and not returned: it is gone; c4 was returned: it is new.
    expect(t.refresh(['c2', 'c4'], [container('c4')])).toEqual({ type: 'patch', upsert: [container('c4')], remove: ['c2'] });
    expect(t.list().map((r) => r.id)).toEqual(['c4', 'c3']);
  });
});

describe('feed', () => {
  it('gives the initial events first, then what is published, and ends on abort', async () => {
    const feed = new Feed<number>();
    const controller = new AbortController();
    const r = reader(feed.subscribe(controller.signal, [1]));
    feed.publish(2);
    expect(await r.next((n) => n === 2)).toBe(2);
    controller.abort();
    await r.done;
    expect(r.seen).toEqual([1, 2]);
    expect(feed.size).toBe(0);
  });

  it('replaces the backlog of a watcher that does not read with one resync event', async () => {
    const feed = new Feed<string>({ maxQueue: 3, resync: () => 'snapshot' });
    const iterator = feed.subscribe(new AbortController().signal, [])[Symbol.asyncIterator]();
    for (const e of ['a', 'b', 'c', 'd']) feed.publish(e);
    expect(await iterator.next()).toEqual({ value: 'snapshot', done: false });
    feed.end();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('keeps only the latest event for a status watcher', async () => {
    const feed = new Feed<string>({ latestOnly: true });
    const iterator = feed.subscribe(new AbortController().signal, [])[Symbol.asyncIterator]();
    feed.publish('connecting');
    feed.publish('offline');
    expect(await iterator.next()).toEqual({ value: 'offline', done: false });
  });

  it('ends at once for an already aborted signal, and stops on break', async () => {
    const feed = new Feed<number>();
    const controller = new AbortController();
    controller.abort();
    const seen: number[] = [];
    for await (const n of feed.subscribe(controller.signal, [1])) seen.push(n);
    expect(feed.size).toBe(0);
    for await (const n of feed.subscribe(new AbortController().signal, [5])) {
      seen.push(n);
      break;
    }
    expect(seen).toEqual([1, 5]);
    expect(feed.size).toBe(0);
  });
});

describe('event effects', () => {
  it('re-fetches a container for state changes but not for exec or attach', () => {
    expect(effectOf({ type: 'container', action: 'start', id: 'c1', timeNano: 0 })).toEqual({ container: 'c1', images: false });
    expect(effectOf({ type: 'container', action: 'health_status', id: 'c1', timeNano: 0 }).container).toBe('c1');
    expect(effectOf({ type: 'container', action: 'exec_start', id: 'c1', timeNano: 0 }).container).toBeNull();
    expect(effectOf({ type: 'container', action: 'commit', id: 'c1', timeNano: 0 })).toEqual({ container: 'c1', images: true });
  });

  it('re-lists images for image changes but not for a push', () => {
    expect(effectOf({ type: 'image', action: 'untag', id: 'sha256:x', timeNano: 0 }).images).toBe(true);
    expect(effectOf({ type: 'image', action: 'push', id: 'sha256:x', timeNano: 0 }).images).toBe(false);
  });
});

describe('retry delays', () => {
  it('start quick and never exceed 2 s', () => {
    expect([0, 1, 2, 3, 4, 50].map((n) => retryDelay(n))).toEqual([250, 500, 1000, 2000, 2000, 2000]);
  });
});
