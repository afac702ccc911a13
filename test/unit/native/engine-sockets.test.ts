import { describe, expect, it } from 'vitest';
import { knownEngineSockets } from '../../../native/engine-sockets';

const endpoints = (list: { endpoint: string }[]) => list.map((c) => c.endpoint);

describe('known engine sockets', () => {
  it('on Linux, looks at the system sockets, the rootless ones in XDG_RUNTIME_DIR, Docker Desktop, Podman and Rancher', () => {
    const list = knownEngineSockets({ platform: 'linux', homedir: '/home/ada', uid: 1000, env: { XDG_RUNTIME_DIR: '/run/user/1000' } });
    expect(endpoints(list)).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///run/docker.sock',
      'unix:///run/user/1000/docker.sock',
      'unix:///home/ada/.docker/desktop/docker.sock',
      'unix:///run/podman/podman.sock',
      'unix:///run/user/1000/podman/podman.sock',
      'unix:///home/ada/.rd/docker.sock',
    ]);
    expect(list.find((c) => c.endpoint.includes('.docker/desktop'))?.source).toBe('Docker Desktop');
    expect(list.find((c) => c.endpoint.includes('/run/user/1000/podman'))?.source).toBe('rootless Podman');
  });

  it('on Linux without XDG_RUNTIME_DIR, falls back to /run/user/UID for a user, and skips rootless places for root', () => {
    expect(endpoints(knownEngineSockets({ platform: 'linux', homedir: '/home/ada', uid: 1001, env: {} }))).toContain('unix:///run/user/1001/podman/podman.sock');
    const root = endpoints(knownEngineSockets({ platform: 'linux', homedir: '/root', uid: 0, env: {} }));
    expect(root.some((e) => e.includes('/run/user/'))).toBe(false);
    expect(root).toContain('unix:///run/podman/podman.sock');
  });

  it('on macOS, covers Docker Desktop, Colima, OrbStack, Rancher and every Podman machine layout', () => {
    const list = knownEngineSockets({ platform: 'darwin', homedir: '/Users/ada', uid: 501, env: { TMPDIR: '/var/folders/xy/T/' } });
    expect(endpoints(list)).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///Users/ada/.docker/run/docker.sock',
      'unix:///Users/ada/.colima/default/docker.sock',
      'unix:///Users/ada/.colima/docker.sock',
      'unix:///Users/ada/.orbstack/run/docker.sock',
      'unix:///Users/ada/.rd/docker.sock',
      'unix:///Users/ada/.local/share/containers/podman/machine/podman.sock',
      'unix:///Users/ada/.local/share/containers/podman/machine/qemu/podman.sock',
      'unix:///Users/ada/.local/share/containers/podman/machine/applehv/podman.sock',
      'unix:///Users/ada/.local/share/containers/podman/machine/podman-machine-default/podman.sock',
      'unix:///var/folders/xy/T/podman/podman-machine-default-api.sock',
    ]);
    expect(new Set(list.map((c) => c.source))).toEqual(new Set(['default socket', 'Docker Desktop', 'Colima', 'OrbStack', 'Rancher Desktop', 'Podman machine']));
  });

  it('on Windows, tries the named pipes of Docker Desktop and the default Podman machine', () => {
    expect(knownEngineSockets({ platform: 'win32', homedir: 'C:\\Users\\ada', uid: null, env: {} })).toEqual([
      { endpoint: 'npipe:////./pipe/docker_engine', source: 'Docker Desktop' },
      { endpoint: 'npipe:////./pipe/dockerDesktopLinuxEngine', source: 'Docker Desktop (Linux engine)' },
      { endpoint: 'npipe:////./pipe/podman-machine-default', source: 'Podman machine' },
    ]);
  });
});
