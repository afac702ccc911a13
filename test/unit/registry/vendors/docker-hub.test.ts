import { describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../../main/registry/client';
import { RegistryError } from '../../../../main/registry/errors';
import { dockerHubSource } from '../../../../main/registry/vendors/docker-hub';
import { realFetch, recordedServers, type Route } from './recorded-server';

const servers = recordedServers();

const LIMIT_HEADERS = { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600', 'docker-ratelimit-source': '203.0.113.7', 'docker-content-digest': 'sha256:0f5e5a7b3b9b1f2d3c4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4' };

/** registry-1.docker.io's manifest HEAD behind auth.docker.io's anonymous token, as recorded. */
const registryRoutes = (limitHeaders: Record<string, string> | null): Route[] => [
  { method: 'HEAD', path: '/v2/ratelimitpreview/test/manifests/latest', status: 401, headers: { 'www-authenticate': 'Bearer realm="{origin}/token",service="registry.docker.io",scope="repository:ratelimitpreview/test:pull"' } },
  { method: 'HEAD', path: '/v2/ratelimitpreview/test/manifests/latest', requires: 'authorization', headers: limitHeaders ?? {} },
  { path: '/token', query: { service: 'registry.docker.io', scope: 'repository:ratelimitpreview/test:pull' }, file: 'docker-hub/token.json' },
];

async function hub(routes: Route[], limitHeaders: Record<string, string> | null = LIMIT_HEADERS) {
  // Order matters: the authorised HEAD must be found before the challenge.
  const all = [...routes, ...registryRoutes(limitHeaders).reverse()];
  await servers.start(all);
  const registry = new RegistryClient({ url: servers.current.origin, server: 'docker.io', fetch: realFetch });
  return dockerHubSource({ fetch: realFetch, registry, hubUrl: servers.current.origin, pageSize: 2 });
}

describe('Docker Hub source (recorded responses)', () => {
  it("searches Docker Hub, names official images library/NAME, and pages by the answer's next URL", async () => {
    const source = await hub([
      { path: '/v2/search/repositories/', query: { query: 'nginx', page: '2' }, file: 'docker-hub/search-nginx-2.json' },
      { path: '/v2/search/repositories/', query: { query: 'nginx', page_size: '2' }, file: 'docker-hub/search-nginx-1.json' },
    ]);
    const first = await source.listRepositories('nginx', undefined);
    expect(first.repositories.map((r) => r.name)).toEqual(['library/nginx', 'nginx/nginx-ingress']);
    expect(first.repositories[0]).toMatchObject({ description: 'Official build of Nginx.', stars: 20627, pulls: 12461891442, official: true });
    expect(first.repositories[1]!.official).toBe(false);
    expect(first.total).toBe(3);
    expect(first.next).toBe(`${servers.current.origin}/v2/search/repositories/?page=2&page_size=2&query=nginx`);
    const second = await source.listRepositories('nginx', first.next);
    expect(second.repositories.map((r) => r.name)).toEqual(['bitnami/nginx']);
    expect(second.next).toBeUndefined();
  });

  it('lists the official images when nothing is typed', async () => {
    const source = await hub([{ path: '/v2/namespaces/library/repositories', file: 'docker-hub/library-repositories.json' }]);
    const page = await source.listRepositories('', undefined);
    expect(page.repositories.map((r) => r.name)).toEqual(['library/alpine', 'library/busybox']);
    expect(page.repositories[0]).toMatchObject({ official: true, stars: 11332, updated: '2026-10-08T17:39:56.153Z' });
  });

  it('lists tags newest first with digest, size and push date, a page at a time', async () => {
    const source = await hub([
      { path: '/v2/namespaces/library/repositories/nginx/tags', query: { page: '2' }, file: 'docker-hub/tags-nginx-2.json' },
      { path: '/v2/namespaces/library/repositories/nginx/tags', query: { ordering: 'last_updated', page_size: '2' }, file: 'docker-hub/tags-nginx-1.json' },
    ]);
    const first = await source.listTags('nginx', undefined, 'updated');
    expect(first.sort).toBe('updated');
    expect(first.tags).toEqual([
      { name: 'latest', digest: 'sha256:5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b', size: 72045896, updated: '2026-11-12T20:51:36.274Z' },
      { name: 'alpine', digest: 'sha256:9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9', size: 21388740, updated: '2026-11-12T20:49:05.901Z' },
    ]);
    const second = await source.listTags('nginx', first.next, 'updated');
    expect(second.tags.map((t) => t.name)).toEqual(['1.27.2']);
    expect(second.next).toBeUndefined();
  });

  it("shows the pull limit from the registry's headers, read with HEAD so no pull is spent", async () => {
    const source = await hub([{ path: '/v2/namespaces/library/repositories/nginx/tags', file: 'docker-hub/tags-nginx-1.json' }]);
    const page = await source.listTags('library/nginx', undefined, 'name');
    expect(page.rateLimit).toEqual({ limit: 100, remaining: 76, windowSeconds: 21600, source: '203.0.113.7' });
    expect(page.notice).toBe('Docker Hub: 76 of 100 pulls left per 6 h (counted for 203.0.113.7).');
    const manifestRequests = servers.current.requests.filter((r) => r.url.pathname.includes('/manifests/'));
    expect(manifestRequests.map((r) => r.method)).toEqual(['HEAD', 'HEAD']);
    expect(servers.current.requests.find((r) => r.url.pathname === '/v2/namespaces/library/repositories/nginx/tags')?.url.searchParams.get('ordering')).toBe('name');
  });

  it('still lists when the registry sets no limit (a paid login) and says nothing about one', async () => {
    const source = await hub([{ path: '/v2/namespaces/library/repositories/nginx/tags', file: 'docker-hub/tags-nginx-1.json' }], null);
    const page = await source.listTags('nginx', undefined, 'name');
    expect(page.tags).toHaveLength(2);
    expect(page.rateLimit).toBeUndefined();
    expect(page.notice).toBeUndefined();
  });

  it('says when Docker Hub limits its API, with the wait it asks for', async () => {
    const source = await hub([{ path: '/v2/search/repositories/', status: 429, headers: { 'retry-after': '120' }, body: '{"message":"Too Many Requests"}' }]);
    const error = await source.listRepositories('redis', undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).kind).toBe('rate-limited');
    expect((error as RegistryError).message).toContain('Try again in 2 min');
  });

  it('says when an answer is not in the documented shape instead of showing blanks', async () => {
    const source = await hub([{ path: '/v2/search/repositories/', body: '{"count":1,"items":[]}' }]);
    await expect(source.listRepositories('redis', undefined)).rejects.toThrow(/not in the shape Berth knows \(results: .*\): its API may have changed/);
  });

  it('refuses a next-page cursor that points at another server', async () => {
    const source = await hub([]);
    await expect(source.listTags('nginx', 'https://evil.example/v2/namespaces/library/repositories/nginx/tags?page=2', 'name')).rejects.toThrow(/another server/);
  });
});
