// quay.io's own API: repository search (/api/v1/find/repositories, pages of
// ten with has_additional) and active tags with digest, size and last change
// (/api/v1/repository/NS/NAME/tag/, page and limit). Its catalog lists only
// what a login may see, so the search is what lets anyone browse.
import { z } from 'zod';
import type { Fetch } from '../client';
import { RegistryError } from '../errors';
import type { RepositoryPage, RepositorySource, TagPage, TagSort } from '../types';
import { isoDate, vendorJson } from './vendor-json';

export const QUAY_URL = 'https://quay.io';

const searchAnswer = z.object({
  results: z.array(
    z.object({
      kind: z.string(),
      name: z.string(),
      namespace: z.object({ name: z.string() }),
      description: z.string().nullish(),
      is_public: z.boolean().nullish(),
      stars: z.number().nullish(),
      last_modified: z.number().nullish(),
    }),
  ),
  has_additional: z.boolean(),
  page: z.number(),
});

const tagsAnswer = z.object({
  tags: z.array(
    z.object({
      name: z.string(),
      manifest_digest: z.string().nullish(),
      size: z.number().nullish(),
      last_modified: z.string().nullish(),
      start_ts: z.number().nullish(),
    }),
  ),
  page: z.number(),
  has_additional: z.boolean(),
});

export interface QuayOptions {
  fetch: Fetch;
  apiUrl?: string;
  /** Tags per page (quay.io allows up to 100). */
  pageSize?: number;
}

/** A page cursor of this source: a page number from 2 on. */
function pageOf(cursor: string | undefined): number {
  if (cursor === undefined) return 1;
  if (!/^\d+$/.test(cursor) || Number(cursor) < 2) throw new RegistryError('refused', 'That page cursor is not one of this list: start the list again.');
  return Number(cursor);
}

export function quaySource(options: QuayOptions): RepositorySource {
  const api = `${(options.apiUrl ?? QUAY_URL).replace(/\/+$/, '')}/api/v1`;
  const limit = options.pageSize ?? 100;
  return {
    async listRepositories(query, cursor, signal): Promise<RepositoryPage> {
      const page = pageOf(cursor);
      const text = query.trim();
      const { body } = await vendorJson(options.fetch, `${api}/find/repositories?${new URLSearchParams({ query: text, page: String(page) })}`, searchAnswer, `quay.io's search for "${text}"`, signal);
      const repositories = body.results
        // Applications (Helm charts and the like) share the search but are not images.
        .filter((r) => r.kind === 'repository')
        .map((r) => {
          const updated = isoDate(r.last_modified);
          return { name: `${r.namespace.name}/${r.name}`, ...(r.description ? { description: r.description } : {}), ...(r.stars != null ? { stars: r.stars } : {}), ...(updated ? { updated } : {}) };
        });
      return {
        repositories,
        ...(body.has_additional ? { next: String(body.page + 1) } : {}),
        ...(text ? {} : { notice: 'Type to search quay.io: without a word it lists only what its search returns first.' }),
      };
    },
    async listTags(repository, cursor, _sort: TagSort, signal): Promise<TagPage> {
      const page = pageOf(cursor);
      const [namespace, ...rest] = repository.split('/');
      if (!namespace || rest.length === 0) throw new RegistryError('not-found', `"${repository}" is not a quay.io repository: its name is NAMESPACE/NAME.`);
      const path = `${api}/repository/${encodeURIComponent(namespace)}/${rest.map(encodeURIComponent).join('/')}/tag/?${new URLSearchParams({ onlyActiveTags: 'true', page: String(page), limit: String(limit) })}`;
      const { body } = await vendorJson(options.fetch, path, tagsAnswer, `the tags of ${repository} on quay.io`, signal);
      const tags = body.tags.map((t) => {
        const updated = isoDate(t.last_modified ?? t.start_ts);
        return { name: t.name, ...(t.manifest_digest ? { digest: t.manifest_digest } : {}), ...(t.size != null ? { size: t.size } : {}), ...(updated ? { updated } : {}) };
      });
      // quay.io lists the most recently changed first and cannot sort by name.
      return { tags, sort: 'updated', ...(body.has_additional ? { next: String(body.page + 1) } : {}) };
    },
  };
}
