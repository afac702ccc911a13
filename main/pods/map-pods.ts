// libpod's pod list (GET /libpod/pods/json) as rows the UI shows. Pure.
import { arr, num, obj, str, stringMap, strings } from '../engines/json';

export interface PodMember {
  id: string;
  name: string;
  /** Podman's state name: created, running, exited, paused, … */
  state: string;
  /** The infra container holds the pod's shared namespaces and runs nothing of the user's. */
  infra: boolean;
}

export interface PodRow {
  id: string;
  name: string;
  /** Podman's pod status: Created, Running, Degraded (some running), Stopped, Exited, Paused, Dead. */
  status: string;
  /** Unix seconds. */
  created: number;
  infraId: string | null;
  labels: Record<string, string>;
  networks: string[];
  containers: PodMember[];
}

export function mapPod(raw: unknown): PodRow {
  const p = obj(raw);
  const infraId = str(p['InfraId']);
  const created = p['Created'];
  return {
    id: str(p['Id']),
    name: str(p['Name']),
    status: str(p['Status']),
    created: typeof created === 'string' ? Math.floor(Date.parse(created) / 1000) || 0 : num(created),
    infraId: infraId || null,
    labels: stringMap(p['Labels']),
    networks: strings(p['Networks']),
    containers: arr(p['Containers'])
      .map((raw) => {
        const c = obj(raw);
        const id = str(c['Id']);
        return { id, name: str(c['Names'], id.slice(0, 12)), state: str(c['Status']), infra: id !== '' && id === infraId };
      })
      // The infra container first, then by name: the order `podman pod ps --ctr-names` reads in.
      .sort((a, b) => Number(b.infra) - Number(a.infra) || a.name.localeCompare(b.name)),
  };
}

export function mapPods(raw: unknown): PodRow[] {
  return arr(raw)
    .map(mapPod)
    .filter((p) => p.id !== '')
    .sort((a, b) => a.name.localeCompare(b.name));
}
