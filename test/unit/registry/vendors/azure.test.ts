import { describe, expect, it } from 'vitest';
import { catalogSource } from '../../../../main/registry/catalog';
import { RegistryClient } from '../../../../main/registry/client';
import { azureSource } from '../../../../main/registry/vendors/azure';
import { realFetch, recordedServers, type Route } from './recorded-server';

const servers = recordedServers();

const challenge = (scope: string) => ({ 'www-authenticate': `Bearer realm="{origin}/oauth2/token",service="berthdemo.azurecr.io",scope="${scope}"` });

/** NAME.azurecr.io as recorded: every API answers 401 with a challenge until a token from /oauth2/token is sent. */
const acrRoutes: Route[] = [
  { path: '/oauth2/token', query: { service: 'berthdemo.azurecr.io' }, requires: 'authorization', file: 'azure/token.json' },
  { path: '/v2/_catalog', requires: 'authorization', file: 'azure/catalog.json' },
  { path: '/v2/_catalog', status: 401, headers: challenge('registry:catalog:*'), body: '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}' },
  { path: '/acr/v1/team/api/_tags', query: { last: 'v2.0.3' }, requires: 'authorization', file: 'azure/tags-team-api-2.json' },
  {
    path: '/acr/v1/team/api/_tags',
    query: { orderby: 'timedesc' },
    requires: 'authorization',
    file: 'azure/tags-team-api-1.json',
    headers: { link: '</acr/v1/team/api/_tags?last=v2.0.3&n=2&orderby=timedesc>; rel="next"' },
  },
  { path: '/acr/v1/team/api/_tags', status: 401, headers: challenge('repository:team/api:metadata_read'), body: '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}' },
];

async function acr() {
  await servers.start(acrRoutes);
  const client = new RegistryClient({ url: servers.current.origin, server: 'berthdemo.azurecr.io', credentials: { username: 'berthdemo', password: 'admin-password-recorded' }, fetch: realFetch });
  return azureSource({ client, catalog: catalogSource(client), pageSize: 2 });
}

describe('Azure Container Registry source (recorded responses)', () => {
  it("lists repositories from /v2/_catalog after ACR's token exchange with the login", async () => {
    const source = await acr();
    const page = await source.listRepositories('team', undefined);
    expect(page.repositories.map((r) => r.name)).toEqual(['team/api', 'team/web']);
    const tokenRequest = servers.current.requests.find((r) => r.url.pathname === '/oauth2/token')!;
    expect(tokenRequest.url.searchParams.get('scope')).toBe('registry:catalog:*');
    expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from('berthdemo:admin-password-recorded').toString('base64')}`);
  });

  it("lists tags with digests and update times from ACR's tag API, newest first, paged by the Link header", async () => {
    const source = await acr();
    const first = await source.listTags('team/api', undefined, 'updated');
    expect(first.sort).toBe('updated');
    expect(first.tags).toEqual([
      { name: 'v2.1.0', digest: 'sha256:110d2b6c84592561338aa040b1b14b7ab81c2f9edbd564c2285dd7d70d777086', updated: '2026-11-27T14:03:10.118Z' },
      { name: 'v2.0.3', digest: 'sha256:2c84592561338aa040b1b14b7ab81c2f9edbd564c2285dd7d70d777086110d2b', updated: '2026-10-02T09:11:00.551Z' },
    ]);
    const tokenScopes = servers.current.requests.filter((r) => r.url.pathname === '/oauth2/token').map((r) => r.url.searchParams.get('scope'));
    expect(tokenScopes).toContain('repository:team/api:metadata_read');
    expect(first.next).toBe('/acr/v1/team/api/_tags?last=v2.0.3&n=2&orderby=timedesc');
    const second = await source.listTags('team/api', first.next, 'updated');
    expect(second.tags.map((t) => t.name)).toEqual(['v1.9.0']);
    expect(second.next).toBeUndefined();
  });

  it('refuses a cursor that is not the next page of the same list', async () => {
    const source = await acr();
    await expect(source.listTags('team/api', '/v2/_catalog?n=1000', 'name')).rejects.toThrow(/cursor/);
  });
});
