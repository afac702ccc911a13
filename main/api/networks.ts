import { z } from 'zod';
import { createNetwork, listNetworks, removeNetworks } from '../networks/networks';
import { dockerFor } from './engine-access';
import { mutation, query } from './procedure';
import { withHost } from './schemas';

export const networksApi = {
  list: query(withHost({}), async (input, ctx) => listNetworks(await dockerFor(ctx, input.host))),
  create: mutation(
    withHost({
      name: z.string().min(1).max(255).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a network name is letters, digits, _, . and -, starting with a letter or digit'),
      driver: z.enum(['bridge', 'macvlan', 'ipvlan', 'overlay']).default('bridge'),
      subnet: z.string().max(64).regex(/^$|^[0-9a-fA-F.:]+\/\d{1,3}$/, 'a subnet in CIDR form, e.g. 10.10.0.0/16').default(''),
      internal: z.boolean().default(false),
    }),
    async (input, ctx) => createNetwork(await dockerFor(ctx, input.host), input),
  ),
  /** Refuses the engine's own networks and networks in use, saying by whom; reports what was removed. */
  remove: mutation(withHost({ ids: z.array(z.string().min(1).max(128)).min(1).max(1000) }), async (input, ctx) => removeNetworks(await dockerFor(ctx, input.host), input.ids)),
};
