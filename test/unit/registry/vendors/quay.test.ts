import { describe, expect, it } from 'vitest';
import { quaySource } from '../../../../main/registry/vendors/quay';
import { realFetch, recordedServers, type Route } from './recorded-server';

const servers = recordedServers();

async function quay(routes: Route[]) {
  await servers.start(routes);
  return quaySource({ fetch: realFetch, apiUrl: servers.current.origin, pageSize: 2 });
}

describe('quay.io source (recorded responses)', () => {
  it("searches repositories page by page while quay.io says there are more, leaving out applications", async () => {
    const source = await quay([
      { path: '/api/v1/find/repositories', query: { query: 'prometheus', page: '1' }, file: 'quay/find-prometheus-1.json' },
      { path: '/api/v1/find/repositories', query: { query: 'prometheus', page: '2' }, file: 'quay/find-prometheus-2.json' },
    ]);
    const first = await source.listRepositories('prometheus', undefined);
    expect(first.repositories).toEqual([
      { name: 'prometheus/node-exporter', description: 'Exporter for machine metrics', stars: 41, updated: '2026-11-28T09:11:33.000Z' },
      { name: 'prometheus/prometheus', description: 'The Prometheus monitoring system and time series database.', stars: 77, updated: '2026-11-26T09:35:00.000Z' },
    ]);
    expect(first.next).toBe('2');
    const second = await source.listRepositories('prometheus', first.next);
    expect(second.repositories.map((r) => r.name)).toEqual(['someone/prometheus-mirror']);
    expect(second.next).toBeUndefined();
  });

  it('lists active tags with digest, size (none for a multi-platform list) and change date, most recent first', async () => {
    const source = await quay([
      { path: '/api/v1/repository/prometheus/node-exporter/tag/', query: { onlyActiveTags: 'true', page: '1', limit: '2' }, file: 'quay/tags-node-exporter-1.json' },
      { path: '/api/v1/repository/prometheus/node-exporter/tag/', query: { onlyActiveTags: 'true', page: '2', limit: '2' }, file: 'quay/tags-node-exporter-2.json' },
    ]);
    const first = await source.listTags('prometheus/node-exporter', undefined, 'name');
    expect(first.sort).toBe('updated');
    expect(first.tags).toEqual([
      { name: 'latest', digest: 'sha256:4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5', updated: '2026-11-28T09:11:33.000Z' },
      { name: 'v1.10.2', digest: 'sha256:4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5', updated: '2026-11-28T09:11:30.000Z' },
    ]);
    const second = await source.listTags('prometheus/node-exporter', first.next, 'name');
    expect(second.tags).toEqual([{ name: 'v1.10.2-amd64', digest: 'sha256:7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f', size: 11942715, updated: '2026-11-28T09:06:40.000Z' }]);
    expect(second.next).toBeUndefined();
  });

  it('says a repository quay.io does not know is not there', async () => {
    const source = await quay([{ path: '/api/v1/repository/nobody/nothing/tag/', status: 404, body: '{"detail":"Not Found","error_message":"Not Found","status":404,"title":"not_found","type":"https://quay.io/api/v1/error/not_found"}' }]);
    await expect(source.listTags('nobody/nothing', undefined, 'name')).rejects.toThrow(/the tags of nobody\/nothing on quay.io is not on 127\.0\.0\.1/);
  });

  it('refuses a repository name without its namespace and a cursor that is not a page', async () => {
    const source = await quay([]);
    await expect(source.listTags('prometheus', undefined, 'name')).rejects.toThrow(/NAMESPACE\/NAME/);
    await expect(source.listRepositories('x', '../../admin')).rejects.toThrow(/cursor/);
    expect(servers.current.requests).toHaveLength(0);
  });
});
