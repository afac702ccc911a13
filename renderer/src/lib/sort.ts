// Sorting helpers shared by the lists.

export type SortDirection = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  dir: SortDirection;
}

export type Comparator<T> = (a: T, b: T) => number;

/** Natural, case-insensitive text order: "web-2" before "web-10". */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const compareText = (a: string, b: string): number => collator.compare(a, b);

export const compareNumber = (a: number, b: number): number => a - b;

/** Nulls last whatever the direction is handled by sortRows; here nulls sort after numbers. */
export const compareNullableNumber = (a: number | null, b: number | null): number =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b;

/**
 * Sorts a copy of `rows` by `compare` in `dir`, breaking ties by id so the
 * order is stable and total (rows do not jump around when a patch arrives).
 */
export function sortRows<T extends { id: string }>(rows: readonly T[], compare: Comparator<T>, dir: SortDirection): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Clicking a column header: a new column starts in its natural direction, the same column flips. */
export function nextSort<K extends string>(current: SortState<K>, key: K, defaultDir: SortDirection = 'asc'): SortState<K> {
  if (current.key !== key) return { key, dir: defaultDir };
  return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

/** The value of aria-sort for a column header. */
export function ariaSort<K extends string>(current: SortState<K>, key: K): 'ascending' | 'descending' | 'none' {
  if (current.key !== key) return 'none';
  return current.dir === 'asc' ? 'ascending' : 'descending';
}
