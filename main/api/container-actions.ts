// Acting on containers: run, the lifecycle (one or many at once), inspect,
// logs, a terminal. Merged into the containers area by the router.
import { z } from 'zod';
import { applyAction, inspectContainer, runConflicts, runContainer, type LifecycleAction, type RunChecks } from '../containers/actions';
import { DEFAULT_SHELL, execShell, resizeSession, writeExec } from '../containers/exec';
import { containerLogs } from '../containers/logs';
import { tcpPortFree } from '../containers/port-check';
import { translateRunSpec } from '../containers/run-spec';
import type { EngineSession } from '../live/types';
import { dockerFor } from './engine-access';
import { ApiError, mutation, query, subscription } from './procedure';
import { containerId, runSpecInput, withHost } from './schemas';

const idsInput = withHost({ ids: z.array(containerId).min(1).max(1000) });
const lifecycle = (action: Exclude<LifecycleAction, 'remove'>) => mutation(idsInput, async (input, ctx) => applyAction(await dockerFor(ctx, input.host), action, input.ids));
const sessionId = z.string().uuid();

export const containerActionsApi = {
  /** What the run dialog shows while the user types: field errors (a taken name or host port included) and the docker run line. */
  previewRun: query(withHost({ spec: runSpecInput, hostCpus: z.number().int().positive().max(4096).nullable().default(null) }), async (input, ctx) => {
    const t = translateRunSpec(input.spec, input.hostCpus);
    const session = ctx.engine(input.host);
    // Offline, there is nothing to compare with; run checks again anyway.
    const conflicts = await runChecks(session).then((checks) => runConflicts(t.name, t.published, checks), () => []);
    return { errors: [...t.errors, ...conflicts], cli: t.cli };
  }),
  /** Creates the container and starts it unless start is false. A failed start is reported in the result, not thrown: the container exists. */
  run: mutation(withHost({ spec: runSpecInput, start: z.boolean().default(true) }), async (input, ctx) => {
    const docker = await dockerFor(ctx, input.host);
    const session = ctx.engine(input.host);
    const info = await session.info();
    const t = translateRunSpec(input.spec, info.cpus);
    if (!t.body) throw new ApiError('BAD_INPUT', t.errors.map((e) => e.message).join(' '));
    return runContainer(docker, t.body, t.name, { start: input.start, published: t.published, ...(await runChecks(session)) });
  }),
  start: lifecycle('start'),
  stop: lifecycle('stop'),
  restart: lifecycle('restart'),
  pause: lifecycle('pause'),
  unpause: lifecycle('unpause'),
  kill: lifecycle('kill'),
  /** Refuses running or paused containers unless force is set; the report lists exactly what was removed. */
  remove: mutation(idsInput.extend({ force: z.boolean().default(false), removeVolumes: z.boolean().default(false) }), async (input, ctx) =>
    applyAction(await dockerFor(ctx, input.host), 'remove', input.ids, { force: input.force, removeVolumes: input.removeVolumes }),
  ),
  inspect: query(withHost({ id: containerId }), async (input, ctx) => inspectContainer<Record<string, unknown>>(await dockerFor(ctx, input.host), input.id)),
  logs: subscription(
    withHost({ id: containerId, follow: z.boolean().default(true), timestamps: z.boolean().default(false), tail: z.number().int().min(0).max(10_000_000).nullable().default(1000) }),
    async function* (input, ctx, signal) {
      yield* containerLogs(await dockerFor(ctx, input.host), input.id, input, signal);
    },
  ),
  /** An interactive shell with a TTY; the first event carries the session id for input and resize. */
  exec: subscription(
    withHost({ id: containerId, cols: z.number().int().min(1).max(1000).default(80), rows: z.number().int().min(1).max(1000).default(24), cmd: z.array(z.string().max(4096)).min(1).max(64).optional() }),
    async function* (input, ctx, signal) {
      yield* execShell(await dockerFor(ctx, input.host), input.id, { cmd: input.cmd ?? DEFAULT_SHELL, cols: input.cols, rows: input.rows }, signal);
    },
  ),
  execInput: mutation(z.object({ session: sessionId, data: z.string().max(65_536) }).strict(), async (input) => writeExec(input.session, input.data)),
  execResize: mutation(z.object({ session: sessionId, cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }).strict(), (input) =>
    resizeSession(input.session, input.cols, input.rows),
  ),
};

async function runChecks(session: EngineSession): Promise<RunChecks> {
  const existing = await session.containers();
  // The port probe means something only when the engine's ports are this computer's.
  const endpoint = session.status().endpoint ?? '';
  const local = endpoint.startsWith('unix://') || endpoint.startsWith('npipe://');
  return { existing, portFree: local ? tcpPortFree : undefined };
}
