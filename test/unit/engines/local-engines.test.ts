// Which places Berth looks at for every engine of this machine.
import { describe, expect, it } from 'vitest';
import { localEngineCandidates, uniqueByPlace } from '../../../main/engines/local-engines';
import { endpointUrl } from '../../../main/hosts/endpoint';
import type { LocalPlaces } from '../../../main/hosts/resolve';

const places = (env: Record<string, string>): LocalPlaces => ({ platform: 'linux', homedir: '/home/me', uid: 1000, env, readText: async () => null });
const urls = async (env: Record<string, string>) => (await localEngineCandidates(places(env))).map((c) => `${c.source} ${endpointUrl(c.endpoint)}`);

describe('every local engine', () => {
  it('tries every known socket, rootful and rootless, when nothing is chosen', async () => {
    const found = await urls({ XDG_RUNTIME_DIR: '/run/user/1000' });
    expect(found).toEqual(expect.arrayContaining(['Docker Engine unix:///var/run/docker.sock', 'Podman unix:///run/podman/podman.sock', 'rootless Podman unix:///run/user/1000/podman/podman.sock', 'rootless Docker unix:///run/user/1000/docker.sock']));
  });

  it('keeps to the engines the user named with DOCKER_HOST and CONTAINER_HOST', async () => {
    expect(await urls({ DOCKER_HOST: 'unix:///tmp/d.sock', CONTAINER_HOST: 'unix:///tmp/p.sock' })).toEqual(['DOCKER_HOST unix:///tmp/d.sock', 'CONTAINER_HOST unix:///tmp/p.sock']);
    // CONTAINER_HOST over SSH is a podman connection, not a local socket.
    expect(await urls({ DOCKER_HOST: 'unix:///tmp/d.sock', CONTAINER_HOST: 'ssh://me@box/run/podman/podman.sock' })).toEqual(['DOCKER_HOST unix:///tmp/d.sock']);
  });

  it('lists one engine reached by two paths once', async () => {
    const unix = (path: string) => ({ endpoint: { kind: 'unix' as const, path }, source: path });
    const same = await uniqueByPlace([unix('/var/run/docker.sock'), unix('/run/docker.sock'), unix('/run/podman/podman.sock')], async (p) => p.replace(/^\/var\/run\//, '/run/'));
    expect(same.map((c) => c.source)).toEqual(['/var/run/docker.sock', '/run/podman/podman.sock']);
  });
});
