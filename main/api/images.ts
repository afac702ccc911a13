import { hostInput } from './inputs';
import { query, subscription } from './procedure';

export const imagesApi = {
  list: query(hostInput, (input, ctx) => ctx.engine(input.host).images()),
  watch: subscription(hostInput, (input, ctx, signal) => ctx.engine(input.host).watchImages(signal)),
};
