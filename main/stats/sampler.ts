// Samples every running container of one engine session into ring buffers:
// one stats stream per running container (GET /containers/{id}/stats?stream=1),
// opened and closed as the live list says containers start, stop and go away,
// and opened again when the engine comes back after a restart. Once a tick it
// publishes one frame with every container's latest sample, whatever the count.
import { toApiError } from '../engines/docker-driver';
import { obj, str } from '../engines/json';
import type { ContainerRow, EngineInfo, ListEvent } from '../engines/types';
import { sleep, systemClock, type Clock } from '../live/clock';
import { Feed } from '../live/feed';
import type { EngineSession } from '../live/types';
import { AlertRules, type AlertSettings, type StatsAlert } from './alerts';
import { readStats, type Counters } from './compute';
import { openLineStream, parseJson, type LineStream, type OpenOptions } from './engine-stream';
import { DEFAULT_CAPACITY, SampleRing } from './ring';
import { scanStats } from './scan';
import type { StatsFrame, StatsSample } from './types';

export interface SamplerOptions {
  clock?: Clock;
  /** How often a frame goes out. */
  tickMs?: number;
  /** Samples kept per container (an hour at 1 Hz by default). */
  capacity?: number;
  /** Wait before opening a stream again after it failed or the engine was away. */
  retryMs?: number;
  alerts?: Partial<AlertSettings>;
}

interface Tracked {
  name: string;
  ring: SampleRing;
  /** Aborts the stream of a container that stopped running or went away. */
  stream: AbortController | null;
}

/** Alerts kept for a late subscriber. */
const RECENT_ALERTS = 50;
/** The events that alerts come from; Podman's compatible API says "died". */
const ALERT_EVENTS = ['oom', 'die', 'died', 'kill', 'stop', 'destroy'];

export class StatsSampler {
  private readonly clock: Clock;
  private readonly tickMs: number;
  private readonly capacity: number;
  private readonly retryMs: number;
  private readonly stop = new AbortController();
  private readonly containers = new Map<string, Tracked>();
  /** Open stats streams, pulled together once a tick. */
  private readonly paced = new Set<LineStream>();
  private readonly frames = new Feed<StatsFrame>({ latestOnly: true });
  private readonly alertFeed = new Feed<StatsAlert>();
  private readonly recent: StatsAlert[] = [];
  readonly alerts: AlertRules;
  /** Open stats streams per container: what tests and the stream count read. */
  private readonly openById = new Map<string, number>();
  /** True while the engine's events reach the alert rules (they are missed while the engine is away). */
  watchingEvents = false;
  private host: EngineInfo | null = null;
  private tickTimer: unknown = null;

  constructor(
    private readonly session: EngineSession,
    options: SamplerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.tickMs = options.tickMs ?? 1000;
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.retryMs = options.retryMs ?? 1000;
    this.alerts = new AlertRules(options.alerts);
    void this.followList();
    void this.followAlertEvents();
    this.scheduleTick();
  }

  /** Stats streams open right now: one per running container while the engine is up. */
  get openStreams(): number {
    let open = 0;
    for (const n of this.openById.values()) open += n;
    return open;
  }

  /** Whether a stats stream of this container is open now. */
  hasOpenStream(id: string): boolean {
    return (this.openById.get(id) ?? 0) > 0;
  }

  get closed(): boolean {
    return this.stop.signal.aborted;
  }

  /** The engine's CPUs and memory, the ceiling of the host overview; null until first online. */
  hostInfo(): EngineInfo | null {
    return this.host;
  }

  /** Containers Berth has samples of or is sampling, with their names. */
  tracked(): { id: string; name: string; running: boolean; ring: SampleRing }[] {
    return [...this.containers].map(([id, c]) => ({ id, name: c.name, running: c.stream !== null, ring: c.ring }));
  }

  history(id: string, since?: number): StatsSample[] {
    return this.containers.get(id)?.ring.since(since) ?? [];
  }

  nameOf(id: string): string | null {
    return this.containers.get(id)?.name ?? null;
  }

  /** One frame per tick with the latest sample of each of `ids` (every container when null). */
  watch(ids: readonly string[] | null, signal: AbortSignal): AsyncIterable<StatsFrame> {
    const frames = this.frames.subscribe(signal, [this.frame()]);
    if (!ids) return frames;
    const wanted = new Set(ids);
    return (async function* () {
      for await (const f of frames) {
        const samples: Record<string, StatsSample> = {};
        for (const id of wanted) if (f.samples[id]) samples[id] = f.samples[id];
        yield { ...f, samples, waiting: f.waiting.filter((id) => wanted.has(id)) };
      }
    })();
  }

  /** New alerts, after the recent ones. */
  watchAlerts(signal: AbortSignal): AsyncIterable<StatsAlert> {
    return this.alertFeed.subscribe(signal, [...this.recent]);
  }

  close(): void {
    if (this.stop.signal.aborted) return;
    this.stop.abort();
    if (this.tickTimer !== null) this.clock.clearTimeout(this.tickTimer);
    for (const c of this.containers.values()) c.stream?.abort();
    this.frames.end();
    this.alertFeed.end();
  }

  private frame(): StatsFrame {
    const samples: Record<string, StatsSample> = {};
    const waiting: string[] = [];
    for (const [id, c] of this.containers) {
      if (!c.stream) continue;
      const latest = c.ring.latest();
      if (latest) samples[id] = latest;
      else waiting.push(id);
    }
    return { t: this.clock.now(), samples, waiting, hostMemory: this.hostMemory() };
  }

  private hostMemory(): number | null {
    return this.host?.memoryBytes ?? null;
  }

  private scheduleTick(): void {
    // On whole multiples of the tick, so the frames keep their rate instead of drifting by each tick's work.
    const wait = this.tickMs - (this.clock.now() % this.tickMs);
    this.tickTimer = this.clock.setTimeout(() => {
      if (this.closed) return;
      for (const stream of this.paced) stream.pull();
      // What the pulls read comes in during this turn of the event loop; the frame goes out after it.
      setImmediate(() => {
        if (!this.closed && this.frames.size > 0) this.frames.publish(this.frame());
      });
      this.scheduleTick();
    }, wait);
  }

  /** The live list decides which containers have a stream; it ends when the session closes. */
  private async followList(): Promise<void> {
    const rows = new Map<string, ContainerRow>();
    for await (const event of this.session.watchContainers(this.stop.signal)) {
      applyListEvent(rows, event);
      this.reconcile(rows);
      if (event.type === 'snapshot') void this.refreshHostInfo();
    }
    this.close();
  }

  private reconcile(rows: ReadonlyMap<string, ContainerRow>): void {
    for (const [id, c] of this.containers) {
      const row = rows.get(id);
      if (row?.state === 'running') continue;
      c.stream?.abort();
      c.stream = null;
      // A stopped container keeps its history; a removed one takes it along.
      if (!row) this.containers.delete(id);
    }
    for (const [id, row] of rows) {
      if (row.state !== 'running') continue;
      let c = this.containers.get(id);
      if (!c) this.containers.set(id, (c = { name: row.name, ring: new SampleRing(this.capacity), stream: null }));
      c.name = row.name;
      if (c.stream) continue;
      c.stream = new AbortController();
      void this.sample(id, c, c.stream.signal);
    }
  }

  private async refreshHostInfo(): Promise<void> {
    try {
      this.host = await this.session.info();
    } catch {
      // Offline again already; the next snapshot asks again.
    }
  }

  /** Follows one container's stats until it stops running; a stream that breaks is opened again. */
  private async sample(id: string, c: Tracked, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      // Counters restart with each stream (the engine may have restarted the container): no rate across a break.
      let previous: Counters | null = null;
      const onLine = (line: Buffer) => {
        const figures = scanStats(line);
        if (!figures) return;
        const reading = readStats(figures, previous);
        // The engine's zero time: the container is not running (any more).
        if (reading.sample.t === 0) return;
        previous = reading.counters;
        c.ring.push(reading.sample);
        this.raise(this.alerts.onSample(id, c.name, reading.sample, this.hostMemory()));
      };
      try {
        const stream = await this.openStream(`/containers/${encodeURIComponent(id)}/stats?stream=1`, onLine, { paced: true, signal });
        this.openById.set(id, (this.openById.get(id) ?? 0) + 1);
        this.paced.add(stream);
        try {
          await stream.ended;
        } finally {
          this.paced.delete(stream);
          const left = (this.openById.get(id) ?? 1) - 1;
          if (left > 0) this.openById.set(id, left);
          else this.openById.delete(id);
        }
      } catch {
        // Offline, or the container went away: the list will say; until then, try again.
      }
      await sleep(this.clock, this.retryMs, signal);
    }
  }

  /** Engine events that alerts come from, on a stream of their own that carries exit codes. */
  private async followAlertEvents(): Promise<void> {
    const signal = this.stop.signal;
    const filters = encodeURIComponent(JSON.stringify({ type: ['container'], event: ALERT_EVENTS }));
    const onLine = (line: Buffer) => {
      const e = obj(parseJson(line.toString('utf8')));
      const attributes = obj(obj(e['Actor'])['Attributes']);
      const action = str(e['Action']) === 'died' ? 'die' : str(e['Action']);
      const exitCode = Number.parseInt(str(attributes['exitCode']) || str(attributes['containerExitCode']), 10);
      const time = typeof e['timeNano'] === 'number' ? e['timeNano'] / 1e6 : this.clock.now();
      const container = str(obj(e['Actor'])['ID']) || str(e['id']);
      this.raise(this.alerts.onEvent({ action, container, name: str(attributes['name']) || container.slice(0, 12), t: time, exitCode: Number.isNaN(exitCode) ? null : exitCode }));
    };
    while (!signal.aborted) {
      try {
        const events = await this.openStream(`/events?filters=${filters}`, onLine, { paced: false, signal });
        this.watchingEvents = true;
        await events.ended;
      } catch {
        // Offline: try again when it may be back.
      } finally {
        this.watchingEvents = false;
      }
      await sleep(this.clock, this.retryMs, signal);
    }
  }

  private raise(alert: StatsAlert | null): void {
    if (!alert) return;
    this.recent.push(alert);
    if (this.recent.length > RECENT_ALERTS) this.recent.shift();
    this.alertFeed.publish(alert);
  }

  /** A stream of JSON lines from the connected engine, once the engine has answered. */
  private openStream(path: string, onLine: (line: Buffer) => void, options: OpenOptions): Promise<LineStream> {
    const driver = this.session.driver();
    return openLineStream(driver.target, path, onLine, options).catch((err: unknown) => {
      throw toApiError(err, driver.endpoint);
    });
  }
}

function applyListEvent(rows: Map<string, ContainerRow>, event: ListEvent<ContainerRow>): void {
  if (event.type === 'snapshot') {
    rows.clear();
    for (const r of event.rows) rows.set(r.id, r);
    return;
  }
  for (const id of event.remove) rows.delete(id);
  for (const r of event.upsert) rows.set(r.id, r);
}

const samplers = new WeakMap<EngineSession, StatsSampler>();

/** The sampler of a session, started on first use; it stops by itself when the session closes. */
export function samplerOf(session: EngineSession, options?: SamplerOptions): StatsSampler {
  let sampler = samplers.get(session);
  if (!sampler || sampler.closed) samplers.set(session, (sampler = new StatsSampler(session, options)));
  return sampler;
}
