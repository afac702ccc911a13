// Reference parsing against the docker CLI's answers (distribution/reference's
// own test table, and what `docker pull` prints for each input).
import { describe, expect, it } from 'vitest';
import { authKey, canonicalString, familiarString, parseReference } from '../../../main/images/reference';

const canonical = (text: string) => {
  const r = parseReference(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.error}`);
  return canonicalString(r.ref);
};
const error = (text: string) => {
  const r = parseReference(text);
  if (r.ok) throw new Error(`expected ${text} to be refused, got ${canonicalString(r.ref)}`);
  return r.error;
};
const hex64 = 'a'.repeat(64);

describe('parseReference normalises like docker pull', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['library/nginx', 'docker.io/library/nginx:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['quay.io/org/app:1.2', 'quay.io/org/app:1.2'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/web', 'localhost:5000/web:latest'],
    ['127.0.0.1:5000/team/web:v1', '127.0.0.1:5000/team/web:v1'],
    ['[::1]:5000/web:v1', '[::1]:5000/web:v1'],
    ['Registry.Example.com/app', 'Registry.Example.com/app:latest'],
    ['a/b/c/d', 'docker.io/a/b/c/d:latest'],
    ['foo_bar.baz-qux__x', 'docker.io/library/foo_bar.baz-qux__x:latest'],
    ['a---b', 'docker.io/library/a---b:latest'],
    ['app:V1.0_rc-2', 'docker.io/library/app:V1.0_rc-2'],
    ['  nginx  ', 'docker.io/library/nginx:latest'],
  ])('%s → %s', (input, want) => expect(canonical(input)).toBe(want));

  it('keeps a digest without adding latest, and both when tag and digest are given', () => {
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    const r = parseReference(`localhost:5000/web@${digest}`);
    expect(r).toEqual({ ok: true, ref: { domain: 'localhost:5000', path: 'web', tag: null, digest, tagDefaulted: false } });
    expect(canonical(`nginx:1@${digest}`)).toBe(`docker.io/library/nginx:1@${digest}`);
  });

  it('says when latest was added', () => {
    const r = parseReference('nginx');
    expect(r.ok && r.ref.tagDefaulted).toBe(true);
    const t = parseReference('nginx:latest');
    expect(t.ok && t.ref.tagDefaulted).toBe(false);
  });

  it('prints the familiar form the CLI prints', () => {
    const familiar = (t: string) => {
      const r = parseReference(t);
      return r.ok ? familiarString(r.ref) : r.error;
    };
    expect(familiar('docker.io/library/nginx')).toBe('nginx:latest');
    expect(familiar('docker.io/bitnami/redis:7')).toBe('bitnami/redis:7');
    expect(familiar('quay.io/org/app')).toBe('quay.io/org/app:latest');
    expect(familiar('docker.io/library/a/b')).toBe('library/a/b:latest');
  });

  it('names the credentials key of the registry as config.json does', () => {
    const key = (t: string) => {
      const r = parseReference(t);
      return r.ok ? authKey(r.ref) : r.error;
    };
    expect(key('nginx')).toBe('https://index.docker.io/v1/');
    expect(key('localhost:5000/web')).toBe('localhost:5000');
  });
});

describe('parseReference refuses what docker refuses, saying why', () => {
  it.each([
    ['', /Type an image reference/],
    ['Nginx', /must be lowercase/],
    ['library/Nginx:1', /must be lowercase/],
    ['localhost:5000/Web', /must be lowercase/],
    [hex64, /image id/],
    ['nginx:', /Invalid reference format|not a valid/],
    ['nginx:-1', /not a valid tag/],
    ['nginx:.x', /not a valid tag/],
    [`nginx:${'a'.repeat(129)}`, /not a valid tag/],
    ['-nginx', /not a valid repository name/],
    ['nginx-', /not a valid repository name/],
    ['a//b', /not a valid repository name/],
    ['a/b/', /not a valid repository name/],
    ['a_-b', /not a valid repository name/],
    ['a___b', /not a valid repository name/],
    ['nginx@sha256:abc', /not a valid digest/],
    [`nginx@sha256:${'A'.repeat(64)}`, /lowercase hex/],
    [`nginx@sha256:${'a'.repeat(63)}`, /not a valid digest|64 hex digits/],
    [`nginx@md5:${'a'.repeat(32)}`, /Unsupported digest algorithm/],
    ['my image', /space/],
    ['-bad.host:5000/app', /not a valid registry host/],
    ['host:port/app', /not a valid registry host/],
    [`${'a'.repeat(250)}/bbbbbbb`, /limit is 255/],
  ])('%s', (input, message) => expect(error(input)).toMatch(message));

  it('accepts a 64-hex repository under a registry, as the grammar allows', () => {
    expect(canonical(`localhost:5000/${hex64}`)).toBe(`localhost:5000/${hex64}:latest`);
  });
});
