// Runs an async task at most once at a time, a short delay after the first
// trigger, so a burst of events costs one request. A trigger that arrives
// while the task runs schedules one more run after it.
import type { Clock } from './clock';

export class Coalescer {
  private timer: unknown = null;
  private running = false;
  /** Delay of the run requested while one was in progress, or null. */
  private again: number | null = null;
  private cancelled = false;

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
    private readonly task: () => Promise<void>,
  ) {}

  trigger(delayMs = this.delayMs): void {
    if (this.cancelled) return;
    if (this.running) {
      this.again = Math.max(this.again ?? 0, delayMs);
      return;
    }
    if (this.timer !== null) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delayMs);
  }

  /** Stops for good: clears the pending timer; a run in progress finishes but does not repeat. */
  cancel(): void {
    this.cancelled = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      await this.task();
    } catch {
      // Tasks report their own failures; one that throws still must not stop later runs.
    } finally {
      this.running = false;
      if (this.again !== null) {
        const delay = this.again;
        this.again = null;
        this.trigger(delay);
      }
    }
  }
}
