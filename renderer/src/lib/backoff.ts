// When to try again after the connection to Berth (the WebSocket to `berth
// serve`) closes: quickly at first, since a restarting server is back within
// a second, then every few seconds.

export const BACKOFF_STEPS_MS = [250, 500, 1000, 2000, 4000] as const;
export const BACKOFF_MAX_MS = 5000;

/**
 * The delay before reconnect attempt `attempt` (0 for the first after a close).
 * `random` (0..1) spreads clients out by up to 20% so many tabs do not knock at once.
 */
export function backoffDelay(attempt: number, random: number = 0.5): number {
  const base = BACKOFF_STEPS_MS[Math.max(0, attempt)] ?? BACKOFF_MAX_MS;
  const jitter = 1 + (Math.min(1, Math.max(0, random)) - 0.5) * 0.4;
  return Math.round(Math.min(BACKOFF_MAX_MS, base * jitter));
}
