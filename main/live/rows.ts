// A live list keyed by id, and the patches that move watchers from one
// state of it to the next. Pure: no I/O, no timers.
import type { ListEvent } from '../engines/types';

export type Patch<Row> = Extract<ListEvent<Row>, { type: 'patch' }>;

/** Rows come from the same mapping code, so their keys are in the same order and JSON compares them. */
const same = <Row>(a: Row, b: Row) => JSON.stringify(a) === JSON.stringify(b);

export class RowTable<Row extends { id: string }> {
  private rows = new Map<string, Row>();

  constructor(private readonly order: (a: Row, b: Row) => number = () => 0) {}

  get(id: string): Row | undefined {
    return this.rows.get(id);
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  list(): Row[] {
    return [...this.rows.values()].sort(this.order);
  }

  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  snapshot(): ListEvent<Row> {
    return { type: 'snapshot', rows: this.list() };
  }

  /** Takes a whole new list (after a (re)connect); watchers get a snapshot, not a patch. */
  replace(rows: Row[]): void {
    this.rows = new Map(rows.map((r) => [r.id, r]));
  }

  clear(): void {
    this.rows.clear();
  }

  /** Applies changes; returns only what really changed, or null when nothing did. */
  apply(upsert: Row[], remove: string[]): Patch<Row> | null {
    const changed: Row[] = [];
    const removed: string[] = [];
    for (const row of upsert) {
      const old = this.rows.get(row.id);
      if (old && same(old, row)) continue;
      this.rows.set(row.id, row);
      changed.push(row);
    }
    for (const id of remove) if (this.rows.delete(id)) removed.push(id);
    return changed.length || removed.length ? { type: 'patch', upsert: changed, remove: removed } : null;
  }

  /** Moves to a full new list by patch: rows missing from it are removed. */
  sync(rows: Row[]): Patch<Row> | null {
    const ids = new Set(rows.map((r) => r.id));
    return this.apply(
      rows,
      [...this.rows.keys()].filter((id) => !ids.has(id)),
    );
  }

  /** Moves the rows with these ids to what the engine returned for them: returned rows are upserted, the others removed. */
  refresh(ids: Iterable<string>, found: Row[]): Patch<Row> | null {
    const foundIds = new Set(found.map((r) => r.id));
    return this.apply(
      found,
      [...ids].filter((id) => !foundIds.has(id)),
    );
  }
}

/** Newest first, as engines list them. */
export const byCreatedDesc = <Row extends { created: number; id: string }>(a: Row, b: Row) => b.created - a.created || a.id.localeCompare(b.id);
