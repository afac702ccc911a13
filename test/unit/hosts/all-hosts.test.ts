// The "All hosts" aggregation: rows carry their host, totals add up, and a
// host that is not online is listed with its reason and unknown (null) counts.
import { describe, expect, it } from 'vitest';
import type { ContainerRow } from '../../../main/engines/types';
import { aggregate } from '../../../main/hosts/all-hosts';
import type { HostView } from '../../../main/ssh/registry';

const view = (id: string, state: HostView['state'], reason: string | null = null): HostView => ({ id, name: id.toUpperCase(), kind: 'ssh', target: id, state, reason, hostKey: null, secret: null, engines: [], endpoint: null });
const row = (id: string, state: ContainerRow['state']): ContainerRow => ({ id, name: `c-${id}`, image: 'busybox', imageId: 'sha256:x', command: 'sh', state, status: '', statusSince: null, created: 0, ports: [], labels: {} });
const sample = (cpu: number | null, mem: number) => ({ t: 0, cpu, mem, memLimit: 1, netRx: null, netTx: null, blkRead: null, blkWrite: null, pids: 0, pidsLimit: null });

describe('all hosts at once', () => {
  it('lists each host’s containers with the host, and adds up what the running ones use', () => {
    const all = aggregate([
      { view: view('a', 'online'), rows: [row('1', 'running'), row('2', 'exited')], samples: { '1': sample(12.5, 1000) } },
      { view: view('b', 'online'), rows: [row('3', 'running')], samples: { '3': sample(null, 500) } },
    ]);
    expect(all.containers.map((c) => [c.host, c.hostName, c.id, c.cpu, c.mem])).toEqual([
      ['a', 'A', '1', 12.5, 1000],
      ['a', 'A', '2', null, null],
      ['b', 'B', '3', null, 500],
    ]);
    expect(all.hosts.map((h) => [h.id, h.containers, h.running, h.cpu, h.mem])).toEqual([
      ['a', 2, 1, 12.5, 1000],
      ['b', 1, 1, 0, 500],
    ]);
  });

  it('keeps an offline host in the list with its reason, and its counts unknown rather than zero', () => {
    const all = aggregate([{ view: view('down', 'offline', 'connection refused'), rows: [], samples: {} }]);
    expect(all.hosts).toEqual([{ id: 'down', name: 'DOWN', state: 'offline', reason: 'connection refused', containers: null, running: null, cpu: null, mem: null }]);
    expect(all.containers).toEqual([]);
  });
});
