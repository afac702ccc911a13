import { hostInput } from './inputs';
import { query, subscription } from './procedure';

export const containersApi = {
  list: query(hostInput, (input, ctx) => ctx.engine(input.host).containers()),
  watch: subscription(hostInput, (input, ctx, signal) => ctx.engine(input.host).watchContainers(signal)),
};
