// Live lists arrive as a snapshot and then patches keyed by id (ListEvent).
// These functions keep a Map of rows up to date; they mutate the map so that
// a patch of one row costs one row, not a copy of thousands.
import type { ListEvent } from '../../../main/engines/types';

export interface Keyed {
  id: string;
}

/**
 * Applies one event to `rows` in place. A snapshot replaces everything (rows
 * missing from it are gone); a patch removes, then upserts. Returns whether
 * anything changed, so callers can skip a re-render.
 */
export function applyListEvent<Row extends Keyed>(rows: Map<string, Row>, event: ListEvent<Row>): boolean {
  if (event.type === 'snapshot') {
    if (rows.size === 0 && event.rows.length === 0) return false;
    rows.clear();
    for (const row of event.rows) rows.set(row.id, row);
    return true;
  }
  let changed = false;
  for (const id of event.remove) changed = rows.delete(id) || changed;
  for (const row of event.upsert) {
    if (rows.get(row.id) !== row) {
      rows.set(row.id, row);
      changed = true;
    }
  }
  return changed;
}

/** Applies events in order; what a store does with a burst of events in one frame. */
export function applyListEvents<Row extends Keyed>(rows: Map<string, Row>, events: Iterable<ListEvent<Row>>): boolean {
  let changed = false;
  for (const event of events) changed = applyListEvent(rows, event) || changed;
  return changed;
}
