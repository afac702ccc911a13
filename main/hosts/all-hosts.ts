// The "All hosts" view: every host's containers and resource use in one list,
// each row saying which host it is on. A host that is not online gives no
// rows but says so, with its state and reason, instead of silently dropping
// out; its counts are null (unknown), never 0.
import type { ContainerRow } from '../engines/types';
import type { EngineSession } from '../live/types';
import { samplerOf } from '../stats/sampler';
import type { StatsSample } from '../stats/types';
import type { HostView } from '../ssh/registry';

export interface HostSummary {
  id: string;
  name: string;
  state: HostView['state'];
  reason: string | null;
  /** Null when the host is not online: Berth cannot know. */
  containers: number | null;
  running: number | null;
  /** Percent of one CPU, summed over the host's running containers. */
  cpu: number | null;
  /** Bytes in use, summed. */
  mem: number | null;
}

export interface HostContainerRow extends ContainerRow {
  host: string;
  hostName: string;
  /** Latest sample; null while waiting for one or when it is not running. */
  cpu: number | null;
  mem: number | null;
}

export interface AllHosts {
  hosts: HostSummary[];
  containers: HostContainerRow[];
}

export interface HostReading {
  view: HostView;
  rows: ContainerRow[];
  samples: Record<string, StatsSample>;
}

/** Pure: what the view shows for these readings. */
export function aggregate(readings: readonly HostReading[]): AllHosts {
  const hosts: HostSummary[] = [];
  const containers: HostContainerRow[] = [];
  for (const { view, rows, samples } of readings) {
    const online = view.state === 'online';
    const sampled = rows.map((r) => samples[r.id]).filter((s): s is StatsSample => !!s);
    hosts.push({
      id: view.id,
      name: view.name,
      state: view.state,
      reason: view.reason,
      containers: online ? rows.length : null,
      running: online ? rows.filter((r) => r.state === 'running').length : null,
      cpu: online ? sampled.reduce((n, s) => n + (s.cpu ?? 0), 0) : null,
      mem: online ? sampled.reduce((n, s) => n + s.mem, 0) : null,
    });
    if (!online) continue;
    for (const row of rows) containers.push({ ...row, host: view.id, hostName: view.name, cpu: samples[row.id]?.cpu ?? null, mem: samples[row.id]?.mem ?? null });
  }
  return { hosts, containers };
}

/** Reads every host now; a host that fails while being read counts as offline with the reason. */
export async function readAllHosts(views: readonly HostView[], session: (id: string) => EngineSession): Promise<AllHosts> {
  const readings = await Promise.all(
    views.map(async (view): Promise<HostReading> => {
      if (view.state !== 'online') return { view, rows: [], samples: {} };
      try {
        const s = session(view.id);
        const rows = await s.containers();
        const sampler = samplerOf(s);
        const frame = await firstOf(sampler.watch(null, AbortSignal.timeout(1000)));
        return { view, rows, samples: frame?.samples ?? {} };
      } catch (err) {
        return { view: { ...view, state: 'offline', reason: err instanceof Error ? err.message : String(err) }, rows: [], samples: {} };
      }
    }),
  );
  return aggregate(readings);
}

async function firstOf<T>(items: AsyncIterable<T>): Promise<T | null> {
  for await (const item of items) return item;
  return null;
}
