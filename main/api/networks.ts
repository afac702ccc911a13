import { z } from 'zod';
import { createNetwork, listNetworks, removeNetworks } from '../networks/networks';
import { mutation, query } from './procedure';
import { withHost } from './schemas';

export const networksApi = {
  list: query(withHost({}), (input, ctx) => listNetworks(ctx.engine(input.host).driver().docker)),
  create: mutation(
    withHost({
      name: z.string().min(1).max(255).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a network name is letters, digits, _, . and -, starting with a letter or digit'),
      driver: z.enum(['bridge', 'macvlan', 'ipvlan', 'overlay']).default('bridge'),
      subnet: z.string().max(64).regex(/^$|^[0-9a-fA-F.:]+\/\d{1,3}$/, 'a subnet in CIDR form, e.g. 10.10.0.0/16').default(''),
      internal: z.boolean().default(false),
    }),
    (input, ctx) => createNetwork(ctx.engine(input.host).driver().docker, input),
  ),
  /** Refuses the engine's own networks and networks in use, saying by whom; reports what was removed. */
  remove: mutation(withHost({ ids: z.array(z.string().min(1).max(128)).min(1).max(1000) }), (input, ctx) => removeNetworks(ctx.engine(input.host).driver().docker, input.ids)),
};
