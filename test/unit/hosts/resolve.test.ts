import { describe, expect, it } from 'vitest';
import { contextDirName } from '../../../main/hosts/docker-config';
import { endpointUrl } from '../../../main/hosts/endpoint';
import { resolveLocalCandidates, type LocalPlaces } from '../../../main/hosts/resolve';

const HOME = '/home/ada';

function places(env: Record<string, string>, files: Record<string, string> = {}): LocalPlaces {
  return {
    platform: 'linux',
    homedir: HOME,
    uid: 1000,
    env,
    readText: async (path) => files[path] ?? null,
  };
}

const meta = (name: string, host: string, extra: object = {}) => JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false, ...extra } } });
const metaPath = (name: string, configDir = `${HOME}/.docker`) => `${configDir}/contexts/meta/${contextDirName(name)}/meta.json`;

async function resolve(env: Record<string, string>, files?: Record<string, string>) {
  const r = await resolveLocalCandidates(places(env, files));
  return { urls: r.candidates.map((c) => endpointUrl(c.endpoint)), sources: r.candidates.map((c) => c.source), candidates: r.candidates, problems: r.problems };
}

describe('local endpoint resolution', () => {
  it('stores contexts under the sha256 of their name, as the docker CLI does', () => {
    // sha256("default") as printed by `printf default | sha256sum`
    expect(contextDirName('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
  });

  it('uses DOCKER_HOST alone when it is set, even over DOCKER_CONTEXT', async () => {
    const r = await resolve({ DOCKER_HOST: 'unix:///srv/engine.sock', DOCKER_CONTEXT: 'colima' });
    expect(r.urls).toEqual(['unix:///srv/engine.sock']);
    expect(r.sources).toEqual(['DOCKER_HOST']);
    expect(r.problems).toEqual([]);
  });

  it('reads TLS files from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set, and defaults the port to 2376', async () => {
    const r = await resolve(
      { DOCKER_HOST: 'tcp://10.0.0.2', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' },
    );
    expect(r.candidates).toEqual([{ endpoint: { kind: 'tcp', host: '10.0.0.2', port: 2376, tls: { verify: true, ca: 'CA', cert: 'CERT', key: 'KEY' } }, source: 'DOCKER_HOST' }]);
  });

  it('speaks plain HTTP to tcp without TLS settings, on port 2375', async () => {
    const r = await resolve({ DOCKER_HOST: 'tcp://10.0.0.2' });
    expect(r.candidates[0]?.endpoint).toEqual({ kind: 'tcp', host: '10.0.0.2', port: 2375, tls: null });
  });

  it('reports a client certificate without its key instead of connecting without it', async () => {
    const r = await resolve({ DOCKER_HOST: 'tcp://10.0.0.2:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, { '/certs/cert.pem': 'CERT' });
    expect(r.candidates).toEqual([]);
    expect(r.problems[0]).toMatchObject({ outcome: 'invalid', source: 'DOCKER_HOST' });
    expect(r.problems[0]?.detail).toContain('cert.pem but no key.pem');
  });

  it('turns a bad DOCKER_HOST into an attempt the user sees, and looks nowhere else', async () => {
    const r = await resolve({ DOCKER_HOST: 'ssh://ada@box' });
    expect(r.candidates).toEqual([]);
    expect(r.problems).toEqual([{ endpoint: 'ssh://ada@box', source: 'DOCKER_HOST', outcome: 'invalid', detail: expect.stringContaining('remote hosts over SSH are added as hosts') }]);
  });

  it("follows config.json's currentContext to the context's endpoint", async () => {
    const r = await resolve({}, {
      [`${HOME}/.docker/config.json`]: JSON.stringify({ auths: {}, currentContext: 'colima' }),
      [metaPath('colima')]: meta('colima', 'unix:///home/ada/.colima/default/docker.sock'),
    });
    expect(r.urls).toEqual(['unix:///home/ada/.colima/default/docker.sock']);
    expect(r.sources).toEqual(['docker context "colima"']);
  });

  it('lets DOCKER_CONTEXT pick another context, and DOCKER_CONFIG move the config directory', async () => {
    const r = await resolve({ DOCKER_CONTEXT: 'lab', DOCKER_CONFIG: '/etc/dockercfg' }, {
      '/etc/dockercfg/config.json': JSON.stringify({ currentContext: 'colima' }),
      [metaPath('lab', '/etc/dockercfg')]: meta('lab', 'tcp://10.1.2.3:2376', { SkipTLSVerify: true }),
      [`/etc/dockercfg/contexts/tls/${contextDirName('lab')}/docker/ca.pem`]: 'LABCA',
    });
    expect(r.candidates).toEqual([{ endpoint: { kind: 'tcp', host: '10.1.2.3', port: 2376, tls: { verify: false, ca: 'LABCA', cert: null, key: null } }, source: 'docker context "lab"' }]);
  });

  it('reports a current context that does not exist, and does not silently use another engine', async () => {
    const r = await resolve({}, { [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'gone' }) });
    expect(r.candidates).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.detail).toContain('docker context "gone"');
    expect(r.problems[0]?.detail).toContain('docker context use default');
  });

  it('reports a context whose endpoint is SSH or missing', async () => {
    const ssh = await resolve({ DOCKER_CONTEXT: 'remote' }, { [metaPath('remote')]: meta('remote', 'ssh://ada@box') });
    expect(ssh.problems[0]?.detail).toContain('remote hosts over SSH are added as hosts');
    const empty = await resolve({ DOCKER_CONTEXT: 'odd' }, { [metaPath('odd')]: JSON.stringify({ Name: 'odd', Endpoints: {} }) });
    expect(empty.problems[0]?.detail).toContain('has no docker endpoint');
    const broken = await resolve({ DOCKER_CONTEXT: 'broken' }, { [metaPath('broken')]: '{"Name": ' });
    expect(broken.problems[0]?.detail).toContain('is damaged');
  });

  it('uses the known sockets for the default context or no context', async () => {
    const none = await resolve({ XDG_RUNTIME_DIR: '/run/user/1000' });
    expect(none.urls[0]).toBe('unix:///var/run/docker.sock');
    expect(none.urls).toContain('unix:///run/user/1000/podman/podman.sock');
    expect(none.problems).toEqual([]);
    const dflt = await resolve({ XDG_RUNTIME_DIR: '/run/user/1000' }, { [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'default' }) });
    expect(dflt.urls).toEqual(none.urls);
    expect(dflt.sources).toContain('Docker Desktop');
  });

  it('carries on with the known sockets when config.json is not JSON, and says so', async () => {
    const r = await resolve({}, { [`${HOME}/.docker/config.json`]: '{ not json' });
    expect(r.urls[0]).toBe('unix:///var/run/docker.sock');
    expect(r.problems).toEqual([expect.objectContaining({ outcome: 'invalid', endpoint: `${HOME}/.docker/config.json` })]);
  });
});
