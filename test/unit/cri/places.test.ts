import { describe, expect, it } from 'vitest';
import { CRI_SOCKETS, criPlaces, parseCriEndpoint } from '../../../main/cri/places';

describe('where Berth looks for a CRI runtime', () => {
  it('takes a crictl endpoint or a bare path', () => {
    expect(parseCriEndpoint('unix:///run/containerd/containerd.sock')).toBe('/run/containerd/containerd.sock');
    expect(parseCriEndpoint(' /var/run/crio/crio.sock ')).toBe('/var/run/crio/crio.sock');
  });

  it('refuses TCP, named pipes and relative paths, saying what to give', () => {
    for (const bad of ['tcp://10.0.0.1:10010', 'npipe:////./pipe/containerd-containerd', 'run/containerd.sock']) {
      expect(() => parseCriEndpoint(bad)).toThrow(/give a unix socket path such as \/run\/containerd\/containerd\.sock/);
    }
  });

  it('prefers the socket given, then CONTAINER_RUNTIME_ENDPOINT, then the usual sockets', () => {
    expect(criPlaces('/srv/cri.sock', 'unix:///env.sock')).toEqual([{ path: '/srv/cri.sock', source: 'the socket you gave' }]);
    expect(criPlaces(null, 'unix:///env.sock')).toEqual([{ path: '/env.sock', source: 'CONTAINER_RUNTIME_ENDPOINT' }]);
    expect(criPlaces(null, undefined).map((p) => p.path)).toEqual(CRI_SOCKETS.map((p) => p.path));
    expect(CRI_SOCKETS.map((p) => p.path)).toEqual(expect.arrayContaining(['/run/containerd/containerd.sock', '/var/run/crio/crio.sock']));
  });
});
