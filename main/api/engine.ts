import { hostInput } from './inputs';
import { query, subscription } from './procedure';

export const engineApi = {
  info: query(hostInput, (input, ctx) => ctx.engine(input.host).info()),
  status: query(hostInput, async (input, ctx) => ctx.engine(input.host).status()),
  watchStatus: subscription(hostInput, (input, ctx, signal) => ctx.engine(input.host).watchStatus(signal)),
};
