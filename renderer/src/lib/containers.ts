// Containers: state groups, the text filter and the sort orders of the list.
import type { ContainerRow, ContainerState, PortMapping } from '../../../main/engines/types';
import { compactPorts, comparePorts, formatPorts } from './format';
import { compareNumber, compareText, type Comparator } from './sort';

/** The state filter. Groups match the engine's own counts (docker info): restarting counts as running, created as stopped. */
export type ContainerStateFilter = 'all' | 'running' | 'paused' | 'stopped';

export const CONTAINER_STATE_FILTERS: readonly ContainerStateFilter[] = ['all', 'running', 'paused', 'stopped'];

export function stateGroup(state: ContainerState): Exclude<ContainerStateFilter, 'all'> {
  switch (state) {
    case 'running':
    case 'restarting':
      return 'running';
    case 'paused':
      return 'paused';
    default:
      return 'stopped';
  }
}

export function matchesStateFilter(row: ContainerRow, filter: ContainerStateFilter): boolean {
  return filter === 'all' || stateGroup(row.state) === filter;
}

export function countByStateFilter(rows: Iterable<ContainerRow>): Record<ContainerStateFilter, number> {
  const counts = { all: 0, running: 0, paused: 0, stopped: 0 };
  for (const row of rows) {
    counts.all++;
    counts[stateGroup(row.state)]++;
  }
  return counts;
}

/**
 * Splits what the user typed into lowercase terms; every term must match.
 * "->" is read as the arrow the list shows, so "8080->80" finds 0.0.0.0:8080→80/tcp.
 */
export function parseQuery(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/->/g, '→')
    .split(/\s+/)
    .filter((term) => term !== '')
    .map((term) => (term.startsWith('sha256:') && term.length > 7 ? term.slice(7) : term));
}

// Rows are immutable (a patch replaces the object), so a row's search text can be cached by identity.
const haystacks = new WeakMap<ContainerRow, { text: string; id: string }>();

function haystack(row: ContainerRow): { text: string; id: string } {
  let entry = haystacks.get(row);
  if (entry === undefined) {
    entry = { text: [row.name, row.image, ...formatPorts(row.ports), ...compactPorts(row.ports)].join('\n').toLowerCase(), id: row.id.toLowerCase() };
    haystacks.set(row, entry);
  }
  return entry;
}

/** A container matches a term by name, image or port (substring), or by id (prefix). */
export function matchesContainerQuery(row: ContainerRow, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const { text, id } = haystack(row);
  for (const term of terms) {
    if (!text.includes(term) && !id.startsWith(term)) return false;
  }
  return true;
}

export function filterContainers(rows: readonly ContainerRow[], query: string, state: ContainerStateFilter): ContainerRow[] {
  const terms = parseQuery(query);
  return rows.filter((row) => matchesStateFilter(row, state) && matchesContainerQuery(row, terms));
}

export type ContainerSortKey = 'name' | 'image' | 'state' | 'status' | 'ports' | 'created';

const STATE_RANK: Record<ContainerState, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  removing: 4,
  exited: 5,
  dead: 6,
};

const UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800, month: 2592000, year: 31536000 };

/**
 * How long a container has been in its state, read from the engine's status
 * text ("Up 3 minutes", "Exited (0) About an hour ago", "Up Less than a second").
 * Null when the text says no time (e.g. "Created").
 */
export function parseStatusAge(status: string): number | null {
  const s = status.toLowerCase();
  if (s.includes('less than a second')) return 0;
  const about = /about (a|an) (second|minute|hour|day|week|month|year)/.exec(s);
  if (about) return UNITS[about[2]!]!;
  const n = /(\d+) (second|minute|hour|day|week|month|year)s?/.exec(s);
  if (n) return Number(n[1]) * UNITS[n[2]!]!;
  return null;
}

// Status texts repeat a lot ("Up 2 hours"); parse each once.
const ages = new Map<string, number | null>();
function statusAge(status: string): number | null {
  let age = ages.get(status);
  if (age === undefined) {
    if (ages.size > 10_000) ages.clear();
    age = parseStatusAge(status);
    ages.set(status, age);
  }
  return age;
}

const compareStatus: Comparator<ContainerRow> = (a, b) => {
  const ga = stateGroup(a.state) === 'stopped' ? 1 : 0;
  const gb = stateGroup(b.state) === 'stopped' ? 1 : 0;
  if (ga !== gb) return ga - gb;
  const aa = statusAge(a.status);
  const ab = statusAge(b.status);
  if (aa !== null && ab !== null && aa !== ab) return aa - ab;
  if ((aa === null) !== (ab === null)) return aa === null ? 1 : -1;
  return compareText(a.status, b.status);
};

const firstPorts = new WeakMap<ContainerRow, PortMapping | null>();
function firstPort(row: ContainerRow): PortMapping | null {
  let port = firstPorts.get(row);
  if (port === undefined) {
    port = row.ports.length === 0 ? null : [...row.ports].sort(comparePorts)[0]!;
    firstPorts.set(row, port);
  }
  return port;
}

const comparePortColumn: Comparator<ContainerRow> = (a, b) => {
  const pa = firstPort(a);
  const pb = firstPort(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  return comparePorts(pa, pb);
};

export const containerComparators: Record<ContainerSortKey, Comparator<ContainerRow>> = {
  name: (a, b) => compareText(a.name, b.name),
  image: (a, b) => compareText(a.image, b.image) || compareText(a.name, b.name),
  state: (a, b) => STATE_RANK[a.state] - STATE_RANK[b.state] || compareText(a.name, b.name),
  status: (a, b) => compareStatus(a, b) || compareText(a.name, b.name),
  ports: (a, b) => comparePortColumn(a, b) || compareText(a.name, b.name),
  created: (a, b) => compareNumber(a.created, b.created) || compareText(a.name, b.name),
};

/** The direction a column starts in when first clicked: newest first for times. */
export const containerDefaultDir: Record<ContainerSortKey, 'asc' | 'desc'> = {
  name: 'asc',
  image: 'asc',
  state: 'asc',
  status: 'asc',
  ports: 'asc',
  created: 'desc',
};
