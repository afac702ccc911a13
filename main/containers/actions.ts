// The container lifecycle on the engine: start, stop, restart, pause,
// unpause, kill and remove, one or many at a time, with an exact report of
// what happened to each; and run (create, then start), which never leaves a
// created-but-not-started container behind without saying so.
import type Docker from 'dockerode';
import { ApiError } from '../api/procedure';
import { engineJson, isPortInUse, type EngineFailure } from '../engines/engine-call';
import type { ContainerRow } from '../engines/types';
import type { CreateBody, FieldError, PublishedPort } from './run-spec';

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

export interface ActionOutcome {
  id: string;
  name: string;
  /** What the engine did, in the user's words, or why it did not. */
  ok: boolean;
  message: string;
}

export interface BulkReport {
  action: LifecycleAction;
  done: ActionOutcome[];
  failed: ActionOutcome[];
}

const PAST: Record<LifecycleAction, string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  pause: 'paused',
  unpause: 'unpaused',
  kill: 'killed',
  remove: 'removed',
};

interface Inspected {
  Id: string;
  Name: string;
  State: { Status: string; Running: boolean; Paused: boolean };
  Config: { Tty: boolean; Image: string };
}

export function inspectContainer<T = Inspected>(docker: Docker, id: string, signal?: AbortSignal): Promise<T> {
  return engineJson<T>(docker, { method: 'GET', path: `/containers/${encodeURIComponent(id)}/json`, signal }, (f) =>
    f.status === 404 ? new ApiError('NOT_FOUND', `No container "${id}" on this engine: it may have been removed.`) : null,
  );
}

/** Applies one action to each container in turn; one failing does not stop the others. */
export async function applyAction(docker: Docker, action: LifecycleAction, ids: string[], options: { force?: boolean; removeVolumes?: boolean } = {}): Promise<BulkReport> {
  const report: BulkReport = { action, done: [], failed: [] };
  for (const id of ids) {
    let name = id.slice(0, 12);
    try {
      const c = await inspectContainer(docker, id);
      name = c.Name.replace(/^\//, '');
      if (action === 'remove' && (c.State.Running || c.State.Paused) && !options.force) {
        throw new ApiError('BAD_INPUT', `${name} is ${c.State.Paused ? 'paused' : 'running'}; stop it first, or remove it with force (which kills it).`);
      }
      const already = (action === 'start' && c.State.Running) || (action === 'stop' && !c.State.Running);
      await act(docker, action, c.Id, name, options);
      report.done.push({ id: c.Id, name, ok: true, message: already ? `${name} was already ${PAST[action]}.` : `${name} ${PAST[action]}.` });
    } catch (err) {
      report.failed.push({ id, name, ok: false, message: err instanceof ApiError ? err.message : `${name}: ${(err as Error).message}` });
    }
  }
  return report;
}

async function act(docker: Docker, action: LifecycleAction, id: string, name: string, options: { force?: boolean; removeVolumes?: boolean }): Promise<void> {
  const path = `/containers/${encodeURIComponent(id)}`;
  const explain = (f: EngineFailure) => explainLifecycle(name, action, f);
  if (action === 'remove') {
    await engineJson(docker, { method: 'DELETE', path, query: { force: options.force ? 1 : 0, v: options.removeVolumes ? 1 : 0 } }, explain);
    return;
  }
  // The engine answers 304 for a container already started or stopped: fine either way.
  await engineJson<unknown>(docker, { method: 'POST', path: `${path}/${action}` }, explain);
}

function explainLifecycle(name: string, action: LifecycleAction, f: EngineFailure): ApiError | null {
  if (f.status === 404) return new ApiError('NOT_FOUND', `${name} no longer exists.`);
  if (isPortInUse(f.message)) return new ApiError('ENGINE', `${name} could not ${action}: one of its host ports is in use by another program or container. Free the port, or run it again with another host port. (${f.message})`);
  if (/is not running/i.test(f.message)) return new ApiError('ENGINE', `${name} is not running, so it cannot be ${PAST[action]}.`);
  if (/is not paused/i.test(f.message)) return new ApiError('ENGINE', `${name} is not paused.`);
  if (/is paused/i.test(f.message)) return new ApiError('ENGINE', `${name} is paused: unpause it first.`);
  if (/removal of container .* is already in progress/i.test(f.message)) return new ApiError('ENGINE', `${name} is already being removed.`);
  return new ApiError('ENGINE', `${name} could not ${action === 'remove' ? 'be removed' : action}: ${f.message}`);
}

export interface RunResult {
  id: string;
  name: string;
  /** False when create succeeded but start failed: the container exists, stopped, and startError says why. */
  started: boolean;
  startError: string | null;
}

export interface RunChecks {
  /** The engine's containers, for names and host ports they hold. */
  existing: readonly ContainerRow[];
  /** Asks this computer whether a host port is free; only where the engine's ports are this computer's. */
  portFree?: (port: PublishedPort) => Promise<boolean>;
}

/**
 * What the engine would refuse only late, or not clearly (a taken name, a
 * host port held by a container or by another program), as field errors: the
 * run dialog shows them while the user types, and run refuses with them.
 */
export async function runConflicts(name: string | null, published: readonly PublishedPort[], checks: RunChecks): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const holderOfName = name === null ? undefined : checks.existing.find((c) => c.name === name);
  if (holderOfName) errors.push({ field: 'name', message: `The name "${name}" is taken by a ${holderOfName.state} container (${holderOfName.image}). Choose another name, or remove that container first.` });
  for (const port of published) {
    const field = `ports.${port.row}.hostPort`;
    const holder = checks.existing.find((c) => c.state === 'running' && c.ports.some((p) => p.publicPort === port.hostPort && p.type === port.protocol));
    if (holder) errors.push({ field, message: `Host port ${port.hostPort}/${port.protocol} is in use by container ${holder.name}. Choose another host port, or stop ${holder.name}.` });
    else if (checks.portFree && !(await checks.portFree(port))) errors.push({ field, message: `Host port ${port.hostPort}/${port.protocol} is in use by another program on this computer. Choose another host port.` });
  }
  return errors;
}

/** Refuses what runConflicts finds, creates, and starts unless told not to. */
export async function runContainer(
  docker: Docker,
  body: CreateBody,
  name: string | null,
  options: RunChecks & { start: boolean; published: PublishedPort[] },
): Promise<RunResult> {
  const conflicts = await runConflicts(name, options.published, options);
  if (conflicts.length > 0) throw new ApiError('BAD_INPUT', conflicts.map((c) => c.message).join(' '));
  const created = await engineJson<{ Id: string }>(docker, { method: 'POST', path: '/containers/create', query: name ? { name } : {}, body }, (f) => {
    if (f.status === 409) return new ApiError('BAD_INPUT', `The name "${name}" is already taken. Choose another name, or remove that container first.`);
    if (f.status === 404 && /no such image/i.test(f.message)) return new ApiError('NOT_FOUND', `The image ${body.Image} is not on this engine: pull it first.`);
    if (/network .* not found/i.test(f.message)) return new ApiError('NOT_FOUND', `There is no network named "${body.HostConfig.NetworkMode}": create it, or pick another.`);
    if (/invalid (mount|volume)|mount path|bind source path does not exist/i.test(f.message)) return new ApiError('BAD_INPUT', `A mount is invalid: ${f.message}`);
    return new ApiError('ENGINE', `The engine would not create the container: ${f.message}`);
  });
  const inspected = await inspectContainer(docker, created.Id);
  const result: RunResult = { id: created.Id, name: inspected.Name.replace(/^\//, ''), started: false, startError: null };
  if (!options.start) return result;
  const started = await applyAction(docker, 'start', [created.Id]);
  if (started.failed.length > 0) return { ...result, startError: started.failed[0]!.message };
  return { ...result, started: true };
}
