// createEngineSession: one engine kept live. It discovers the engine,
// follows it, and when the connection is lost goes offline with a reason and
// tries again with backoff until it is back; watchers then get a fresh
// snapshot without subscribing again.
import { ApiError } from '../api/procedure';
import { createDockerDriver, type ConnectDriver, type EngineDriver } from '../engines/docker-driver';
import type { ConnectionStatus, ContainerRow, EngineInfo, ImageRow, ListEvent, ProbeAttempt } from '../engines/types';
import { summarizeDiscovery } from '../hosts/describe';
import { localDiscovery, type Discover, type Discovery } from '../hosts/discover';
import { endpointUrl, type Candidate } from '../hosts/endpoint';
import { retryDelay, RETRY_DELAYS_MS } from './backoff';
import { sleep, systemClock, type Clock } from './clock';
import { Feed } from './feed';
import { DEFAULT_TIMING, followEngine, type LinkTiming } from './link';
import { LiveLists } from './lists';
import type { EngineSession } from './types';

export interface EngineSessionOptions {
  /** Where the engine is; by default the local one, found the way the docker CLI finds it. */
  discover?: Discover;
  /** Makes a driver for a found endpoint; by default dockerode. */
  connect?: ConnectDriver;
  clock?: Clock;
  /** Waits between tries while no engine answers; the last repeats. */
  retryDelaysMs?: readonly number[];
  timing?: Partial<LinkTiming>;
}

/** EngineSession plus access to the live connection, for areas that act on the engine (start, pull, logs). */
export function createEngineSession(options: EngineSessionOptions = {}): EngineSession {
  return new Session(options);
}

class Session implements EngineSession {
  private readonly clock: Clock;
  private readonly discover: Discover;
  private readonly connect: ConnectDriver;
  private readonly retryDelays: readonly number[];
  private readonly timing: LinkTiming;
  private readonly stop = new AbortController();
  private readonly lists = new LiveLists();
  private readonly statusFeed = new Feed<ConnectionStatus>({ latestOnly: true });
  private current: ConnectionStatus;
  private driverInUse: EngineDriver | null = null;
  private readonly loop: Promise<void>;
  /** Settles at the first outcome (online or offline), so early queries wait instead of failing. */
  private settleFirst!: () => void;
  private readonly firstOutcome = new Promise<void>((resolve) => (this.settleFirst = resolve));

  constructor(options: EngineSessionOptions) {
    this.clock = options.clock ?? systemClock;
    this.discover = options.discover ?? localDiscovery();
    this.connect = options.connect ?? ((candidate) => createDockerDriver(candidate));
    this.retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.current = { state: 'connecting', endpoint: null, since: this.clock.now(), error: null, tried: [], nextRetryAt: null };
    this.loop = this.run();
  }

  status(): ConnectionStatus {
    return this.current;
  }

  driver(): EngineDriver {
    if (!this.driverInUse || this.current.state !== 'online') throw this.unavailable();
    return this.driverInUse;
  }

  watchStatus(signal: AbortSignal): AsyncIterable<ConnectionStatus> {
    return this.statusFeed.subscribe(signal, [this.current]);
  }

  async info(): Promise<EngineInfo> {
    await this.ready();
    const info = await this.driver().info();
    // The engine's own count includes the intermediate images of old builds;
    // users expect the number of images the list shows.
    return this.lists.loaded ? { ...info, images: this.lists.images.list().length } : info;
  }

  async containers(): Promise<ContainerRow[]> {
    await this.ready();
    return this.lists.containers.list();
  }

  watchContainers(signal: AbortSignal): AsyncIterable<ListEvent<ContainerRow>> {
    return this.lists.watchContainers(signal);
  }

  async images(): Promise<ImageRow[]> {
    await this.ready();
    return this.lists.images.list();
  }

  watchImages(signal: AbortSignal): AsyncIterable<ListEvent<ImageRow>> {
    return this.lists.watchImages(signal);
  }

  async close(): Promise<void> {
    if (this.stop.signal.aborted) return this.loop;
    this.stop.abort();
    this.lists.end();
    this.statusFeed.end();
    this.settleFirst();
    await this.loop;
  }

  /** Lists are served once loaded, also while offline (they are the last known state and the status says so). */
  private async ready(): Promise<void> {
    if (this.stop.signal.aborted) throw new ApiError('UNAVAILABLE', 'This engine session is closed.');
    if (this.lists.loaded) return;
    if (this.current.state === 'connecting') await this.firstOutcome;
    if (!this.lists.loaded) throw this.unavailable();
  }

  private unavailable(): ApiError {
    return new ApiError('UNAVAILABLE', this.current.error ?? 'The container engine is not reachable.');
  }

  private setStatus(next: Omit<ConnectionStatus, 'since'>): void {
    const since = next.state === this.current.state ? this.current.since : this.clock.now();
    const status = { ...next, since };
    if (JSON.stringify(status) === JSON.stringify(this.current)) return;
    this.current = status;
    this.statusFeed.publish(status);
  }

  private async run(): Promise<void> {
    const { signal } = this.stop;
    let failures = 0;
    while (!signal.aborted) {
      const discovery = await this.tryDiscover(signal);
      if (signal.aborted) break;
      let error: string;
      let endpoint = this.current.endpoint;
      if (discovery.found) {
        endpoint = endpointUrl(discovery.found.endpoint);
        const end = await this.follow(discovery.found, discovery.tried, signal);
        if (end.kind === 'closed') break;
        if (end.wasOnline) failures = 0;
        error = end.reason;
      } else {
        error = summarizeDiscovery(discovery.tried);
      }
      const delay = retryDelay(failures++, this.retryDelays);
      this.setStatus({ state: 'offline', endpoint, error, tried: discovery.tried, nextRetryAt: this.clock.now() + delay });
      this.settleFirst();
      await sleep(this.clock, delay, signal);
    }
  }

  private async tryDiscover(signal: AbortSignal): Promise<Discovery> {
    try {
      return await this.discover(signal);
    } catch (err) {
      const tried: ProbeAttempt[] = [{ endpoint: '', source: 'discovery', outcome: 'error', detail: `Looking for the engine failed: ${err instanceof Error ? err.message : String(err)}` }];
      return { found: null, tried };
    }
  }

  /** Connects to what discovery found and follows it until the connection ends or the session closes. */
  private async follow(found: Candidate, tried: ProbeAttempt[], stop: AbortSignal) {
    const connection = new AbortController();
    const abort = () => connection.abort();
    stop.addEventListener('abort', abort, { once: true });
    let driver: EngineDriver;
    try {
      driver = this.connect(found);
    } catch (err) {
      stop.removeEventListener('abort', abort);
      return { kind: 'lost' as const, wasOnline: false, reason: `Could not set up a connection to ${endpointUrl(found.endpoint)}: ${err instanceof Error ? err.message : String(err)}` };
    }
    try {
      return await followEngine(driver, this.lists, this.clock, this.timing, connection.signal, () => {
        this.driverInUse = driver;
        this.setStatus({ state: 'online', endpoint: driver.endpoint, error: null, tried, nextRetryAt: null });
        this.settleFirst();
      });
    } finally {
      stop.removeEventListener('abort', abort);
      connection.abort();
      if (this.driverInUse === driver) this.driverInUse = null;
      driver.close();
    }
  }
}
