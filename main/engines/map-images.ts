// GET /images/json rows as ImageRow. The engine's own counts are unreliable
// (Docker reports Containers -1 and SharedSize -1 outside /system/df, Podman
// reports SharedSize 0), so the container count comes from the container
// list and the shared size from /system/df or ?shared-size=1.
import { arr, normalizeImageId, num, obj, str, strings } from './json';
import type { ContainerRow, ImageRow } from './types';

/** An image row before the container count is known. */
export type ImageBase = Omit<ImageRow, 'containers'>;

/** How to learn an image's shared size: by id, null when unknown. */
export type SharedSizes = ReadonlyMap<string, number>;

export function mapImage(raw: unknown, sharedSizes: SharedSizes | null): ImageBase {
  const i = obj(raw);
  const id = normalizeImageId(str(i['Id']));
  // Docker 20.10 writes "<none>:<none>" and "<none>@<none>" for dangling images; Podman writes null.
  const repoTags = strings(i['RepoTags']).filter((t) => t !== '<none>:<none>');
  const repoDigests = strings(i['RepoDigests']).filter((d) => d !== '<none>@<none>');
  const shared = sharedSizes?.get(id);
  return {
    id,
    repoTags,
    repoDigests,
    dangling: repoTags.length === 0,
    size: num(i['Size']),
    sharedSize: shared !== undefined && shared >= 0 ? shared : null,
    created: num(i['Created']),
  };
}

export function mapImages(raw: unknown, sharedSizes: SharedSizes | null): ImageBase[] {
  return arr(raw)
    .map((i) => mapImage(i, sharedSizes))
    .filter((i) => i.id !== '');
}

/**
 * Shared sizes by image id from rows that carry a computed SharedSize: the
 * Images of GET /system/df, or /images/json?shared-size=1 (API 1.42+).
 * Podman's df repeats an image once per tag; the value is the same.
 */
export function sharedSizesOf(images: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const raw of arr(images)) {
    const i = obj(raw);
    const size = num(i['SharedSize'], -1);
    if (size >= 0) out.set(normalizeImageId(str(i['Id'])), size);
  }
  return out;
}

/** Containers in any state per image id. */
export function countContainersByImage(containers: Iterable<ContainerRow>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of containers) counts.set(c.imageId, (counts.get(c.imageId) ?? 0) + 1);
  return counts;
}

export function withContainerCounts(images: Iterable<ImageBase>, counts: ReadonlyMap<string, number>): ImageRow[] {
  return Array.from(images, (i) => ({ ...i, containers: counts.get(i.id) ?? 0 }));
}
