// docker-modem formats each request's options, agent included, with
// util.inspect(showHidden, depth null) even with its debug log off: an agent
// with open sockets must print as a name, or every request walks them all.
import http from 'node:http';
import net from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dialTarget } from '../../../main/hosts/dial';
import { SshStreamAgent } from '../../../main/ssh/stream-agent';

describe('agents handed to dockerode', () => {
  it('print as their name however many sockets they hold', async () => {
    const local = dialTarget({ kind: 'unix', path: '/nonexistent.sock' }, { keepAlive: true }).agent;
    const ssh = new SshStreamAgent(async () => new net.Socket());
    for (const agent of [local, ssh]) {
      (agent.freeSockets as Record<string, unknown[]>)['x'] = Array.from({ length: 50 }, () => new net.Socket());
      const printed = inspect({ path: '/events', agent }, { showHidden: true, depth: null });
      expect(printed).toMatch(/agent: \[(Agent|SshStreamAgent)\]/);
      expect(printed.length).toBeLessThan(200);
      agent.destroy();
    }
    expect(inspect(new http.Agent(), { depth: null }).length).toBeGreaterThan(200);
  });
});
