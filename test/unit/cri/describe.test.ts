import { describe, expect, it } from 'vitest';
import { describeCriFailure, noCriRuntime } from '../../../main/cri/describe';
import { GrpcCode, GrpcStatusError } from '../../../main/cri/grpc-frame';
import { GrpcConnectionError } from '../../../main/cri/grpc-session';

const place = { path: '/run/containerd/containerd.sock', source: "containerd's default socket" };
const errno = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('why a CRI socket did not answer', () => {
  it('tells a missing socket, a dead one and a forbidden one apart', () => {
    expect(describeCriFailure(place, errno('ENOENT'))).toBe('no socket at /run/containerd/containerd.sock');
    expect(describeCriFailure(place, errno('ECONNREFUSED'))).toContain('exists but nothing listens on it');
    expect(describeCriFailure(place, errno('EACCES'))).toContain('permission denied on /run/containerd/containerd.sock: CRI sockets belong to root');
  });

  it('finds the socket error inside a connection error (an SSH channel that could not open)', () => {
    const err = new GrpcConnectionError('the SSH server could not open it', 'connect', { cause: errno('ENOENT') });
    expect(describeCriFailure(place, err)).toBe('no socket at /run/containerd/containerd.sock');
  });

  it('says a containerd without its CRI plugin answers gRPC but not the CRI', () => {
    const err = new GrpcStatusError(GrpcCode.UNIMPLEMENTED, 'unknown service runtime.v1.RuntimeService', '/runtime.v1.RuntimeService/Version');
    expect(describeCriFailure(place, err)).toContain('its CRI plugin is disabled; remove "cri" from disabled_plugins');
  });

  it('says an HTTP/1 socket (Docker, Podman) is not a CRI runtime', () => {
    expect(describeCriFailure(place, new GrpcConnectionError('Protocol error', 'protocol'))).toContain('does not speak gRPC: it is not a CRI runtime');
  });

  it('lists every place tried and where CRI runtimes serve the API', () => {
    const message = noCriRuntime(
      [
        { place, detail: 'no socket at /run/containerd/containerd.sock' },
        { place: { path: '/var/run/crio/crio.sock', source: 'CRI-O' }, detail: 'no socket at /var/run/crio/crio.sock' },
      ],
      'on root@node1:22',
    );
    expect(message).toMatch(/^No CRI runtime on root@node1:22: no socket at \/run\/containerd\/containerd\.sock; no socket at \/var\/run\/crio\/crio\.sock\./);
    expect(message).toContain('containerd serves it only with its CRI plugin enabled');
    expect(message).toContain('CRI-O serves it at /var/run/crio/crio.sock');
  });
});
