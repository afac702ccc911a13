import { describe, expect, it } from 'vitest';
import { EndpointError, parseDockerHost } from '../../../main/hosts/docker-host';
import { endpointUrl } from '../../../main/hosts/endpoint';

const error = (value: string) => {
  try {
    parseDockerHost(value);
  } catch (err) {
    expect(err).toBeInstanceOf(EndpointError);
    return (err as Error).message;
  }
  throw new Error(`${value} was accepted`);
};

describe('DOCKER_HOST parsing', () => {
  it('reads unix sockets, with the default socket for a bare unix://', () => {
    expect(parseDockerHost('unix:///run/user/1000/docker.sock')).toEqual({ kind: 'unix', path: '/run/user/1000/docker.sock' });
    expect(parseDockerHost('unix://')).toEqual({ kind: 'unix', path: '/var/run/docker.sock' });
    expect(parseDockerHost('  unix:///Users/John Doe/.docker/run/docker.sock\n')).toEqual({ kind: 'unix', path: '/Users/John Doe/.docker/run/docker.sock' });
  });

  it('reads named pipes in the form Windows wants', () => {
    expect(parseDockerHost('npipe:////./pipe/docker_engine')).toEqual({ kind: 'npipe', path: '\\\\.\\pipe\\docker_engine' });
    expect(parseDockerHost('npipe://')).toEqual({ kind: 'npipe', path: '\\\\.\\pipe\\docker_engine' });
    expect(endpointUrl({ kind: 'npipe', path: '\\\\.\\pipe\\podman-machine-default' })).toBe('npipe:////./pipe/podman-machine-default');
  });

  it('reads tcp addresses, a bare host:port, IPv6 and a missing host or port like the CLI', () => {
    expect(parseDockerHost('tcp://10.0.0.2:2376')).toEqual({ kind: 'tcp', host: '10.0.0.2', port: 2376 });
    expect(parseDockerHost('tcp://engine.lan')).toEqual({ kind: 'tcp', host: 'engine.lan', port: null });
    expect(parseDockerHost('localhost:2375')).toEqual({ kind: 'tcp', host: 'localhost', port: 2375 });
    expect(parseDockerHost('tcp://[::1]:2375')).toEqual({ kind: 'tcp', host: '::1', port: 2375 });
    expect(parseDockerHost('tcp://:2375')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 2375 });
    expect(parseDockerHost('TCP://10.0.0.2:2375/')).toEqual({ kind: 'tcp', host: '10.0.0.2', port: 2375 });
    expect(endpointUrl({ kind: 'tcp', host: '::1', port: 2375, tls: null })).toBe('tcp://[::1]:2375');
  });

  it('refuses ssh:// with a message that says remote hosts are added as hosts', () => {
    const message = error('ssh://ada@build-box');
    expect(message).toContain('DOCKER_HOST="ssh://ada@build-box"');
    expect(message).toContain('remote hosts over SSH are added as hosts');
  });

  it('refuses malformed values, naming the value and the forms that work', () => {
    for (const value of ['http://localhost:2375', 'tcp://host:99999', 'tcp://host:abc', 'tcp://a b:1', 'tcp://host:2375/v1.41', 'fd://', 'tcp://user:pw@host:2375', '   ']) {
      const message = error(value);
      expect(message).toContain(`DOCKER_HOST="${value}"`);
      expect(message).toContain('unix:///path/to/docker.sock, tcp://HOST:PORT or npipe:////./pipe/NAME');
    }
    expect(error('tcp://host:99999')).toContain('port 99999 is out of range');
    expect(error('http://localhost:2375')).toContain('"http://" is not a scheme');
  });

  it('names the context instead of DOCKER_HOST when a context holds the address', () => {
    expect(() => parseDockerHost('gopher://x', 'docker context "lab"')).toThrow('docker context "lab"="gopher://x"');
  });
});
