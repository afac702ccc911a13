// Reading the low-level tools' output: the process table, runc list, ctr ls;
// finding the dockerd behind a socket; following containers down the stack.
import { describe, expect, it } from 'vitest';
import { findDockerd, parseProcessTable, parseRuncList } from '../../../main/runtimes/low-level';
import { matchContainers } from '../../../main/runtimes/picture';
import { shellQuote } from '../../../main/runtimes/shell';
import type { ContainerRow } from '../../../main/engines/types';

const US = '\x1f';
const table = [
  `1${US}/sbin/init${US}`,
  `812${US}/usr/sbin/dockerd${US}-H${US}fd://${US}--containerd=/run/containerd/containerd.sock${US}`,
  `900${US}dockerd${US}--host${US}unix:///tmp/slot/docker.sock${US}--exec-root${US}/tmp/slot/dx${US}--containerd${US}/tmp/slot/containerd.sock${US}`,
  `901${US}dockerd${US}--host=unix:///home/me/d.sock${US}`,
  `77${US}sh${US}-c${US}echo a  b${US}`,
  'garbage line',
].join('\n');

describe('dockerd from the process table', () => {
  const processes = parseProcessTable(table);

  it('keeps arguments with their spaces', () => {
    expect(processes.find((p) => p.pid === 77)!.argv).toEqual(['sh', '-c', 'echo a  b']);
    expect(processes.map((p) => p.pid)).toEqual([1, 812, 900, 901, 77]);
  });

  it('finds the dockerd serving a socket, with its exec root, containerd and runc root', () => {
    expect(findDockerd(processes, '/tmp/slot/docker.sock')).toEqual({ pid: 900, execRoot: '/tmp/slot/dx', containerdAddress: '/tmp/slot/containerd.sock', containerdManaged: false, runcRoot: '/tmp/slot/dx/runtime-runc/moby' });
    // systemd's socket activation (fd://) serves the default socket.
    expect(findDockerd(processes, '/var/run/docker.sock')).toMatchObject({ pid: 812, execRoot: '/var/run/docker', containerdAddress: '/run/containerd/containerd.sock', runcRoot: '/var/run/docker/runtime-runc/moby' });
    // Without --containerd, dockerd runs its own under its exec root.
    expect(findDockerd(processes, '/home/me/d.sock')).toMatchObject({ pid: 901, containerdAddress: '/var/run/docker/containerd/containerd.sock', containerdManaged: true });
    expect(findDockerd(processes, '/nowhere.sock')).toBeNull();
  });
});

describe('runc list', () => {
  it('reads its JSON, and null as none', () => {
    const text = JSON.stringify([{ ociVersion: '1.0.2-dev', id: 'abc', pid: 42, status: 'running', bundle: '/b', rootfs: '/b/rootfs', created: '2026-11-29T17:56:53Z', owner: 'root' }]);
    expect(parseRuncList(text)).toEqual([{ id: 'abc', pid: 42, status: 'running', bundle: '/b', created: '2026-11-29T17:56:53Z', owner: 'root' }]);
    expect(parseRuncList('null\n')).toEqual([]);
    expect(() => parseRuncList('runc: oops')).toThrow();
  });

  it('matches engine containers to containerd and runc by id, and keeps runc\'s other containers apart', () => {
    const row = (id: string, name: string, state: ContainerRow['state']) => ({ id, name, state }) as ContainerRow;
    const runc = { root: '/r', error: null, containers: [{ id: 'a', pid: 5, status: 'running', bundle: '', created: '', owner: 'root' }, { id: 'z', pid: 6, status: 'running', bundle: '', created: '', owner: 'root' }] };
    const containerd = { address: '/c', managed: false, error: null, namespaces: [{ name: 'moby', containers: ['a'] }] };
    const { rows, others } = matchContainers([row('b', 'beta', 'exited'), row('a', 'alpha', 'running')], containerd, runc);
    expect(rows).toEqual([
      { id: 'a', name: 'alpha', state: 'running', containerdNamespace: 'moby', runc: { status: 'running', pid: 5 } },
      { id: 'b', name: 'beta', state: 'exited', containerdNamespace: null, runc: null },
    ]);
    expect(others.map((o) => o.id)).toEqual(['z']);
  });
});

it('quotes commands for the remote shell so nothing is interpreted', () => {
  expect(shellQuote(['runc', '--root', '/run/x y', 'list'])).toBe(`runc --root '/run/x y' list`);
  expect(shellQuote(['sh', '-c', `echo 'a' $HOME`])).toBe(`sh -c 'echo '\\''a'\\'' $HOME'`);
});
