import { describe, expect, it, vi } from 'vitest';
import type { ClientMessage, MessagePipe, ServerMessage } from '../../../main/api/protocol';
import { createLink, type PipeOpener } from '../../../renderer/src/rpc/link';

class FakePipe implements MessagePipe<ClientMessage, ServerMessage> {
  sent: ClientMessage[] = [];
  private handlers: Array<(m: ServerMessage) => void> = [];
  private closers: Array<() => void> = [];
  constructor(readonly markOpen: () => void) {}
  send(message: ClientMessage) {
    this.sent.push(message);
  }
  onMessage(handler: (m: ServerMessage) => void) {
    this.handlers.push(handler);
  }
  onClose(handler: () => void) {
    this.closers.push(handler);
  }
  deliver(message: ServerMessage) {
    for (const h of this.handlers) h(message);
  }
  close() {
    for (const h of this.closers) h();
  }
  /** The id of the last message of a kind for a path. */
  idOf(t: 'call' | 'sub', path: string): number {
    const found = this.sent.filter((m): m is Extract<ClientMessage, { t: 'call' | 'sub' }> => m.t === t && m.path === path).at(-1);
    if (!found) throw new Error(`no ${t} for ${path}`);
    return found.id;
  }
}

function setup() {
  const pipes: FakePipe[] = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  let now = 1_000_000;
  const open: PipeOpener = (onOpen) => {
    const pipe = new FakePipe(onOpen);
    pipes.push(pipe);
    return pipe;
  };
  const link = createLink({
    open,
    now: () => now,
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => void ((handle as { cleared: boolean }).cleared = true),
  });
  const runTimers = () => {
    for (const t of timers.splice(0)) if (!t.cleared) t.fn();
  };
  const last = () => pipes.at(-1)!;
  return { link, pipes, timers, runTimers, last, advance: (ms: number) => (now += ms), now: () => now };
}

describe('link', () => {
  it('opens a pipe, reports open, and answers queries', async () => {
    const t = setup();
    expect(t.link.state.get().phase).toBe('connecting');
    t.last().markOpen();
    expect(t.link.state.get()).toMatchObject({ phase: 'open', wasOpen: true, opens: 1, attempt: 0 });
    const answer = t.link.api.engine.status.query({ host: 'local' });
    t.last().deliver({ t: 'result', id: t.last().idOf('call', 'engine.status'), data: { state: 'online' } });
    await expect(answer).resolves.toEqual({ state: 'online' });
  });

  it('re-subscribes on a new pipe after a close, without telling the subscriber about the close', () => {
    const t = setup();
    t.last().markOpen();
    const onData = vi.fn();
    const onError = vi.fn();
    t.link.api.containers.watch.subscribe({ host: 'local' }, { onData, onError });
    const first = t.last();
    first.deliver({ t: 'data', id: first.idOf('sub', 'containers.watch'), data: { type: 'snapshot', rows: [] } });
    expect(onData).toHaveBeenCalledTimes(1);

    first.close();
    expect(onError).not.toHaveBeenCalled();
    expect(t.link.state.get()).toMatchObject({ phase: 'closed', attempt: 1, retryAt: t.now() + 250 });
    expect(t.timers.at(-1)!.ms).toBe(250);

    t.runTimers();
    const second = t.last();
    expect(second).not.toBe(first);
    expect(second.sent).toEqual([{ t: 'sub', id: expect.any(Number), path: 'containers.watch', input: { host: 'local' } }]);
    second.markOpen();
    expect(t.link.state.get()).toMatchObject({ phase: 'open', attempt: 0, opens: 2 });

    // Late messages from the dead pipe are ignored; the new one's flow through.
    first.deliver({ t: 'data', id: first.idOf('sub', 'containers.watch'), data: 'stale' });
    second.deliver({ t: 'data', id: second.idOf('sub', 'containers.watch'), data: 'fresh' });
    expect(onData.mock.calls.map((c) => c[0])).toEqual([{ type: 'snapshot', rows: [] }, 'fresh']);
  });

  it('backs off while the server stays away, and resets once it is back', () => {
    const t = setup();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      t.last().close();
      delays.push(t.timers.at(-1)!.ms);
      t.runTimers();
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000]);
    expect(t.link.state.get().wasOpen).toBe(false);
    t.last().markOpen();
    t.last().close();
    expect(t.timers.at(-1)!.ms).toBe(250);
  });

  it('does not re-subscribe what was unsubscribed', () => {
    const t = setup();
    t.last().markOpen();
    const off = t.link.api.images.watch.subscribe({ host: 'local' }, { onData: () => {} });
    const id = t.last().idOf('sub', 'images.watch');
    off();
    expect(t.last().sent.at(-1)).toEqual({ t: 'unsub', id });
    t.last().close();
    t.runTimers();
    expect(t.last().sent).toEqual([]);
  });

  it('passes a server-side subscription error on and forgets the subscription', () => {
    const t = setup();
    t.last().markOpen();
    const onError = vi.fn();
    t.link.api.containers.watch.subscribe({ host: 'local' }, { onData: () => {}, onError });
    t.last().deliver({ t: 'error', id: t.last().idOf('sub', 'containers.watch'), error: { code: 'UNAVAILABLE', message: 'engine down' } });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'UNAVAILABLE', message: 'engine down' }));
    t.last().close();
    t.runTimers();
    expect(t.last().sent).toEqual([]);
  });

  it('fails queries while closed and those in flight at the close', async () => {
    const t = setup();
    t.last().markOpen();
    const pending = t.link.api.engine.info.query({ host: 'local' });
    t.last().close();
    await expect(pending).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(t.link.api.engine.info.query({ host: 'local' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('retries at once when asked', () => {
    const t = setup();
    t.last().close();
    const count = t.pipes.length;
    t.link.retryNow();
    expect(t.pipes.length).toBe(count + 1);
    expect(t.timers.at(-1)!.cleared).toBe(true);
    expect(t.link.state.get().phase).toBe('connecting');
  });

  it('ends everything on dispose', () => {
    const t = setup();
    t.last().markOpen();
    const onError = vi.fn();
    t.link.api.containers.watch.subscribe({ host: 'local' }, { onData: () => {}, onError });
    t.link.dispose();
    expect(onError).toHaveBeenCalledTimes(1);
    t.last().close();
    expect(t.timers).toEqual([]);
  });
});
