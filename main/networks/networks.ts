// Networks with the containers attached to them; the engine's own networks
// (bridge, host, none) and networks in use cannot be removed, and we say why.
import type Docker from 'dockerode';
import { ApiError } from '../api/procedure';
import { engineJson } from '../engines/engine-call';
import { describeUsers, listAllContainers, refOf, type ContainerRef, type RemoveReport } from '../volumes/volumes';

export interface NetworkRow {
  id: string;
  name: string;
  driver: string;
  scope: string;
  subnets: string[];
  internal: boolean;
  /** bridge, host and none: the engine's own, never removable. */
  builtin: boolean;
  created: string | null;
  usedBy: ContainerRef[];
}

const BUILTIN = new Set(['bridge', 'host', 'none']);

interface RawNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Internal?: boolean;
  Created?: string;
  IPAM?: { Config?: { Subnet?: string }[] | null };
}

export async function listNetworks(docker: Docker): Promise<NetworkRow[]> {
  const [networks, containers] = await Promise.all([engineJson<RawNetwork[]>(docker, { method: 'GET', path: '/networks' }), listAllContainers(docker)]);
  return networks.map((n) => ({
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    internal: n.Internal ?? false,
    builtin: BUILTIN.has(n.Name),
    created: n.Created ?? null,
    usedBy: containers.filter((c) => Object.entries(c.NetworkSettings?.Networks ?? {}).some(([name, e]) => name === n.Name || e.NetworkID === n.Id)).map(refOf),
  }));
}

export async function createNetwork(docker: Docker, spec: { name: string; driver: string; subnet: string; internal: boolean }): Promise<NetworkRow> {
  const existing = await listNetworks(docker);
  if (existing.some((n) => n.name === spec.name)) throw new ApiError('BAD_INPUT', `A network named "${spec.name}" already exists.`);
  const created = await engineJson<{ Id: string }>(
    docker,
    {
      method: 'POST',
      path: '/networks/create',
      body: { Name: spec.name, Driver: spec.driver || 'bridge', Internal: spec.internal, CheckDuplicate: true, ...(spec.subnet ? { IPAM: { Config: [{ Subnet: spec.subnet }] } } : {}) },
    },
    (f) => (/overlap|invalid (CIDR|subnet)/i.test(f.message) ? new ApiError('BAD_INPUT', `The subnet ${spec.subnet} cannot be used: ${f.message}`) : null),
  );
  const row = (await listNetworks(docker)).find((n) => n.id === created.Id);
  if (!row) throw new ApiError('ENGINE', `The engine created network ${spec.name} but does not list it.`);
  return row;
}

export async function removeNetworks(docker: Docker, ids: string[]): Promise<RemoveReport> {
  const rows = await listNetworks(docker);
  const report: RemoveReport = { removed: [], refused: [] };
  for (const id of ids) {
    const row = rows.find((n) => n.id === id || n.name === id);
    if (!row) {
      report.refused.push({ name: id, reason: `No network "${id}": it may have been removed already.` });
    } else if (row.builtin) {
      report.refused.push({ name: row.name, reason: `${row.name} is one of the engine's own networks and cannot be removed.` });
    } else if (row.usedBy.length > 0) {
      report.refused.push({ name: row.name, reason: `In use by ${describeUsers(row.usedBy)}: disconnect or remove ${row.usedBy.length === 1 ? 'that container' : 'those containers'} first.` });
    } else {
      try {
        await engineJson(docker, { method: 'DELETE', path: `/networks/${encodeURIComponent(row.id)}` });
        report.removed.push(row.name);
      } catch (err) {
        report.refused.push({ name: row.name, reason: (err as Error).message });
      }
    }
  }
  return report;
}
