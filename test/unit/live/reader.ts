// Reading a live iterable in the background, the way a watcher does, so a
// test can wait for the event it expects.

/** Reads a live iterable in the background; `next(pred)` waits for an event that matches. */
export function reader<E>(iterable: AsyncIterable<E>) {
  const seen: E[] = [];
  let cursor = 0;
  let ended = false;
  const wake: { notify: (() => void) | null } = { notify: null };
  const done = (async () => {
    for await (const e of iterable) {
      seen.push(e);
      wake.notify?.();
    }
    ended = true;
    wake.notify?.();
  })();
  return {
    seen,
    get ended() {
      return ended;
    },
    done,
    /** The first event after the last one returned that matches. */
    async next(pred: (e: E) => boolean = () => true, timeoutMs = 2000): Promise<E> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = seen.findIndex((e, k) => k >= cursor && pred(e));
        if (index >= 0) {
          cursor = index + 1;
          return seen[index]!;
        }
        if (ended) throw new Error(`the stream ended without the awaited event; saw ${JSON.stringify(seen)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out; saw ${JSON.stringify(seen)}`);
        await new Promise<void>((resolve) => {
          wake.notify = resolve;
          setTimeout(resolve, Math.min(left, 50));
        });
      }
    },
  };
}
