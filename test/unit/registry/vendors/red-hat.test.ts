import { describe, expect, it } from 'vitest';
import { catalogSource } from '../../../../main/registry/catalog';
import { RegistryClient } from '../../../../main/registry/client';
import { pyxisFilter, redHatSource } from '../../../../main/registry/vendors/red-hat';
import { realFetch, recordedServers } from './recorded-server';

const servers = recordedServers();

describe("Red Hat's catalog filter", () => {
  it('lists only what needs no terms on the anonymous registry, everything on registry.redhat.io', () => {
    expect(pyxisFilter('registry.access.redhat.com', '')).toBe('registry==registry.access.redhat.com;requires_terms==false');
    expect(pyxisFilter('registry.redhat.io', '')).toBe('registry==registry.access.redhat.com');
  });

  it('matches typed words as text, not as a regular expression or RSQL', () => {
    expect(pyxisFilter('registry.redhat.io', 'ubi9/ubi')).toBe('registry==registry.access.redhat.com;repository=iregex="ubi9/ubi"');
    expect(pyxisFilter('registry.redhat.io', 'a.b*"c;d')).toBe('registry==registry.access.redhat.com;repository=iregex="a\\.b\\*\\"c;d"');
  });
});

describe('Red Hat source (recorded responses)', () => {
  it("lists repositories from the container catalog in pages out of its total, and tags from the registry's tags/list", async () => {
    await servers.start([
      { path: '/api/containers/v1/repositories', query: { page: '0' }, file: 'red-hat/repositories-ubi-0.json' },
      { path: '/api/containers/v1/repositories', query: { page: '1' }, file: 'red-hat/repositories-ubi-1.json' },
      { path: '/v2/ubi9/ubi/tags/list', file: 'red-hat/tags-ubi9-ubi.json' },
    ]);
    const registry = new RegistryClient({ url: servers.current.origin, server: 'registry.access.redhat.com', fetch: realFetch });
    const source = redHatSource({ fetch: realFetch, registryHost: 'registry.access.redhat.com', tags: catalogSource(registry), catalogUrl: `${servers.current.origin}/api/containers`, pageSize: 2 });

    const first = await source.listRepositories('ubi', undefined);
    expect(first.total).toBe(3);
    expect(first.repositories).toEqual([
      { name: 'ubi8/ubi', description: 'Provides the latest release of the Red Hat Universal Base Image 8.', updated: '2026-11-25T07:42:18.412Z' },
      { name: 'ubi8/ubi-minimal', description: 'Provides the latest release of the Minimal Red Hat Universal Base Image 8.', updated: '2026-11-25T07:45:02.001Z' },
    ]);
    const asked = servers.current.requests[0]!.url.searchParams;
    expect(asked.get('filter')).toBe('registry==registry.access.redhat.com;requires_terms==false;repository=iregex="ubi"');
    expect(asked.get('page_size')).toBe('2');
    expect(first.next).toBe('1');
    const second = await source.listRepositories('ubi', first.next);
    expect(second.repositories.map((r) => r.name)).toEqual(['ubi9/ubi']);
    expect(second.next).toBeUndefined();

    const tags = await source.listTags('ubi9/ubi', undefined, 'name');
    expect(tags.tags.map((t) => t.name)).toEqual(['9.4', '9.5', 'latest']);
  });

  it('says when the catalog answers in a shape it does not know', async () => {
    await servers.start([{ path: '/api/containers/v1/repositories', body: '{"data":[{"repository":"ubi9/ubi"}],"page":0,"page_size":50,"total":1}' }]);
    const source = redHatSource({ fetch: realFetch, registryHost: 'registry.redhat.io', tags: { listTags: () => Promise.reject(new Error('unused')) }, catalogUrl: `${servers.current.origin}/api/containers` });
    await expect(source.listRepositories('', undefined)).rejects.toThrow(/data\.0\.registry/);
  });
});
