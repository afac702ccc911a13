// Volumes with the containers that use them; removal refuses a volume in use
// and says by whom.
import type Docker from 'dockerode';
import { ApiError } from '../api/procedure';
import { engineJson } from '../engines/engine-call';

export interface ContainerRef {
  id: string;
  name: string;
  state: string;
}

export interface VolumeRow {
  /** The name is the volume's id. */
  id: string;
  name: string;
  driver: string;
  mountpoint: string;
  /** ISO time, when the engine reports it. */
  created: string | null;
  labels: Record<string, string>;
  usedBy: ContainerRef[];
}

export interface RemoveReport {
  removed: string[];
  refused: { name: string; reason: string }[];
}

interface RawContainer {
  Id: string;
  Names?: string[];
  State: string;
  Mounts?: { Type?: string; Name?: string }[];
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> };
}

export function listAllContainers(docker: Docker): Promise<RawContainer[]> {
  return engineJson<RawContainer[]>(docker, { method: 'GET', path: '/containers/json', query: { all: 1 } });
}

export const refOf = (c: RawContainer): ContainerRef => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), state: c.State });

export async function listVolumes(docker: Docker): Promise<VolumeRow[]> {
  const [volumes, containers] = await Promise.all([
    engineJson<{ Volumes: { Name: string; Driver: string; Mountpoint: string; CreatedAt?: string; Labels?: Record<string, string> | null }[] | null }>(docker, { method: 'GET', path: '/volumes' }),
    listAllContainers(docker),
  ]);
  return (volumes.Volumes ?? []).map((v) => ({
    id: v.Name,
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    created: v.CreatedAt ?? null,
    labels: v.Labels ?? {},
    usedBy: containers.filter((c) => c.Mounts?.some((m) => m.Type === 'volume' && m.Name === v.Name)).map(refOf),
  }));
}

/** Bytes per volume, by name; null where the engine cannot tell (a driver that does not say, a volume being sized). */
export type VolumeSizes = Record<string, number | null>;

/**
 * The engine walks every volume (and on API < 1.42 every layer and container)
 * to size them, so sizes come apart from the list, which never waits for them.
 */
export async function volumeSizes(docker: Docker): Promise<VolumeSizes> {
  const df = await engineJson<{ Volumes?: { Name: string; UsageData?: { Size?: number } | null }[] | null }>(docker, { method: 'GET', path: '/system/df', query: { type: 'volume' } });
  return Object.fromEntries((df.Volumes ?? []).map((v) => [v.Name, typeof v.UsageData?.Size === 'number' && v.UsageData.Size >= 0 ? v.UsageData.Size : null]));
}

export async function createVolume(docker: Docker, spec: { name: string; driver: string; labels: Record<string, string> }): Promise<VolumeRow> {
  if (spec.name !== '') {
    const existing = await listVolumes(docker);
    if (existing.some((v) => v.name === spec.name)) throw new ApiError('BAD_INPUT', `A volume named "${spec.name}" already exists.`);
  }
  const v = await engineJson<{ Name: string; Driver: string; Mountpoint: string; CreatedAt?: string; Labels?: Record<string, string> | null }>(docker, {
    method: 'POST',
    path: '/volumes/create',
    body: { Name: spec.name, Driver: spec.driver || 'local', Labels: spec.labels },
  });
  return { id: v.Name, name: v.Name, driver: v.Driver, mountpoint: v.Mountpoint, created: v.CreatedAt ?? null, labels: v.Labels ?? {}, usedBy: [] };
}

export async function removeVolumes(docker: Docker, names: string[]): Promise<RemoveReport> {
  const rows = await listVolumes(docker);
  const report: RemoveReport = { removed: [], refused: [] };
  for (const name of names) {
    const row = rows.find((v) => v.name === name);
    if (!row) {
      report.refused.push({ name, reason: `No volume named "${name}": it may have been removed already.` });
      continue;
    }
    if (row.usedBy.length > 0) {
      report.refused.push({ name, reason: `In use by ${describeUsers(row.usedBy)}: remove ${row.usedBy.length === 1 ? 'that container' : 'those containers'} first.` });
      continue;
    }
    try {
      await engineJson(docker, { method: 'DELETE', path: `/volumes/${encodeURIComponent(name)}` });
      report.removed.push(name);
    } catch (err) {
      report.refused.push({ name, reason: (err as Error).message });
    }
  }
  return report;
}

export function describeUsers(users: ContainerRef[]): string {
  const shown = users.slice(0, 5).map((u) => `${u.name} (${u.state})`);
  return `${shown.join(', ')}${users.length > shown.length ? ` and ${users.length - shown.length} more` : ''}`;
}
