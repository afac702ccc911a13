// GET /containers/json rows (Docker and Podman's compatible API), and
// libpod's own list, as ContainerRow.
import { arr, normalizeImageId, num, obj, str, stringMap, strings } from './json';
import { statusSince } from './status-time';
import type { ContainerRow, ContainerState, PortMapping } from './types';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

/** Podman's own state names, for the few that leak through its compatible API. */
const PODMAN_STATES: Record<string, ContainerState> = {
  configured: 'created',
  initialized: 'created',
  stopped: 'exited',
  stopping: 'running',
};

export function mapContainerState(raw: string): ContainerState {
  const state = raw.toLowerCase();
  if ((STATES as readonly string[]).includes(state)) return state as ContainerState;
  return PODMAN_STATES[state] ?? 'exited';
}

/** `fetchedAtMs` dates the engine's status text (see statusSince). */
export function mapContainer(raw: unknown, fetchedAtMs: number): ContainerRow {
  const c = obj(raw);
  const id = str(c['Id']);
  return {
    id,
    name: containerName(strings(c['Names']), id),
    image: str(c['Image']),
    imageId: normalizeImageId(str(c['ImageID'])),
    command: str(c['Command']),
    state: mapContainerState(str(c['State'])),
    status: str(c['Status']),
    statusSince: statusSince(str(c['Status']), fetchedAtMs),
    created: num(c['Created']),
    ports: arr(c['Ports']).map(mapPort),
    labels: stringMap(c['Labels']),
  };
}

export function mapContainers(raw: unknown, fetchedAtMs: number): ContainerRow[] {
  return arr(raw)
    .map((c) => mapContainer(c, fetchedAtMs))
    .filter((c) => c.id !== '');
}

/**
 * A row of libpod's GET /libpod/containers/json. It has no status text and
 * dates states in Unix seconds instead, names have no slash, and Created is
 * an RFC 3339 time.
 */
export function mapLibpodContainer(raw: unknown): ContainerRow {
  const c = obj(raw);
  const id = str(c['Id']);
  const state = mapContainerState(str(c['State']));
  const startedAt = num(c['StartedAt']);
  const exitedAt = num(c['ExitedAt']);
  const since = state === 'running' || state === 'paused' ? startedAt : state === 'exited' ? exitedAt : 0;
  const createdText = c['Created'];
  return {
    id,
    name: containerName(strings(c['Names']), id),
    image: str(c['Image']),
    imageId: normalizeImageId(str(c['ImageID'])),
    command: strings(c['Command']).join(' '),
    state,
    status: state === 'exited' ? `Exited (${num(c['ExitCode'])})` : state === 'running' ? 'Up' : state.charAt(0).toUpperCase() + state.slice(1),
    statusSince: since > 0 ? since * 1000 : null,
    created: typeof createdText === 'string' ? Math.floor(Date.parse(createdText) / 1000) || 0 : num(createdText),
    ports: arr(c['Ports']).map((raw) => {
      const p = obj(raw);
      const hostPort = num(p['host_port'], 0);
      return { privatePort: num(p['container_port']), publicPort: hostPort > 0 ? hostPort : null, ip: str(p['host_ip']) || null, type: str(p['protocol'], 'tcp') };
    }),
    labels: stringMap(c['Labels']),
  };
}

/** Names carry a leading slash, and legacy links add "/other/alias" names; the own name has no inner slash. */
function containerName(names: string[], id: string): string {
  const bare = names.map((n) => n.replace(/^\//, ''));
  return bare.find((n) => !n.includes('/')) ?? bare[0] ?? id.slice(0, 12);
}

function mapPort(raw: unknown): PortMapping {
  const p = obj(raw);
  const publicPort = num(p['PublicPort'], 0);
  const ip = str(p['IP']);
  return { privatePort: num(p['PrivatePort']), publicPort: publicPort > 0 ? publicPort : null, ip: ip === '' ? null : ip, type: str(p['Type'], 'tcp') };
}
