// The pulls store over a fake subscription: several pulls at once, cancel
// unsubscribes (which stops the pull on the engine), a long pull notifies.
import { describe, expect, it, vi } from 'vitest';
import type { ClientOf, SubscriptionHandlers } from '../../../main/api/procedure';
import type { BerthRouter } from '../../../main/api/router';
import type { PullEvent } from '../../../main/images/pull';
import { createPulls } from '../../../renderer/src/state/pulls';

function fakeApi() {
  const subs: { input: { reference: string }; handlers: SubscriptionHandlers<PullEvent>; stopped: boolean }[] = [];
  const api = {
    images: {
      pull: {
        subscribe: (input: { reference: string }, handlers: SubscriptionHandlers<PullEvent>) => {
          const sub = { input, handlers, stopped: false };
          subs.push(sub);
          return () => (sub.stopped = true);
        },
      },
    },
  } as unknown as ClientOf<BerthRouter>;
  return { api, subs };
}

const progress = (fraction: number) => ({ layers: [], fraction, downloaded: 0, totalKnown: 0, bytesPerSecond: 0, status: null, digest: null, upToDate: false, error: null });

describe('pulls store', () => {
  it('runs several pulls at once and follows each to its end', () => {
    const { api, subs } = fakeApi();
    const pulls = createPulls(api, 'local');
    const a = pulls.start('nginx');
    const b = pulls.start('localhost:5000/web:1');
    expect(subs.map((s) => s.input.reference)).toEqual(['nginx', 'localhost:5000/web:1']);
    subs[0]!.handlers.onData({ reference: 'nginx:latest', phase: 'pulling', progress: progress(0.5) });
    subs[1]!.handlers.onError?.({ code: 'NOT_FOUND', message: 'localhost:5000/web:1 does not exist' });
    subs[0]!.handlers.onEnd?.();
    const byKey = new Map(pulls.items.get().map((i) => [i.key, i]));
    expect(byKey.get(a)).toMatchObject({ reference: 'nginx:latest', phase: 'done' });
    expect(byKey.get(b)).toMatchObject({ phase: 'failed', error: 'localhost:5000/web:1 does not exist' });
  });

  it('cancel stops the subscription and marks the pull cancelled', () => {
    const { api, subs } = fakeApi();
    const pulls = createPulls(api, 'local');
    const key = pulls.start('nginx');
    pulls.cancel(key);
    expect(subs[0]!.stopped).toBe(true);
    expect(pulls.items.get()[0]!.phase).toBe('cancelled');
    pulls.dismiss(key);
    expect(pulls.items.get()).toEqual([]);
  });

  it('notifies when a long pull ends, not a short one', () => {
    vi.useFakeTimers();
    try {
      const { api, subs } = fakeApi();
      const notify = vi.fn();
      const pulls = createPulls(api, 'local', notify);
      pulls.start('quick');
      subs[0]!.handlers.onEnd?.();
      pulls.start('slow');
      vi.advanceTimersByTime(30_000);
      subs[1]!.handlers.onEnd?.();
      expect(notify).toHaveBeenCalledTimes(1);
      expect(notify.mock.calls[0]![0]).toBe('Pulled slow');
    } finally {
      vi.useRealTimers();
    }
  });
});
