// Hosts: the list with state and reason, add/remove, test, the host-key
// question and the passphrase/password prompt. Secrets come in, never out.
import { z } from 'zod';
import { readAllHosts } from '../hosts/all-hosts';
import type { HostRegistry } from '../ssh/registry';
import { TargetError } from '../ssh/target';
import type { ApiContext } from './context';
import { hostInput } from './inputs';
import { ApiError, mutation, query, subscription } from './procedure';

const hostId = hostInput.shape.host.unwrap();
const path = z.string().min(1).max(4096).regex(/^\//, 'an absolute path');

const newHost = z
  .object({
    name: z.string().max(64).default(''),
    target: z.string().min(1).max(512),
    auth: z.enum(['agent', 'key', 'password']),
    keyPath: path.nullable().default(null),
    socket: path.nullable().default(null),
  })
  .strict();

function hosts(ctx: ApiContext): HostRegistry {
  if (!ctx.hosts) throw new ApiError('UNAVAILABLE', 'Remote hosts are not available in this Berth.');
  return ctx.hosts;
}

/** Registry and link errors are sentences for the user. */
async function userFacing<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof TargetError) throw new ApiError('BAD_INPUT', err.message);
    const message = err instanceof Error ? err.message : String(err);
    throw new ApiError(/^No (SSH )?host named/.test(message) ? 'NOT_FOUND' : 'BAD_INPUT', message);
  }
}

export const hostsApi = {
  list: query(z.object({}).strict(), async (_input, ctx) => hosts(ctx).list()),
  watch: subscription(z.object({}).strict(), (_input, ctx, signal) => hosts(ctx).watch(signal)),
  add: mutation(newHost, (input, ctx) => userFacing(() => hosts(ctx).add(input))),
  remove: mutation(z.object({ host: hostId }).strict(), async (input, ctx) => {
    await userFacing(() => hosts(ctx).remove(input.host));
    return { removed: input.host };
  }),
  test: mutation(z.object({ host: hostId }).strict(), (input, ctx) => userFacing(() => hosts(ctx).test(input.host))),
  acceptHostKey: mutation(z.object({ host: hostId, fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a SHA256 fingerprint') }).strict(), async (input, ctx) =>
    userFacing(async () => {
      await hosts(ctx).link(input.host).acceptHostKey(input.fingerprint);
      return hosts(ctx).view(input.host);
    }),
  ),
  provideSecret: mutation(z.object({ host: hostId, secret: z.string().min(1).max(4096), remember: z.boolean().default(false) }).strict(), async (input, ctx) =>
    userFacing(() => {
      hosts(ctx).link(input.host).provideSecret(input.secret, input.remember);
      return hosts(ctx).view(input.host);
    }),
  ),
  /** Every host's containers and resource use, with each host's state (the "All hosts" view). */
  everywhere: query(z.object({}).strict(), (_input, ctx) => readAllHosts(hosts(ctx).list(), (id) => ctx.engine(id))),
  importable: query(z.object({}).strict(), (_input, ctx) => hosts(ctx).importable(ctx.homeDir ?? '')),
};
