// Browsing through the distribution API itself: /v2/_catalog for repositories
// and /v2/NAME/tags/list for tags, a page at a time (n, then the Link header).
// Every OCI registry that offers a catalog reads this way; vendors without one
// (Docker Hub, quay.io, ...) have sources of their own in vendors/.
import { CATALOG_SCOPE, pullScope, type RegistryClient } from './client';
import { RegistryError } from './errors';
import { nextPageCursor } from './paging';
import type { RepositoryPage, RepositorySource, TagPage, TagSort } from './types';

export const PAGE_SIZE = 100;

export function catalogSource(client: RegistryClient, pageSize = PAGE_SIZE): RepositorySource {
  return {
    async listRepositories(query, cursor, signal): Promise<RepositoryPage> {
      const path = cursor ? checkedCursor(cursor, '/v2/_catalog') : `/v2/_catalog?n=${pageSize}`;
      const { body, headers, url } = await client.json<{ repositories?: unknown }>(path, CATALOG_SCOPE, 'the list of repositories', signal);
      if (!Array.isArray(body.repositories)) throw new RegistryError('bad-response', `${client.server} answered the catalog without a list of repositories.`);
      const names = body.repositories.filter((r): r is string => typeof r === 'string');
      const wanted = query.trim().toLowerCase();
      const next = nextPageCursor(headers.get('link'), url);
      return {
        repositories: names.filter((n) => n.toLowerCase().includes(wanted)).map((name) => ({ name })),
        ...(next ? { next } : {}),
        ...(wanted ? { notice: 'This registry has no search: names are matched as the catalog pages load.' } : {}),
      };
    },
    async listTags(repository, cursor, _sort: TagSort, signal): Promise<TagPage> {
      const base = `/v2/${repository}/tags/list`;
      const path = cursor ? checkedCursor(cursor, base) : `${base}?n=${pageSize}`;
      const { body, headers, url } = await client.json<{ tags?: unknown }>(path, pullScope(repository), `the tags of ${repository}`, signal);
      // A repository whose tags were all deleted answers tags: null.
      const tags = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
      const next = nextPageCursor(headers.get('link'), url);
      // Sorted per page: distribution does not promise an order.
      return { tags: tags.sort().map((name) => ({ name })), sort: 'name', ...(next ? { next } : {}) };
    },
  };
}

/** A cursor came back from the client: it must be the same list's next page, nothing else on the server. */
function checkedCursor(cursor: string, path: string): string {
  if (!cursor.startsWith(`${path}?`)) throw new RegistryError('refused', 'That page cursor is not one of this list: start the list again.');
  return cursor;
}
