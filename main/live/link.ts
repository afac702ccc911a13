// One connection's life: subscribe to the engine's events, load the lists,
// then keep them current from the events until the stream ends. Events are
// subscribed before the lists are read, so nothing that happens in between
// is missed: it arrives as an event and is fetched again.
import { ApiError } from '../api/procedure';
import type { EngineDriver } from '../engines/docker-driver';
import type { Clock } from './clock';
import { Coalescer } from './coalescer';
import { effectOf } from './effects';
import type { LiveLists } from './lists';

export interface LinkTiming {
  /** Wait after a container event before fetching, so a burst costs one request. */
  containerCoalesceMs: number;
  /** Wait after an image event before re-listing images. */
  imageDebounceMs: number;
  /** Wait before trying a failed fetch again. */
  refetchRetryMs: number;
}

export const DEFAULT_TIMING: LinkTiming = { containerCoalesceMs: 15, imageDebounceMs: 120, refetchRetryMs: 1000 };

/** Above this many changed containers one full list is cheaper than an id filter. */
const MAX_IDS_PER_FETCH = 50;

export type LinkEnd = { kind: 'closed' } | { kind: 'lost'; reason: string; wasOnline: boolean };

export async function followEngine(driver: EngineDriver, lists: LiveLists, clock: Clock, timing: LinkTiming, signal: AbortSignal, onOnline: () => void): Promise<LinkEnd> {
  const dirty = new Set<string>();
  let online = false;

  const containerFetch: Coalescer = new Coalescer(clock, timing.containerCoalesceMs, async () => {
    const ids = [...dirty];
    dirty.clear();
    if (ids.length === 0) return;
    try {
      if (ids.length > MAX_IDS_PER_FETCH) {
        const rows = await driver.listContainers(null, signal);
        if (!signal.aborted) lists.syncContainers(rows);
      } else {
        const rows = await driver.listContainers(ids, signal);
        if (!signal.aborted) lists.refreshContainers(ids, rows);
      }
    } catch {
      if (signal.aborted) return;
      // Try these ids again; if the engine is gone, the event stream ends and the session reconnects.
      for (const id of ids) dirty.add(id);
      containerFetch.trigger(timing.refetchRetryMs);
    }
  });

  // Shared sizes take the engine seconds on a big host (it sizes every
  // container too), so the lists never wait for them.
  const sizeFetch: Coalescer = new Coalescer(clock, timing.imageDebounceMs, async () => {
    try {
      const sizes = await driver.sharedSizes(signal);
      if (sizes && !signal.aborted) lists.setSharedSizes(sizes);
    } catch {
      // Sizes stay as they were; the next image event asks again.
    }
  });

  const imageFetch: Coalescer = new Coalescer(clock, timing.imageDebounceMs, async () => {
    try {
      const images = await driver.listImages(signal);
      if (signal.aborted) return;
      lists.syncImages(images);
      sizeFetch.trigger();
    } catch {
      if (!signal.aborted) imageFetch.trigger(timing.refetchRetryMs);
    }
  });

  try {
    const events = await driver.openEvents(signal);
    const [containers, images] = await Promise.all([driver.listContainers(null, signal), driver.listImages(signal)]);
    if (signal.aborted) return { kind: 'closed' };
    lists.load(containers, images);
    online = true;
    onOnline();
    sizeFetch.trigger(0);
    for await (const event of events) {
      const effect = effectOf(event);
      if (effect.container) {
        dirty.add(effect.container);
        containerFetch.trigger();
      }
      if (effect.images) imageFetch.trigger();
    }
    if (signal.aborted) return { kind: 'closed' };
    return { kind: 'lost', wasOnline: online, reason: `The engine at ${driver.endpoint} closed its event stream: it stopped or is restarting.` };
  } catch (err) {
    if (signal.aborted) return { kind: 'closed' };
    return { kind: 'lost', wasOnline: online, reason: lostReason(err, driver.endpoint) };
  } finally {
    containerFetch.cancel();
    imageFetch.cancel();
    sizeFetch.cancel();
  }
}

/** ApiErrors from the driver already speak to the user; raw stream errors get the endpoint and their code. */
function lostReason(err: unknown, endpoint: string): string {
  if (err instanceof ApiError) return err.message;
  const e = err as { code?: string; message?: string };
  return `Lost the connection to the engine at ${endpoint} (${e?.code ?? e?.message ?? String(err)}): it stopped or is restarting.`;
}
