// A bounded history of one container's samples, oldest dropped first. Stored
// by column in typed arrays (NaN for null): an hour at 1 Hz of 200
// containers stays a few tens of megabytes and makes no garbage per sample.
import { SAMPLE_FIELDS, type StatsSample } from './types';

/** An hour at 1 Hz. */
export const DEFAULT_CAPACITY = 3600;

export class SampleRing {
  private readonly columns: Record<(typeof SAMPLE_FIELDS)[number], Float64Array>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity = DEFAULT_CAPACITY) {
    this.columns = Object.fromEntries(SAMPLE_FIELDS.map((f) => [f, new Float64Array(capacity)])) as SampleRing['columns'];
  }

  get size(): number {
    return this.count;
  }

  push(sample: StatsSample): void {
    const at = (this.start + this.count) % this.capacity;
    for (const f of SAMPLE_FIELDS) this.columns[f][at] = sample[f] ?? NaN;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  latest(): StatsSample | null {
    return this.count === 0 ? null : this.at(this.count - 1);
  }

  /** Samples read at or after `since` (unix ms), oldest first. */
  since(since = -Infinity): StatsSample[] {
    const out: StatsSample[] = [];
    // Samples are in time order: walk back from the newest until one is too old.
    for (let i = this.count - 1; i >= 0; i--) {
      const s = this.at(i);
      if (s.t < since) break;
      out.push(s);
    }
    return out.reverse();
  }

  private at(i: number): StatsSample {
    const k = (this.start + i) % this.capacity;
    const c = this.columns;
    const orNull = (v: number) => (Number.isNaN(v) ? null : v);
    return {
      t: c.t[k]!,
      cpu: orNull(c.cpu[k]!),
      mem: c.mem[k]!,
      memLimit: c.memLimit[k]!,
      netRx: orNull(c.netRx[k]!),
      netTx: orNull(c.netTx[k]!),
      blkRead: orNull(c.blkRead[k]!),
      blkWrite: orNull(c.blkWrite[k]!),
      pids: c.pids[k]!,
      pidsLimit: orNull(c.pidsLimit[k]!),
    };
  }
}
