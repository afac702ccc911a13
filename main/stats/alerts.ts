// When to tell the user about a container: it was OOM-killed, it died on its
// own with a failure, or it has stayed above a share of its memory limit.
// No I/O: the sampler feeds it engine events and samples.
import { hasOwnMemoryLimit } from './memory-limit';
import type { StatsSample } from './types';

export type AlertKind = 'oom' | 'died' | 'memory';

export interface StatsAlert {
  kind: AlertKind;
  container: string;
  name: string;
  /** Unix ms. */
  t: number;
  message: string;
}

export interface AlertSettings {
  /** Share of the memory limit (0–1) above which a container is flagged. */
  memoryShare: number;
  /** How long it must stay above before the alert, ms. */
  sustainMs: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { memoryShare: 0.9, sustainMs: 30_000 };

/** A die within this long of a kill or stop the user asked for is expected. */
const REQUESTED_MS = 60_000;

export interface ContainerEventFacts {
  action: string;
  container: string;
  name: string;
  t: number;
  /** For die: the exit code the engine reported. */
  exitCode: number | null;
}

export class AlertRules {
  private settings: AlertSettings;
  private readonly requested = new Map<string, number>();
  private readonly oomAt = new Map<string, number>();
  /** Since when each container has been above the share; alerted once per episode. */
  private readonly above = new Map<string, { since: number; alerted: boolean }>();

  constructor(settings: Partial<AlertSettings> = {}) {
    this.settings = { ...DEFAULT_ALERT_SETTINGS, ...settings };
  }

  get current(): AlertSettings {
    return this.settings;
  }

  configure(settings: Partial<AlertSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.above.clear();
  }

  onEvent(e: ContainerEventFacts): StatsAlert | null {
    switch (e.action) {
      case 'kill':
      case 'stop':
        this.requested.set(e.container, e.t);
        return null;
      case 'oom':
        this.oomAt.set(e.container, e.t);
        return { kind: 'oom', container: e.container, name: e.name, t: e.t, message: `${e.name} ran out of memory and the kernel killed a process in it.` };
      case 'die': {
        const requestedAt = this.requested.get(e.container);
        const oomAt = this.oomAt.get(e.container);
        this.requested.delete(e.container);
        this.oomAt.delete(e.container);
        this.above.delete(e.container);
        const expected = requestedAt !== undefined && e.t - requestedAt < REQUESTED_MS;
        // The OOM alert already said why.
        const explained = oomAt !== undefined && e.t - oomAt < REQUESTED_MS;
        if (expected || explained || !e.exitCode) return null;
        return { kind: 'died', container: e.container, name: e.name, t: e.t, message: `${e.name} stopped unexpectedly with exit code ${e.exitCode}.` };
      }
      case 'destroy':
        this.requested.delete(e.container);
        this.oomAt.delete(e.container);
        this.above.delete(e.container);
        return null;
      default:
        return null;
    }
  }

  /** `hostMemory`: the engine host's memory (null: not known yet); a container without a limit of its own is never flagged. */
  onSample(container: string, name: string, sample: StatsSample, hostMemory: number | null): StatsAlert | null {
    const { memoryShare, sustainMs } = this.settings;
    if (!hasOwnMemoryLimit(sample.memLimit, hostMemory) || sample.mem < sample.memLimit * memoryShare) {
      this.above.delete(container);
      return null;
    }
    const episode = this.above.get(container) ?? { since: sample.t, alerted: false };
    this.above.set(container, episode);
    if (episode.alerted || sample.t - episode.since < sustainMs) return null;
    episode.alerted = true;
    const percent = Math.round((sample.mem / sample.memLimit) * 100);
    return {
      kind: 'memory',
      container,
      name,
      t: sample.t,
      message: `${name} has used more than ${Math.round(memoryShare * 100)}% of its memory limit for ${Math.round(sustainMs / 1000)} s (now ${percent}%).`,
    };
  }
}
