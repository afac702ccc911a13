// Every engine this machine may run, not only the one the docker CLI would
// pick. An explicit choice (DOCKER_HOST or the current docker context, and
// Podman's CONTAINER_HOST) names the engines, as in the CLIs: Berth does not
// go looking elsewhere behind the user's back. Without one, every known
// socket is tried, each place once.
import { realpath } from 'node:fs/promises';
import { knownEngineSockets } from '../../native/engine-sockets';
import { endpointUrl, type Candidate, type Endpoint } from '../hosts/endpoint';
import { parseDockerHost } from '../hosts/docker-host';
import { resolveLocalCandidates, type LocalPlaces } from '../hosts/resolve';

export async function localEngineCandidates(places: LocalPlaces): Promise<Candidate[]> {
  const { candidates } = await resolveLocalCandidates(places);
  const containerHost = places.env['CONTAINER_HOST']?.trim();
  if (containerHost?.startsWith('unix://')) candidates.push({ endpoint: { kind: 'unix', path: containerHost.slice('unix://'.length) }, source: 'CONTAINER_HOST' });
  const env = { XDG_RUNTIME_DIR: places.env['XDG_RUNTIME_DIR'], TMPDIR: places.env['TMPDIR'] };
  const known = knownEngineSockets({ platform: places.platform, homedir: places.homedir, uid: places.uid, env });
  const chosen = candidates.length > 0 && !candidates.every((c) => known.some((k) => k.endpoint === endpointUrl(c.endpoint)));
  if (!chosen) for (const socket of known) candidates.push({ endpoint: parseDockerHost(socket.endpoint, socket.source) as Endpoint, source: socket.source });
  return uniqueByPlace(candidates, realpathOr);
}

const realpathOr = (path: string) => realpath(path).catch(() => path);

/** /var/run/docker.sock is /run/docker.sock on most systems: one engine, listed once, under its first name. */
export async function uniqueByPlace(candidates: Candidate[], resolvePath: (path: string) => Promise<string>): Promise<Candidate[]> {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const c of candidates) {
    const key = c.endpoint.kind === 'unix' ? `unix://${await resolvePath(c.endpoint.path)}` : endpointUrl(c.endpoint);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}
