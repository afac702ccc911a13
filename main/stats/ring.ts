// A bounded history of one container's samples, oldest dropped first. Stored
// by column in typed arrays (NaN for null): an hour at 1 Hz of 200
// containers stays a few tens of megabytes and makes no garbage per sample.
// Columns start small and double as samples arrive, up to the capacity: a
// container watched for a minute holds a minute, not an hour (RSS).
import { SAMPLE_FIELDS, type StatsSample } from './types';

/** An hour at 1 Hz. */
export const DEFAULT_CAPACITY = 3600;

/** Room a new ring holds before it first grows: a minute at 1 Hz. */
const INITIAL_ROOM = 64;

type Columns = Record<(typeof SAMPLE_FIELDS)[number], Float64Array>;

const allocate = (room: number): Columns => Object.fromEntries(SAMPLE_FIELDS.map((f) => [f, new Float64Array(room)])) as Columns;

export class SampleRing {
  private columns: Columns;
  private start = 0;
  private count = 0;

  constructor(readonly capacity = DEFAULT_CAPACITY) {
    this.columns = allocate(Math.min(capacity, INITIAL_ROOM));
  }

  get size(): number {
    return this.count;
  }

  /** How many samples the ring has room for now (it grows up to `capacity`). */
  get room(): number {
    return this.columns.t.length;
  }

  push(sample: StatsSample): void {
    if (this.count === this.room && this.room < this.capacity) this.grow();
    const at = (this.start + this.count) % this.room;
    for (const f of SAMPLE_FIELDS) this.columns[f][at] = sample[f] ?? NaN;
    if (this.count < this.room) this.count++;
    else this.start = (this.start + 1) % this.room;
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

  // Only called while not yet wrapped (start is 0 until the room reaches the
  // capacity), so the samples copy over in place.
  private grow(): void {
    const bigger = allocate(Math.min(this.capacity, this.room * 2));
    for (const f of SAMPLE_FIELDS) bigger[f].set(this.columns[f]);
    this.columns = bigger;
  }

  private at(i: number): StatsSample {
    const k = (this.start + i) % this.room;
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
