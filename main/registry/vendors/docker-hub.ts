// Docker Hub has no catalog: repositories come from its search API
// (hub.docker.com/v2/search/repositories) or, with nothing typed, the official
// images (namespace library); tags from /v2/namespaces/NS/repositories/NAME/tags.
// Both page by the `next` URL the answer carries. The pull limit is read from
// the registry's headers on a manifest HEAD, which Docker Hub does not count.
import { z } from 'zod';
import { pullScope, type Fetch, type RegistryClient } from '../client';
import type { Repository, RepositoryPage, RepositorySource, Tag, TagPage, TagSort } from '../types';
import { describeRateLimit, rateLimitFrom, type RateLimit } from './rate-limit';
import { isoDate, sameOrigin, vendorJson } from './vendor-json';

export const HUB_URL = 'https://hub.docker.com';
/** The repository Docker documents for checking the limit without spending a pull. */
const PROBE_REPOSITORY = 'ratelimitpreview/test';

const page = <T extends z.ZodType>(item: T) => z.object({ count: z.number().optional(), next: z.string().nullish(), results: z.array(item) });

const searchResult = z.object({
  repo_name: z.string(),
  short_description: z.string().nullish(),
  star_count: z.number().nullish(),
  pull_count: z.number().nullish(),
  is_official: z.boolean().nullish(),
});

const namespaceRepository = z.object({
  name: z.string(),
  namespace: z.string(),
  description: z.string().nullish(),
  star_count: z.number().nullish(),
  pull_count: z.number().nullish(),
  last_updated: z.string().nullish(),
});

const hubTag = z.object({
  name: z.string(),
  digest: z.string().nullish(),
  full_size: z.number().nullish(),
  last_updated: z.string().nullish(),
  tag_last_pushed: z.string().nullish(),
});

export interface DockerHubOptions {
  fetch: Fetch;
  /** The registry (registry-1.docker.io), for the limit headers. */
  registry: Pick<RegistryClient, 'request'>;
  hubUrl?: string;
  pageSize?: number;
}

/** `nginx` is `library/nginx` on Docker Hub. */
export function hubRepositoryName(name: string): string {
  return name.includes('/') ? name : `library/${name}`;
}

/** Pages with the pull limit read when the first page was. */
export type RateLimited<P> = P & { rateLimit?: RateLimit };

export interface DockerHubSource extends RepositorySource {
  listRepositories(query: string, cursor: string | undefined, signal?: AbortSignal): Promise<RateLimited<RepositoryPage>>;
  listTags(repository: string, cursor: string | undefined, sort: TagSort, signal?: AbortSignal): Promise<RateLimited<TagPage>>;
  rateLimit(signal?: AbortSignal): Promise<RateLimit | null>;
}

export function dockerHubSource(options: DockerHubOptions): DockerHubSource {
  const hub = (options.hubUrl ?? HUB_URL).replace(/\/+$/, '');
  const pageSize = options.pageSize ?? 50;
  const cursorUrl = (cursor: string, what: string) => sameOrigin(cursor, hub, what);

  const rateLimit = async (signal?: AbortSignal): Promise<RateLimit | null> => {
    const response = await options.registry.request(`/v2/${PROBE_REPOSITORY}/manifests/latest`, {
      method: 'HEAD',
      scope: pullScope(PROBE_REPOSITORY),
      what: 'the pull limit',
      signal,
      accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json',
    });
    return rateLimitFrom(response.headers);
  };
  // The limit is a nicety: a page still shows when it cannot be read.
  const limitFields = async (first: boolean, signal?: AbortSignal): Promise<RateLimited<Pick<TagPage, 'notice'>>> => {
    if (!first) return {};
    const limit = await rateLimit(signal).catch(() => null);
    return limit ? { rateLimit: limit, notice: `Docker Hub: ${describeRateLimit(limit)}` } : {};
  };

  return {
    rateLimit,
    async listRepositories(query, cursor, signal): Promise<RateLimited<RepositoryPage>> {
      const text = query.trim();
      const what = text ? `Docker Hub's search for "${text}"` : "Docker Hub's official images";
      let repositories: Repository[];
      let next: string | null | undefined;
      let total: number | undefined;
      if (text) {
        const url = cursor ? cursorUrl(cursor, what) : `${hub}/v2/search/repositories/?${new URLSearchParams({ query: text, page_size: String(pageSize) })}`;
        const { body } = await vendorJson(options.fetch, url, page(searchResult), what, signal);
        repositories = body.results.map((r) => ({
          name: hubRepositoryName(r.repo_name),
          ...(r.short_description ? { description: r.short_description } : {}),
          ...(r.star_count != null ? { stars: r.star_count } : {}),
          ...(r.pull_count != null ? { pulls: r.pull_count } : {}),
          official: Boolean(r.is_official),
        }));
        next = body.next;
        total = body.count;
      } else {
        const url = cursor ? cursorUrl(cursor, what) : `${hub}/v2/namespaces/library/repositories?${new URLSearchParams({ page_size: String(pageSize) })}`;
        const { body } = await vendorJson(options.fetch, url, page(namespaceRepository), what, signal);
        repositories = body.results.map((r) => ({
          name: `${r.namespace}/${r.name}`,
          ...(r.description ? { description: r.description } : {}),
          ...(r.star_count != null ? { stars: r.star_count } : {}),
          ...(r.pull_count != null ? { pulls: r.pull_count } : {}),
          official: r.namespace === 'library',
          ...(isoDate(r.last_updated) ? { updated: isoDate(r.last_updated)! } : {}),
        }));
        next = body.next;
        total = body.count;
      }
      return { repositories, ...(next ? { next: cursorUrl(next, what) } : {}), ...(total !== undefined ? { total } : {}), ...(await limitFields(!cursor, signal)) };
    },
    async listTags(repository, cursor, sort: TagSort, signal): Promise<RateLimited<TagPage>> {
      const [namespace, ...rest] = hubRepositoryName(repository).split('/');
      const what = `the tags of ${repository} on Docker Hub`;
      const url = cursor
        ? cursorUrl(cursor, what)
        : `${hub}/v2/namespaces/${encodeURIComponent(namespace!)}/repositories/${encodeURIComponent(rest.join('/'))}/tags?${new URLSearchParams({ page_size: String(pageSize), ordering: sort === 'updated' ? 'last_updated' : 'name' })}`;
      const { body } = await vendorJson(options.fetch, url, page(hubTag), what, signal);
      const tags: Tag[] = body.results.map((t) => {
        const updated = isoDate(t.tag_last_pushed ?? t.last_updated);
        return { name: t.name, ...(t.digest ? { digest: t.digest } : {}), ...(t.full_size != null ? { size: t.full_size } : {}), ...(updated ? { updated } : {}) };
      });
      return { tags, sort, ...(body.next ? { next: cursorUrl(body.next, what) } : {}), ...(body.count !== undefined ? { total: body.count } : {}), ...(await limitFields(!cursor, signal)) };
    },
  };
}
