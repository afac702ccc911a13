// Resource monitoring: live frames of every container's latest sample, their
// history, CSV, the host overview, limits and namespaces, alerts.
import { z } from 'zod';
import { toApiError } from '../engines/docker-driver';
import { isolationOf } from '../stats/limits';
import { samplesToCsv } from '../stats/csv';
import { stackByContainer, topContainers } from '../stats/overview';
import { samplerOf } from '../stats/sampler';
import type { ApiContext } from './context';
import { hostInput } from './inputs';
import { mutation, query, subscription } from './procedure';

const containerId = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a container id or name');
/** From a minute to the hour the buffers hold. */
const windowSeconds = z.number().int().min(1).max(3600).default(3600);

const watchInput = hostInput.extend({ ids: z.array(containerId).max(1000).nullable().default(null) }).strict();
const historyInput = hostInput.extend({ id: containerId, seconds: windowSeconds }).strict();
const containerInput = hostInput.extend({ id: containerId }).strict();
const overviewInput = hostInput.extend({ seconds: windowSeconds, points: z.number().int().min(10).max(1000).default(300), top: z.number().int().min(1).max(50).default(5) }).strict();
const alertSettingsInput = hostInput.extend({ memoryShare: z.number().gt(0).max(1), sustainSeconds: z.number().int().min(0).max(3600) }).strict();

const sampler = (ctx: ApiContext, host: string) => samplerOf(ctx.engine(host));

export const statsApi = {
  /** One frame per tick with the latest sample of each container asked for (all running ones when ids is null). */
  watch: subscription(watchInput, (input, ctx, signal) => sampler(ctx, input.host).watch(input.ids, signal)),
  history: query(historyInput, async (input, ctx) => sampler(ctx, input.host).history(input.id, Date.now() - input.seconds * 1000)),
  csv: query(historyInput, async (input, ctx) => samplesToCsv(sampler(ctx, input.host).history(input.id, Date.now() - input.seconds * 1000))),
  /** Cgroup limits and namespaces, from inspect. */
  isolation: query(containerInput, async (input, ctx) => {
    const session = ctx.engine(input.host);
    const driver = session.driver();
    const [info, inspect] = await Promise.all([session.info(), driver.docker.getContainer(input.id).inspect()]).catch((err: unknown) => {
      throw toApiError(err, driver.endpoint);
    });
    return isolationOf(inspect, info.cgroupVersion);
  }),
  /** Every container's CPU and memory on a shared time axis, to stack, the host's capacity, and the top containers now. */
  overview: query(overviewInput, async (input, ctx) => {
    const s = sampler(ctx, input.host);
    const info = s.hostInfo() ?? (await ctx.engine(input.host).info());
    const to = Date.now();
    const from = to - input.seconds * 1000;
    const tracked = s.tracked();
    const latest = tracked.flatMap((c) => {
      const sample = c.running ? c.ring.latest() : null;
      return sample ? [{ id: c.id, name: c.name, sample }] : [];
    });
    return {
      hostCpus: info.cpus,
      hostMemory: info.memoryBytes,
      stacked: stackByContainer(
        tracked.map((c) => ({ id: c.id, name: c.name, samples: c.ring.since(from) })).filter((c) => c.samples.length > 0),
        from,
        to,
        Math.max(1000, Math.ceil((to - from) / input.points)),
      ),
      top: topContainers(latest, input.top),
    };
  }),
  watchAlerts: subscription(hostInput, (input, ctx, signal) => sampler(ctx, input.host).watchAlerts(signal)),
  alertSettings: query(hostInput, async (input, ctx) => sampler(ctx, input.host).alerts.current),
  setAlertSettings: mutation(alertSettingsInput, async (input, ctx) => {
    const rules = sampler(ctx, input.host).alerts;
    rules.configure({ memoryShare: input.memoryShare, sustainMs: input.sustainSeconds * 1000 });
    return rules.current;
  }),
};
