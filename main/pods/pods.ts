// Pods on a Podman engine through libpod: list, create, start, stop, restart
// and remove, each with a report that says exactly what happened to every pod
// and which containers went with it.
import type Docker from 'dockerode';
import { ApiError } from '../api/procedure';
import type { ActionOutcome } from '../containers/actions';
import type { EngineFailure } from '../engines/engine-call';
import { libpodJson } from '../engines/libpod';
import { obj } from '../engines/json';
import { mapPods, type PodRow } from './map-pods';

export type PodAction = 'start' | 'stop' | 'restart' | 'remove';

export interface PodOutcome extends ActionOutcome {
  /** The pod's containers the action reached, by name; the infra container is marked "(infra)". */
  containers: string[];
}

export interface PodReport {
  action: PodAction;
  done: PodOutcome[];
  failed: PodOutcome[];
}

const PAST: Record<PodAction, string> = { start: 'started', stop: 'stopped', restart: 'restarted', remove: 'removed' };

export async function listPods(docker: Docker, signal?: AbortSignal): Promise<PodRow[]> {
  return mapPods(await libpodJson<unknown>(docker, { method: 'GET', path: '/pods/json', signal }));
}

export interface NewPod {
  name: string;
  labels: Record<string, string>;
}

/** Creates an empty pod (with its infra container); resolves to the pod as listed. */
export async function createPod(docker: Docker, pod: NewPod): Promise<PodRow> {
  const created = await libpodJson<{ Id?: string }>(docker, { method: 'POST', path: '/pods/create', body: { name: pod.name, labels: pod.labels } }, (f) =>
    /already (in use|exists)/i.test(f.message) ? new ApiError('BAD_INPUT', `A pod named "${pod.name}" already exists: choose another name, or remove that pod first.`) : null,
  );
  const row = (await listPods(docker)).find((p) => p.id === created.Id);
  if (!row) throw new ApiError('ENGINE', `Podman created pod ${pod.name} (${String(created.Id).slice(0, 12)}) but does not list it: it may have been removed at once by another client.`);
  return row;
}

const membersOf = (pod: PodRow) => pod.containers.map((c) => (c.infra ? `${c.name} (infra)` : c.name));

/**
 * Applies one action to each pod in turn; one failing does not stop the others.
 * Removing a pod with running containers needs force, as for containers.
 */
export async function applyPodAction(docker: Docker, action: PodAction, ids: string[], options: { force?: boolean } = {}): Promise<PodReport> {
  const report: PodReport = { action, done: [], failed: [] };
  const pods = await listPods(docker);
  for (const ref of ids) {
    const pod = pods.find((p) => p.id === ref || p.name === ref || (ref.length >= 12 && p.id.startsWith(ref)));
    const name = pod?.name ?? ref;
    try {
      if (!pod) throw new ApiError('NOT_FOUND', `No pod "${ref}" on this engine: it may have been removed.`);
      const running = pod.containers.filter((c) => c.state === 'running' || c.state === 'paused');
      if (action === 'remove' && running.length > 0 && !options.force) {
        throw new ApiError('BAD_INPUT', `${name} has ${running.length} running container${running.length === 1 ? '' : 's'}; stop the pod first, or remove it with force (which stops them).`);
      }
      const explain = (f: EngineFailure) => explainPod(name, action, f);
      const path = `/pods/${encodeURIComponent(pod.id)}`;
      if (action === 'remove') {
        const answer = obj(await libpodJson<unknown>(docker, { method: 'DELETE', path, query: { force: options.force ? true : false } }, explain));
        if (typeof answer['Err'] === 'string' && answer['Err']) throw new ApiError('ENGINE', `${name}: ${answer['Err']}`);
      } else {
        const answer = obj(await libpodJson<unknown>(docker, { method: 'POST', path: `${path}/${action}` }, explain));
        const errs = Array.isArray(answer['Errs']) ? answer['Errs'].filter(Boolean).map(String) : [];
        if (errs.length) throw new ApiError('ENGINE', `${name}: ${errs.join('; ')}`);
      }
      const containers = membersOf(pod);
      const what = action === 'remove' ? (containers.length ? ` with its containers: ${containers.join(', ')}` : ' (it had no containers)') : '';
      report.done.push({ id: pod.id, name, ok: true, message: `${name} ${PAST[action]}${what}.`, containers });
    } catch (err) {
      report.failed.push({ id: pod?.id ?? ref, name, ok: false, message: err instanceof ApiError ? err.message : `${name}: ${(err as Error).message}`, containers: [] });
    }
  }
  return report;
}

function explainPod(name: string, action: PodAction, f: EngineFailure): ApiError | null {
  if (f.status === 404) return new ApiError('NOT_FOUND', `No pod "${name}" on this engine: it may have been removed.`);
  if (f.status === 409 && action === 'remove') return new ApiError('BAD_INPUT', `${name} still has running containers: stop it first, or remove it with force. (${f.message})`);
  return null;
}
