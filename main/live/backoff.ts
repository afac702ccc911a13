// How long to wait before the next try to reach an engine: quick at first
// (a restart takes a moment), then every couple of seconds, never longer, so
// the app notices an engine coming back without the user doing anything.

export const RETRY_DELAYS_MS = [250, 500, 1000, 2000] as const;

export function retryDelay(failures: number, delays: readonly number[] = RETRY_DELAYS_MS): number {
  return delays[Math.min(Math.max(failures, 0), delays.length - 1)] ?? 2000;
}
