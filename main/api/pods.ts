// Pods, on engines that have them (Podman, through libpod). On any other
// engine every call says why there are none instead of failing obscurely.
import { z } from 'zod';
import type Docker from 'dockerode';
import { applyPodAction, createPod, listPods, type PodAction } from '../pods/pods';
import type { ApiContext } from './context';
import { dockerFor } from './engine-access';
import { hostInput } from './inputs';
import { ApiError, mutation, query } from './procedure';
import { withHost } from './schemas';

const podRef = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a pod id or name');
const idsInput = withHost({ ids: z.array(podRef).min(1).max(1000) });
const labelKey = z.string().min(1).max(256).regex(/^[^=\s]+$/, 'a label key without "=" or spaces');

/** The engine's dockerode, once it is known to have pods. */
async function podEngine(ctx: ApiContext, host: string): Promise<Docker> {
  const docker = await dockerFor(ctx, host);
  const pods = (await ctx.engine(host).info()).capabilities.pods;
  if (!pods.available) throw new ApiError('UNAVAILABLE', pods.reason ?? 'This engine has no pods.');
  return docker;
}

const lifecycle = (action: Exclude<PodAction, 'remove'>) => mutation(idsInput, async (input, ctx) => applyPodAction(await podEngine(ctx, input.host), action, input.ids));

export const podsApi = {
  list: query(hostInput, async (input, ctx) => listPods(await podEngine(ctx, input.host))),
  create: mutation(
    withHost({ name: z.string().min(1, 'a pod needs a name').max(128).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a pod name starts with a letter or digit, then letters, digits, "_", "." or "-"'), labels: z.record(labelKey, z.string().max(4096)).default({}) }),
    async (input, ctx) => createPod(await podEngine(ctx, input.host), { name: input.name, labels: input.labels }),
  ),
  start: lifecycle('start'),
  stop: lifecycle('stop'),
  restart: lifecycle('restart'),
  /** Refuses pods with running containers unless force is set; the report names every container that went with each pod. */
  remove: mutation(idsInput.extend({ force: z.boolean().default(false) }), async (input, ctx) => applyPodAction(await podEngine(ctx, input.host), 'remove', input.ids, { force: input.force })),
};
