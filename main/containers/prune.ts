// Pruning stopped containers and dangling images: first a preview of exactly
// what would go, then, once confirmed, the engine's prune limited to what
// existed at the preview, with the engine's own report of what it removed.
import type Docker from 'dockerode';
import { engineJson } from '../engines/engine-call';

export interface PrunePreview {
  /** Unix seconds; pass it back to prune only what the preview could show. */
  at: number;
  containers: { id: string; name: string; image: string; status: string; size: number }[];
  images: { id: string; size: number; created: number }[];
  /** The containers' writable layers plus the images' sizes (shared layers may make the real figure smaller). */
  estimatedBytes: number;
}

export interface PruneReport {
  containers: string[];
  images: string[];
  spaceReclaimed: number;
}

const STOPPED = { status: ['exited', 'created', 'dead'] };

export async function previewPrune(docker: Docker, now: () => number = Date.now): Promise<PrunePreview> {
  const at = Math.floor(now() / 1000);
  const [containers, images] = await Promise.all([
    engineJson<{ Id: string; Names?: string[]; Image: string; Status: string; SizeRw?: number }[]>(docker, { method: 'GET', path: '/containers/json', query: { all: 1, size: 1, filters: STOPPED } }),
    engineJson<{ Id: string; Size: number; Created: number }[]>(docker, { method: 'GET', path: '/images/json', query: { filters: { dangling: ['true'] } } }),
  ]);
  const c = containers.map((x) => ({ id: x.Id, name: (x.Names?.[0] ?? x.Id.slice(0, 12)).replace(/^\//, ''), image: x.Image, status: x.Status, size: x.SizeRw ?? 0 }));
  const i = images.map((x) => ({ id: x.Id, size: x.Size, created: x.Created }));
  return { at, containers: c, images: i, estimatedBytes: c.reduce((s, x) => s + x.size, 0) + i.reduce((s, x) => s + x.size, 0) };
}

export async function prune(docker: Docker, what: { containers: boolean; images: boolean; until: number }): Promise<PruneReport> {
  const report: PruneReport = { containers: [], images: [], spaceReclaimed: 0 };
  // `until` keeps out what was created after the user saw the preview.
  const until = String(what.until + 1);
  if (what.containers) {
    const r = await engineJson<{ ContainersDeleted: string[] | null; SpaceReclaimed: number }>(docker, { method: 'POST', path: '/containers/prune', query: { filters: { until: [until] } } });
    report.containers = r.ContainersDeleted ?? [];
    report.spaceReclaimed += r.SpaceReclaimed ?? 0;
  }
  if (what.images) {
    const r = await engineJson<{ ImagesDeleted: { Deleted?: string; Untagged?: string }[] | null; SpaceReclaimed: number }>(docker, {
      method: 'POST',
      path: '/images/prune',
      query: { filters: { dangling: ['true'], until: [until] } },
    });
    report.images = (r.ImagesDeleted ?? []).flatMap((d) => (d.Deleted?.startsWith('sha256:') ? [d.Deleted] : []));
    report.spaceReclaimed += r.SpaceReclaimed ?? 0;
  }
  return report;
}
