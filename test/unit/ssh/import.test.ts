import { describe, expect, it } from 'vitest';
import { fromContainersConf, fromDockerContext, fromPodmanConnectionsJson, fromSshUri } from '../../../main/ssh/import';

describe('importing hosts from docker and podman', () => {
  it('takes ssh:// docker contexts and skips the others', () => {
    const meta = (host: string) => JSON.stringify({ Name: 'prod', Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } });
    expect(fromDockerContext(meta('ssh://deploy@prod.example:2222'))).toEqual({ name: 'prod', target: 'deploy@prod.example:2222', socket: null, keyPath: null, source: 'docker context' });
    expect(fromDockerContext(meta('unix:///var/run/docker.sock'))).toBeNull();
    expect(fromDockerContext('not json')).toBeNull();
  });

  it('reads podman 4 connections from containers.conf, with the socket and identity', () => {
    const conf = `[containers]\nlog_size_max = -1\n\n[engine]\n active_service = "devbox"\n[engine.service_destinations]\n  [engine.service_destinations.devbox]\n  uri = "ssh://core@127.0.0.1:41235/run/user/1000/podman/podman.sock"\n  identity = "/home/me/.ssh/podman-machine-default"\n[engine.service_destinations."root box"]\nuri = "ssh://root@10.0.0.5/run/podman/podman.sock"\n`;
    expect(fromContainersConf(conf)).toEqual([
      { name: 'devbox', target: 'core@127.0.0.1:41235', socket: '/run/user/1000/podman/podman.sock', keyPath: '/home/me/.ssh/podman-machine-default', source: 'podman connection' },
      { name: 'root box', target: 'root@10.0.0.5', socket: '/run/podman/podman.sock', keyPath: null, source: 'podman connection' },
    ]);
  });

  it('reads podman 5 connections from podman-connections.json', () => {
    const json = JSON.stringify({ Connection: { Default: 'vm', Connections: { vm: { URI: 'ssh://root@[::1]:2222/run/podman/podman.sock', Identity: '/k', IsMachine: true } } } });
    expect(fromPodmanConnectionsJson(json)).toEqual([{ name: 'vm', target: 'root@[::1]:2222', socket: '/run/podman/podman.sock', keyPath: '/k', source: 'podman connection' }]);
  });

  it('refuses what is not an ssh:// address', () => {
    expect(fromSshUri('tcp://host:2375')).toBeNull();
    expect(fromSshUri('ssh://user@bad host/x')).toBeNull();
  });
});
