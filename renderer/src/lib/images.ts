// Images: references, the filters and the sort orders of the list.
import type { ImageRow } from '../../../main/engines/types';
import { parseQuery } from './containers';
import { compareNullableNumber, compareNumber, compareText, type Comparator } from './sort';

export interface ImageRef {
  repository: string;
  tag: string;
}

/** "registry:5000/team/app:1.2" → { repository: "registry:5000/team/app", tag: "1.2" }; a ref without tag has tag "". */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { repository: name, tag: '' };
}

/** The image's tags, without the "<none>:<none>" placeholder some engines send for dangling images. */
export function imageTags(row: ImageRow): string[] {
  return row.repoTags.filter((tag) => tag !== '<none>:<none>' && tag !== '<none>');
}

/** What the list shows as the image's name: its first tag, or "<none>". */
export function imageLabel(row: ImageRow): string {
  return imageTags(row)[0] ?? '<none>';
}

export function isDangling(row: ImageRow): boolean {
  return row.dangling || imageTags(row).length === 0;
}

export type ImageFilter = 'all' | 'in-use' | 'unused' | 'dangling';

export const IMAGE_FILTERS: readonly ImageFilter[] = ['all', 'in-use', 'unused', 'dangling'];

export function matchesImageFilter(row: ImageRow, filter: ImageFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'in-use':
      return row.containers > 0;
    case 'unused':
      return row.containers === 0;
    case 'dangling':
      return isDangling(row);
  }
}

export function countByImageFilter(rows: Iterable<ImageRow>): Record<ImageFilter, number> {
  const counts = { all: 0, 'in-use': 0, unused: 0, dangling: 0 };
  for (const row of rows) {
    counts.all++;
    counts[row.containers > 0 ? 'in-use' : 'unused']++;
    if (isDangling(row)) counts.dangling++;
  }
  return counts;
}

const haystacks = new WeakMap<ImageRow, { text: string; id: string }>();

function haystack(row: ImageRow): { text: string; id: string } {
  let entry = haystacks.get(row);
  if (entry === undefined) {
    const tags = imageTags(row);
    entry = { text: [...(tags.length > 0 ? tags : ['<none>']), ...row.repoDigests].join('\n').toLowerCase(), id: row.id.toLowerCase().replace(/^sha256:/, '') };
    haystacks.set(row, entry);
  }
  return entry;
}

/**
 * An image matches a term (from parseQuery, so without "sha256:") by any tag
 * or digest (substring), or by id (prefix).
 */
export function matchesImageQuery(row: ImageRow, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const { text, id } = haystack(row);
  for (const term of terms) {
    if (!text.includes(term) && !id.startsWith(term)) return false;
  }
  return true;
}

export function filterImages(rows: readonly ImageRow[], query: string, filter: ImageFilter): ImageRow[] {
  const terms = parseQuery(query);
  return rows.filter((row) => matchesImageFilter(row, filter) && matchesImageQuery(row, terms));
}

export type ImageSortKey = 'name' | 'id' | 'size' | 'shared' | 'created' | 'containers';

const compareName: Comparator<ImageRow> = (a, b) => {
  const da = isDangling(a);
  const db = isDangling(b);
  if (da !== db) return da ? 1 : -1;
  return compareText(imageLabel(a), imageLabel(b));
};

const bareId = (row: ImageRow) => row.id.replace(/^sha256:/, '');

export const imageComparators: Record<ImageSortKey, Comparator<ImageRow>> = {
  name: (a, b) => compareName(a, b) || compareNumber(b.created, a.created),
  id: (a, b) => compareText(bareId(a), bareId(b)),
  size: (a, b) => compareNumber(a.size, b.size) || compareName(a, b),
  shared: (a, b) => compareNullableNumber(a.sharedSize, b.sharedSize) || compareName(a, b),
  created: (a, b) => compareNumber(a.created, b.created) || compareName(a, b),
  containers: (a, b) => compareNumber(a.containers, b.containers) || compareName(a, b),
};

export const imageDefaultDir: Record<ImageSortKey, 'asc' | 'desc'> = {
  name: 'asc',
  id: 'asc',
  size: 'desc',
  shared: 'desc',
  created: 'desc',
  containers: 'desc',
};
