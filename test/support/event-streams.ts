// Many /events streams open at once on one engine driver, and what each saw
// first of a container created after they all opened.
import type { EngineDriver } from '../../main/engines/docker-driver';

export async function firstSeenOnEachStream(driver: EngineDriver, count: number, signal: AbortSignal, create: () => Promise<string>): Promise<string[]> {
  const streams = await Promise.all(Array.from({ length: count }, () => driver.openEvents(signal)));
  const id = await create();
  return Promise.all(
    streams.map(async (events) => {
      for await (const e of events) if (e.id === id) return e.action;
      return 'stream ended';
    }),
  );
}
