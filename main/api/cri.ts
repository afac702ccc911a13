// Kubernetes CRI runtimes (containerd's CRI plugin, CRI-O), read-only: pod
// sandboxes with their containers, images and container stats, on this machine
// or on an SSH host through its connection.
import { z } from 'zod';
import { criPlaces } from '../cri/places';
import { CriReadError, CriUnavailableError, readCriSnapshot, type CriTarget } from '../cri/read';
import { localCriTarget, sshCriTarget } from '../cri/targets';
import type { CriSnapshot } from '../cri/types';
import type { ApiContext } from './context';
import { hostInput } from './inputs';
import { ApiError, query } from './procedure';

const criInput = hostInput.extend({
  /** The CRI socket; null tries CONTAINER_RUNTIME_ENDPOINT (this machine) and the usual places. */
  socket: z.string().trim().min(1).max(4096).nullable().default(null),
});

const isSshHost = (ctx: ApiContext, host: string) => ctx.hosts?.list().some((h) => h.id === host && h.kind === 'ssh') ?? false;

/** The SSH host's connection as a CRI target; not connected is UNAVAILABLE with its reason. */
async function sshTarget(ctx: ApiContext, host: string, signal: AbortSignal): Promise<CriTarget> {
  const link = ctx.hosts!.link(host);
  try {
    const client = await link.client(signal);
    return sshCriTarget(client, link.status().address ?? link.spec.target);
  } catch (err) {
    throw new ApiError('UNAVAILABLE', `The SSH connection to ${link.spec.target} is not up: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export const criApi = {
  snapshot: query(criInput, async (input, ctx): Promise<CriSnapshot> => {
    const remote = isSshHost(ctx, input.host);
    if (!remote) ctx.engine(input.host); // NOT_FOUND for an unknown host
    let places;
    try {
      // CONTAINER_RUNTIME_ENDPOINT describes this machine, not a remote host.
      places = criPlaces(input.socket, remote ? undefined : process.env.CONTAINER_RUNTIME_ENDPOINT);
    } catch (err) {
      throw new ApiError('BAD_INPUT', (err as Error).message);
    }
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 20_000);
    try {
      const target = remote ? await sshTarget(ctx, input.host, stop.signal) : localCriTarget;
      return await readCriSnapshot(target, places, { signal: stop.signal });
    } catch (err) {
      if (err instanceof CriUnavailableError) throw new ApiError('UNAVAILABLE', err.message);
      if (err instanceof CriReadError) throw new ApiError('ENGINE', err.message);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }),
};
