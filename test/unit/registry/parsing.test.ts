// The pure parts of the registry client: WWW-Authenticate challenges, Link
// headers, Retry-After, error bodies, registry addresses, platforms.
import { describe, expect, it } from 'vitest';
import { registryAddress } from '../../../main/registry/address';
import { parseChallenges, pickChallenge } from '../../../main/registry/challenge';
import { choosePlatform, isIndex, parsePlatform, platformsOf } from '../../../main/registry/details';
import { apiErrorMessage, errorForStatus, retryAfterSeconds } from '../../../main/registry/errors';
import { nextLink, nextPageCursor } from '../../../main/registry/paging';

describe('WWW-Authenticate', () => {
  it.each([
    ['Docker Hub', 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"', [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' } },
    ]],
    ['Basic', 'Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    ['a comma inside quotes (two scopes)', 'Bearer realm="https://r/token",scope="repository:a:pull,push repository:b:pull"', [
      { scheme: 'bearer', params: { realm: 'https://r/token', scope: 'repository:a:pull,push repository:b:pull' } },
    ]],
    ['escaped quotes', 'Basic realm="say \\"hi\\", please"', [{ scheme: 'basic', params: { realm: 'say "hi", please' } }]],
    ['spaces around = and ,', 'Bearer  realm = "https://r/t" ,  service = reg ', [{ scheme: 'bearer', params: { realm: 'https://r/t', service: 'reg' } }]],
    ['scheme case and unquoted values', 'BEARER Realm=https://r/t,Service=x', [{ scheme: 'bearer', params: { realm: 'https://r/t', service: 'x' } }]],
    ['two challenges in one header', 'Basic realm="a", Bearer realm="https://r/t",service="s"', [
      { scheme: 'basic', params: { realm: 'a' } },
      { scheme: 'bearer', params: { realm: 'https://r/t', service: 's' } },
    ]],
    ['a token68 challenge before another', 'Negotiate abc==, Basic realm="x"', [
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'x' } },
    ]],
    ['an error parameter (insufficient scope)', 'Bearer realm="https://r/t",service="s",scope="repository:x:pull",error="insufficient_scope"', [
      { scheme: 'bearer', params: { realm: 'https://r/t', service: 's', scope: 'repository:x:pull', error: 'insufficient_scope' } },
    ]],
    ['an empty header', '', []],
    ['garbage', '=,,= "x"', []],
    ['an unterminated quote', 'Bearer realm="https://r/t', [{ scheme: 'bearer', params: { realm: 'https://r/t' } }]],
  ])('%s', (_name, header, expected) => {
    expect(parseChallenges(header)).toEqual(expected);
  });

  it('prefers Bearer when both are offered, and knows none of an unknown scheme', () => {
    expect(pickChallenge(parseChallenges('Basic realm="a", Bearer realm="b"'))?.scheme).toBe('bearer');
    expect(pickChallenge(parseChallenges('Negotiate abc'))).toBeNull();
  });
});

describe('Link header', () => {
  it.each([
    ['relative, as distribution sends it', '</v2/_catalog?last=b&n=2>; rel="next"', '/v2/_catalog?last=b&n=2'],
    ['absolute', '<https://r.example/v2/x/tags/list?last=9&n=50>; rel="next"', 'https://r.example/v2/x/tags/list?last=9&n=50'],
    ['rel unquoted among others', '<https://r/prev>; rel=prev, <https://r/next?a=1,2>; rel=next', 'https://r/next?a=1,2'],
    ['several rel values', '</n>; title="x, y"; rel="last next"', '/n'],
    ['no next', '</p>; rel="prev"', null],
    ['no header', null, null],
  ])('%s', (_name, header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });

  it('resolves the next page on the same origin and refuses another host', () => {
    expect(nextPageCursor('</v2/_catalog?last=b&n=2>; rel="next"', 'http://127.0.0.1:5000/v2/_catalog?n=2')).toBe('/v2/_catalog?last=b&n=2');
    expect(nextPageCursor('<http://127.0.0.1:5000/v2/x/tags/list?last=1>; rel="next"', 'http://127.0.0.1:5000/v2/x/tags/list')).toBe('/v2/x/tags/list?last=1');
    expect(nextPageCursor(null, 'http://127.0.0.1:5000/v2/_catalog')).toBeUndefined();
    expect(() => nextPageCursor('<https://evil.example/v2/_catalog?last=b>; rel="next"', 'http://127.0.0.1:5000/v2/_catalog')).toThrow(/another server \(https:\/\/evil\.example\)/);
  });
});

describe('errors', () => {
  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds('Sun, 29 Nov 2026 18:01:00 GMT', Date.parse('2026-11-29T18:00:00Z'))).toBe(60);
    expect(retryAfterSeconds('soon')).toBeNull();
    expect(retryAfterSeconds(null)).toBeNull();
  });

  it('takes the first message of a distribution error body', () => {
    expect(apiErrorMessage('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{}}]}')).toBe('MANIFEST_UNKNOWN: manifest unknown');
    expect(apiErrorMessage('{"details":"incorrect username or password"}')).toBe('incorrect username or password');
    expect(apiErrorMessage('<html>')).toBeNull();
  });

  it('says what each status means and what to do', () => {
    expect(errorForStatus(401, 'the tags of x', 'r.example', '', null).message).toMatch(/r\.example asks for a login to read the tags of x\. Log in to r\.example/);
    expect(errorForStatus(403, 'x', 'r', '', null)).toMatchObject({ kind: 'denied', message: expect.stringMatching(/refused access.*no permission/) });
    expect(errorForStatus(404, 'the manifest x:1', 'r', '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}', null).message).toBe(
      'the manifest x:1 is not on r (the registry said: MANIFEST_UNKNOWN: manifest unknown). Check the name, or whether it was deleted.',
    );
    expect(errorForStatus(429, 'x', 'r', '', 90)).toMatchObject({ kind: 'rate-limited', retryAfter: 90, message: expect.stringMatching(/Try again in 2 min, or log in/) });
    expect(errorForStatus(429, 'x', 'r', '', 30).message).toMatch(/Try again in 30 s/);
    expect(errorForStatus(503, 'x', 'r', '', null)).toMatchObject({ kind: 'server', message: expect.stringMatching(/HTTP 503.*try again later/) });
    expect(errorForStatus(405, 'x', 'r', '', null).message).toMatch(/Deleting may be disabled/);
  });
});

describe('registry addresses', () => {
  it.each([
    ['generic', 'localhost:5000', false, { url: 'http://localhost:5000', domain: 'localhost:5000' }],
    ['generic', '127.0.0.1:5000', false, { url: 'http://127.0.0.1:5000', domain: '127.0.0.1:5000' }],
    ['generic', '[::1]:5000', false, { url: 'http://[::1]:5000', domain: '[::1]:5000' }],
    ['generic', 'registry.example.com', false, { url: 'https://registry.example.com', domain: 'registry.example.com' }],
    ['generic', 'https://registry.example.com/v2/', false, { url: 'https://registry.example.com', domain: 'registry.example.com' }],
    ['generic', 'registry.lan:5000', true, { url: 'http://registry.lan:5000', domain: 'registry.lan:5000' }],
    ['generic', 'index.docker.io', false, { url: 'https://registry-1.docker.io', domain: 'docker.io' }],
    ['dockerhub', '', false, { url: 'https://registry-1.docker.io', domain: 'docker.io' }],
    ['quay', '', false, { url: 'https://quay.io', domain: 'quay.io' }],
    ['redhat', 'registry.redhat.io', false, { url: 'https://registry.redhat.io', domain: 'registry.redhat.io' }],
    ['azure', 'myteam', false, { url: 'https://myteam.azurecr.io', domain: 'myteam.azurecr.io' }],
    ['azure', 'myteam.azurecr.io', false, { url: 'https://myteam.azurecr.io', domain: 'myteam.azurecr.io' }],
  ] as const)('%s %s (insecure %s)', (kind, text, insecure, address) => {
    expect(registryAddress(kind, text, insecure)).toEqual({ ok: true, address });
  });

  it.each([
    ['generic', 'http://registry.example.com', /plain http.*mark the registry insecure/],
    ['generic', '', /Type the registry address/],
    ['generic', 'ftp://x', /not ftp/],
    ['generic', 'https://user:pw@r.example', /no user name or password/],
    ['generic', 'r.example/team', /without a path/],
    ['generic', 'r example', /space/],
    ['azure', 'example.com', /NAME\.azurecr\.io/],
    ['redhat', 'registry.example.com', /registry\.redhat\.io and registry\.access\.redhat\.com/],
  ] as const)('refuses %s "%s"', (kind, text, error) => {
    const result = registryAddress(kind, text, false);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
  });
});

describe('platforms', () => {
  const index = {
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { digest: 'sha256:a', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
      { digest: 'sha256:b', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { digest: 'sha256:c', platform: { os: 'linux', architecture: 'amd64' } },
      { digest: 'sha256:d', platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      { digest: 'sha256:e', platform: { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' } },
    ],
  };

  it('lists an index’s platforms without attestations', () => {
    expect(isIndex(index.mediaType, index)).toBe(true);
    expect(isIndex('', index)).toBe(true);
    expect(platformsOf(index).map((p) => p.digest)).toEqual(['sha256:a', 'sha256:b', 'sha256:c', 'sha256:e']);
    expect(platformsOf(index)[3]).toEqual({ digest: 'sha256:e', os: 'windows', architecture: 'amd64', osVersion: '10.0.20348.1' });
  });

  it('picks as docker does: linux/amd64 by default, a variant when asked, without variant when it does not matter', () => {
    const platforms = platformsOf(index);
    expect(choosePlatform(platforms, null)?.digest).toBe('sha256:c');
    expect(choosePlatform(platforms, parsePlatform('linux/arm64'))?.digest).toBe('sha256:b');
    expect(choosePlatform(platforms, parsePlatform('linux/arm/v7'))?.digest).toBe('sha256:a');
    expect(choosePlatform(platforms, parsePlatform('linux/s390x'))).toBeNull();
    expect(choosePlatform(platforms.slice(0, 2), null)?.digest).toBe('sha256:a');
    expect(parsePlatform('linux')).toBeNull();
    expect(parsePlatform('linux/arm/v7/x')).toBeNull();
  });
});
