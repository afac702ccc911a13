// The low-level picture: which OCI runtime runs a container, and how the
// engine sits on containerd and runc on its host, read here or over SSH.
import { parseEngineAddress } from '../engines/address';
import { containerRuntime } from '../runtimes/container-runtime';
import { readRuntimePicture } from '../runtimes/picture';
import { localShell, sshShell, type HostShell } from '../runtimes/shell';
import type { ApiContext } from './context';
import { dockerFor } from './engine-access';
import { hostInput } from './inputs';
import { ApiError, query } from './procedure';
import { containerId, withHost } from './schemas';

function shellFor(ctx: ApiContext, address: string): HostShell {
  const { host } = parseEngineAddress(address);
  const remote = ctx.hosts?.list().find((h) => h.id === host && h.kind === 'ssh');
  return remote ? sshShell(ctx.hosts!.link(host)) : localShell();
}

/** The engine's socket path on its host, from unix:///path or ssh://user@host:port/path. */
function socketPathOf(endpoint: string | null): string {
  const path = endpoint?.replace(/^unix:\/\//, '').replace(/^ssh:\/\/[^/]*/, '') ?? '';
  if (!path.startsWith('/')) throw new ApiError('UNAVAILABLE', `The runtimes behind ${endpoint ?? 'this engine'} cannot be read: Berth reads them for engines on a unix socket, here or over SSH.`);
  return path;
}

export const runtimesApi = {
  /** dockerd → containerd (namespaces, containers) → runc, or Podman → runc, with the engine's containers matched by id. */
  picture: query(hostInput, async (input, ctx) => {
    await dockerFor(ctx, input.host);
    const session = ctx.engine(input.host);
    // Fresh from the engine: matched against runc's list read the same moment.
    const [info, containers] = await Promise.all([session.info(), session.driver().listContainers(null)]);
    return readRuntimePicture(shellFor(ctx, input.host), { kind: info.kind, socket: socketPathOf(session.status().endpoint), rootless: info.rootless, containers });
  }),
  /** The OCI runtime of one container, and on Podman its own inspect fields (pod, infra, conmon). */
  container: query(withHost({ id: containerId }), async (input, ctx) => {
    const docker = await dockerFor(ctx, input.host);
    const info = await ctx.engine(input.host).info();
    return containerRuntime(docker, info.kind, input.id, info.defaultRuntime);
  }),
};
