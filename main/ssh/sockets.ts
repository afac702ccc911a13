// Where an engine listens on a remote Linux host, in order of preference: the
// user's own rootless engines first, then the system ones. The source names
// match describe.ts, so a silent socket comes with a hint how to start it.

export interface RemoteSocket {
  path: string;
  source: string;
}

export function remoteSockets(uid: number | null): RemoteSocket[] {
  const system = [
    { path: '/var/run/docker.sock', source: 'Docker Engine' },
    { path: '/run/podman/podman.sock', source: 'Podman' },
  ];
  if (uid === null || uid === 0) return system;
  return [{ path: `/run/user/${uid}/docker.sock`, source: 'rootless Docker' }, { path: `/run/user/${uid}/podman/podman.sock`, source: 'rootless Podman' }, ...system];
}
