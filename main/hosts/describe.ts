// Turning what happened at one place into an outcome and a sentence the user
// can act on. Pure: the probe passes the error or the answer it got.
import type { ProbeAttempt, ProbeOutcome } from '../engines/types';
import { endpointPlace, endpointUrl, type Candidate } from './endpoint';

export interface Finding {
  outcome: ProbeOutcome;
  detail: string;
}

/** How to start the engine a known place belongs to, when nothing answers there. */
const START_HINTS: Record<string, string> = {
  'Docker Engine': 'start it with "sudo systemctl start docker"',
  'rootless Docker': 'start it with "systemctl --user start docker"',
  'Docker Desktop': 'start Docker Desktop',
  'Docker Desktop (Linux engine)': 'start Docker Desktop',
  Colima: 'start it with "colima start"',
  OrbStack: 'start OrbStack',
  'Rancher Desktop': 'start Rancher Desktop',
  Podman: 'start it with "sudo systemctl start podman.socket"',
  'rootless Podman': 'start it with "systemctl --user start podman.socket"',
  'Podman machine': 'start it with "podman machine start"',
};

export function describeError(candidate: Candidate, err: { code?: string | undefined; message?: string | undefined }, timeoutMs: number): Finding {
  const { endpoint, source } = candidate;
  const place = endpointPlace(endpoint);
  const url = endpointUrl(endpoint);
  const code = err.code ?? '';
  const start = START_HINTS[source] ?? 'start the engine';
  switch (code) {
    case 'ENOENT':
      return endpoint.kind === 'npipe'
        ? { outcome: 'missing', detail: `no named pipe at ${place}` }
        : { outcome: 'missing', detail: `no socket at ${place}` };
    case 'EACCES':
    case 'EPERM':
      return { outcome: 'permission', detail: permissionDetail(candidate, place) };
    case 'ECONNREFUSED':
      return endpoint.kind === 'tcp'
        ? { outcome: 'refused', detail: `nothing accepts connections at ${place}: ${start}, or check the address and port` }
        : { outcome: 'refused', detail: `${place} exists but no engine is listening on it (it is left over from an engine that stopped): ${start}` };
    case 'ENOTSOCK':
      return { outcome: 'invalid', detail: `${place} is not a socket` };
    case 'ETIMEDOUT':
    case 'TIMEOUT':
      return { outcome: 'timeout', detail: `${url} did not answer within ${timeoutMs} ms: the engine may be starting or stuck` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { outcome: 'error', detail: `the host name in ${url} does not resolve` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { outcome: 'error', detail: `${url} is unreachable from this machine (no route)` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { outcome: 'error', detail: `${url} closed the connection without answering: the engine may be restarting` };
  }
  if (code.startsWith('HPE_')) return { outcome: 'invalid', detail: `${url} does not speak HTTP: it is not an engine API socket` };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO/.test(code)) {
    return { outcome: 'error', detail: `the TLS handshake with ${url} failed (${err.message ?? code}): check DOCKER_CERT_PATH / the context's TLS files` };
  }
  return { outcome: 'error', detail: `${url} could not be reached: ${err.message || code || 'unknown error'}` };
}

function permissionDetail(candidate: Candidate, place: string): string {
  const { endpoint, source } = candidate;
  if (endpoint.kind === 'npipe') return `access denied to ${place}: add your user to the docker-users group and sign in again`;
  if (source === 'Podman') return `permission denied on ${place}: the rootful Podman socket belongs to root; use rootless Podman ("systemctl --user enable --now podman.socket")`;
  if (/docker\.sock$/.test(place)) return `permission denied on ${place}: add your user to the docker group (sudo usermod -aG docker $USER) and log in again`;
  return `permission denied on ${place}: your user may not open it (see "ls -l ${place}")`;
}

/** What an HTTP answer to GET /_ping means. */
export function describePing(candidate: Candidate, status: number, body: string): Finding {
  const url = endpointUrl(candidate.endpoint);
  const text = body.trim().slice(0, 200);
  if (status === 200 && text === 'OK') return { outcome: 'ok', detail: `an engine answers at ${url}` };
  if (status === 200) return { outcome: 'invalid', detail: `${url} answers HTTP but is not a Docker-compatible engine (GET /_ping said "${text}")` };
  const message = engineMessage(text);
  return { outcome: 'error', detail: `the engine at ${url} answered with an error (HTTP ${status}${message ? `: ${message}` : ''})` };
}

function engineMessage(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: the text itself is the message
  }
  return text;
}

export function attempt(candidate: Candidate, finding: Finding): ProbeAttempt {
  return { endpoint: endpointUrl(candidate.endpoint), source: candidate.source, outcome: finding.outcome, detail: finding.detail };
}

/** One sentence for the status line from everything tried during a discovery. */
export function summarizeDiscovery(tried: ProbeAttempt[]): string {
  if (tried.length === 0) return 'No place to look for a container engine on this system.';
  // A place where something is wrong says more than the many places where nothing is installed.
  const telling = tried.find((t) => t.outcome !== 'missing' && t.outcome !== 'ok');
  if (tried.length === 1) return capitalize(tried[0]!.detail);
  if (telling) return capitalize(`${telling.detail} (${telling.source}; ${tried.length} places tried)`);
  return `No container engine is running: there is no engine socket at any of the ${tried.length} places Docker, Podman, Colima and others use. Start an engine, or set DOCKER_HOST.`;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
