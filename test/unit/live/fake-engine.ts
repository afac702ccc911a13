// An engine in memory behind the EngineDriver interface, and a clock that
// counts its pending timers, for testing the session without a daemon.
import type { EngineDriver } from '../../../main/engines/docker-driver';
import type { EngineEvent } from '../../../main/engines/events';
import type { ImageBase } from '../../../main/engines/map-images';
import type { ContainerRow, EngineInfo } from '../../../main/engines/types';
import type { Discover } from '../../../main/hosts/discover';
import type { Candidate } from '../../../main/hosts/endpoint';
import { systemClock, type Clock } from '../../../main/live/clock';

export const container = (id: string, imageId = 'sha256:base', state: ContainerRow['state'] = 'running'): ContainerRow => ({
  id,
  name: `c-${id}`,
  image: imageId === 'sha256:base' ? 'base:1' : imageId,
  imageId,
  command: 'sleep 600',
  state,
  status: state === 'running' ? 'Up 1 second' : 'Exited (0)',
  statusSince: null,
  created: 1_700_000_000 + Number.parseInt(id.replace(/\D/g, '') || '0', 10),
  ports: [],
  labels: {},
});

export const image = (id: string, tag: string): ImageBase => ({ id, repoTags: [tag], repoDigests: [], dangling: false, size: 2_000_000, sharedSize: null, created: 1_700_000_000 });

class EventChannel {
  private queue: EngineEvent[] = [];
  private wake: (() => void) | null = null;
  private state: 'open' | 'ended' | Error = 'open';

  push(e: EngineEvent) {
    this.queue.push(e);
    this.wake?.();
  }

  finish(how: 'ended' | Error) {
    this.state = how;
    this.wake?.();
  }

  async *read(signal: AbortSignal): AsyncGenerator<EngineEvent> {
    const onAbort = () => this.wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      for (;;) {
        if (signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        const next = this.queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.state === 'ended') return;
        if (this.state instanceof Error) throw this.state;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

export class FakeEngine {
  up = true;
  containers = new Map<string, ContainerRow>();
  images = new Map<string, ImageBase>();
  calls = { listAll: 0, listIds: [] as string[][], listImages: 0, discover: 0 };
  openStreams = 0;
  drivers = 0;
  closedDrivers = 0;
  /** Makes the next container fetches fail. */
  failFetches = 0;
  /** Runs inside listContainers(null), to change the engine while the snapshot is read. */
  duringSnapshot: (() => void) | null = null;
  private channels = new Set<EventChannel>();
  readonly candidate: Candidate = { endpoint: { kind: 'unix', path: '/fake/docker.sock' }, source: 'test' };

  constructor(containers: ContainerRow[] = [], images: ImageBase[] = []) {
    for (const c of containers) this.containers.set(c.id, c);
    for (const i of images) this.images.set(i.id, i);
  }

  /** What happens outside the app: change the engine and emit the event. */
  emit(e: Omit<EngineEvent, 'timeNano'>) {
    for (const ch of this.channels) ch.push({ ...e, timeNano: 0 });
  }

  create(row: ContainerRow) {
    this.containers.set(row.id, row);
    this.emit({ type: 'container', action: 'create', id: row.id });
  }

  destroy(id: string) {
    this.containers.delete(id);
    this.emit({ type: 'container', action: 'destroy', id });
  }

  /** The daemon stops: every event stream ends, new connections fail. */
  stop() {
    this.up = false;
    for (const ch of this.channels) ch.finish('ended');
  }

  /** The connection breaks with an error instead of a clean end. */
  breakStreams() {
    for (const ch of this.channels) ch.finish(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  }

  discover: Discover = async () => {
    this.calls.discover++;
    const endpoint = 'unix:///fake/docker.sock';
    return this.up
      ? { found: this.candidate, tried: [{ endpoint, source: 'test', outcome: 'ok', detail: 'an engine answers' }] }
      : { found: null, tried: [{ endpoint, source: 'test', outcome: 'refused', detail: '/fake/docker.sock exists but no engine is listening on it' }] };
  };

  connect = (): EngineDriver => {
    this.drivers++;
    const down = () => {
      if (!this.up) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    let closed = false;
    return {
      endpoint: 'unix:///fake/docker.sock',
      docker: undefined as never,
      target: undefined as never,
      info: async (): Promise<EngineInfo> => {
        down();
        throw new Error('not used');
      },
      listContainers: async (ids) => {
        down();
        await Promise.resolve();
        if (ids === null) {
          this.calls.listAll++;
          this.duringSnapshot?.();
          this.duringSnapshot = null;
          return [...this.containers.values()];
        }
        this.calls.listIds.push(ids);
        if (this.failFetches > 0) {
          this.failFetches--;
          throw new Error('engine busy');
        }
        return ids.flatMap((id) => this.containers.get(id) ?? []);
      },
      listImages: async () => {
        down();
        this.calls.listImages++;
        return [...this.images.values()];
      },
      // As an engine whose list carries shared sizes (API 1.42+).
      sharedSizes: async () => {
        down();
        return null;
      },
      openEvents: async (signal) => {
        down();
        const channel = new EventChannel();
        this.channels.add(channel);
        this.openStreams++;
        const stream = channel.read(signal);
        const closeStream = () => {
          this.openStreams--;
          this.channels.delete(channel);
        };
        return (async function* () {
          try {
            yield* stream;
          } finally {
            closeStream();
          }
        })();
      },
      close: () => {
        if (!closed) this.closedDrivers++;
        closed = true;
      },
    };
  };
}

/** The system clock, counting timers that are set and not yet run or cleared. */
export function countingClock(): Clock & { pending(): number } {
  const pending = new Set<unknown>();
  return {
    now: systemClock.now,
    setTimeout(fn, ms) {
      const handle = systemClock.setTimeout(() => {
        pending.delete(handle);
        fn();
      }, ms);
      pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle);
      systemClock.clearTimeout(handle);
    },
    pending: () => pending.size,
  };
}
