// Azure Container Registry: the standard /v2/_catalog lists repositories (the
// client does ACR's token exchange like any Bearer registry), and ACR's own
// /acr/v1/NAME/_tags adds each tag's digest and times, newest first on
// request (orderby=timedesc), paged by the Link header.
import { z } from 'zod';
import type { RegistryClient } from '../client';
import { RegistryError } from '../errors';
import { nextPageCursor } from '../paging';
import type { RepositorySource, TagPage, TagSort } from '../types';
import { isoDate } from './vendor-json';

const tagsAnswer = z.object({
  registry: z.string().nullish(),
  imageName: z.string().nullish(),
  tags: z
    .array(
      z.object({
        name: z.string(),
        digest: z.string().nullish(),
        createdTime: z.string().nullish(),
        lastUpdateTime: z.string().nullish(),
      }),
    )
    .nullish(),
});

export interface AzureOptions {
  client: Pick<RegistryClient, 'json' | 'server'>;
  /** The registry's /v2/_catalog. */
  catalog: Pick<RepositorySource, 'listRepositories'>;
  pageSize?: number;
}

/** ACR's scope for tag metadata. */
export const metadataScope = (repository: string) => `repository:${repository}:metadata_read`;

export function azureSource(options: AzureOptions): RepositorySource {
  const pageSize = options.pageSize ?? 100;
  return {
    listRepositories: (query, cursor, signal) => options.catalog.listRepositories(query, cursor, signal),
    async listTags(repository, cursor, sort: TagSort, signal): Promise<TagPage> {
      const base = `/acr/v1/${repository}/_tags`;
      if (cursor !== undefined && !cursor.startsWith(`${base}?`)) throw new RegistryError('refused', 'That page cursor is not one of this list: start the list again.');
      const path = cursor ?? `${base}?${new URLSearchParams({ n: String(pageSize), ...(sort === 'updated' ? { orderby: 'timedesc' } : {}) })}`;
      const { body, headers, url } = await options.client.json<unknown>(path, metadataScope(repository), `the tags of ${repository}`, signal);
      const parsed = tagsAnswer.safeParse(body);
      if (!parsed.success) throw new RegistryError('bad-response', `${options.client.server} answered the tags of ${repository} in a shape Berth does not know: ACR's API may have changed.`);
      const tags = (parsed.data.tags ?? []).map((t) => {
        const updated = isoDate(t.lastUpdateTime ?? t.createdTime);
        return { name: t.name, ...(t.digest ? { digest: t.digest } : {}), ...(updated ? { updated } : {}) };
      });
      const next = nextPageCursor(headers.get('link'), url);
      return { tags, sort, ...(next ? { next } : {}) };
    },
  };
}
