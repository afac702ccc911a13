// Fan-out of live events to any number of watchers. Each watcher is an async
// iterable with its own queue; it ends when its signal aborts, when it stops
// iterating, or when the feed ends. A watcher that falls far behind gets its
// backlog replaced by one resync event (a fresh snapshot) instead of growing
// without bound.

export interface FeedOptions<E> {
  /** Backlog length above which the backlog is replaced by resync(). */
  maxQueue?: number;
  resync?: () => E;
  /** Keep only the newest event per watcher (for status: only the latest matters). */
  latestOnly?: boolean;
}

interface Subscriber<E> {
  push(event: E): void;
  finish(): void;
}

export class Feed<E> {
  private readonly subscribers = new Set<Subscriber<E>>();
  private ended = false;

  constructor(private readonly options: FeedOptions<E> = {}) {}

  get size(): number {
    return this.subscribers.size;
  }

  publish(event: E): void {
    for (const s of this.subscribers) s.push(event);
  }

  /** Ends every watcher; later subscriptions end at once. */
  end(): void {
    this.ended = true;
    for (const s of [...this.subscribers]) s.finish();
  }

  /** Registers at once, so nothing published after this call is missed; `initial` comes first. */
  subscribe(signal: AbortSignal, initial: E[]): AsyncIterable<E> {
    const { maxQueue = 1000, resync, latestOnly = false } = this.options;
    let queue: E[] = [...initial];
    let waiting: ((result: IteratorResult<E>) => void) | null = null;
    let done = false;

    const subscriber: Subscriber<E> = {
      push: (event) => {
        if (done) return;
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve({ value: event, done: false });
          return;
        }
        if (latestOnly) queue = [event];
        else {
          queue.push(event);
          if (resync && queue.length > maxQueue) queue = [resync()];
        }
      },
      finish: () => {
        if (done) return;
        done = true;
        queue = [];
        this.subscribers.delete(subscriber);
        signal.removeEventListener('abort', subscriber.finish);
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve({ value: undefined, done: true });
        }
      },
    };

    if (this.ended || signal.aborted) done = true;
    else {
      this.subscribers.add(subscriber);
      signal.addEventListener('abort', subscriber.finish, { once: true });
    }

    const iterator: AsyncIterator<E> = {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        subscriber.finish();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }
}
