import { parseEngineAddress } from '../engines/address';
import { dockerFor } from './engine-access';
import { hostInput } from './inputs';
import { ApiError, query, subscription } from './procedure';

export const engineApi = {
  info: query(hostInput, (input, ctx) => ctx.engine(input.host).info()),
  status: query(hostInput, async (input, ctx) => ctx.engine(input.host).status()),
  watchStatus: subscription(hostInput, (input, ctx, signal) => ctx.engine(input.host).watchStatus(signal)),
  /** Every engine the host runs (Docker, Podman, rootful, rootless), with its facts and capabilities; `host` may name any of its engines. */
  engines: query(hostInput, async (input, ctx) => {
    if (!ctx.engines) throw new ApiError('UNAVAILABLE', 'Engine discovery is not available in this Berth.');
    const { host } = parseEngineAddress(input.host);
    // Which engine is the host's default is known once its session has settled.
    await dockerFor(ctx, host).catch(() => undefined);
    return ctx.engines.list(host);
  }),
};
