// Red Hat's registries have no catalog; its container catalog API (Pyxis,
// catalog.redhat.com/api/containers/v1/repositories) lists their
// repositories, filtered with RSQL, pages of page_size out of total. Tags come
// from the registry itself (tags/list). registry.access.redhat.com is
// anonymous and serves only what needs no terms; registry.redhat.io serves
// everything after a login.
import { z } from 'zod';
import type { Fetch } from '../client';
import { RegistryError } from '../errors';
import type { RepositoryPage, RepositorySource } from '../types';
import { isoDate, vendorJson } from './vendor-json';

export const RED_HAT_CATALOG_URL = 'https://catalog.redhat.com/api/containers';
/** Pyxis files the images of both registries under this one. */
const CATALOG_REGISTRY = 'registry.access.redhat.com';

const repositoriesAnswer = z.object({
  data: z.array(
    z.object({
      repository: z.string(),
      registry: z.string(),
      requires_terms: z.boolean().nullish(),
      display_data: z.object({ name: z.string().nullish(), short_description: z.string().nullish() }).nullish(),
      last_update_date: z.string().nullish(),
    }),
  ),
  page: z.number(),
  page_size: z.number(),
  total: z.number(),
});

export interface RedHatOptions {
  fetch: Fetch;
  /** The registry browsed: its host decides whether repositories that need terms (and a login) are listed. */
  registryHost: string;
  /** Where tags come from: the registry's own tags/list. */
  tags: Pick<RepositorySource, 'listTags'>;
  catalogUrl?: string;
  pageSize?: number;
}

/** The RSQL filter of a search: the registry, terms where they cannot be pulled, and the words typed. Pure. */
export function pyxisFilter(registryHost: string, query: string): string {
  const parts = [`registry==${CATALOG_REGISTRY}`];
  if (registryHost !== 'registry.redhat.io') parts.push('requires_terms==false');
  const text = query.trim();
  // Quoted, with regex metacharacters and quotes escaped: what is typed is matched as text.
  if (text) parts.push(`repository=iregex="${text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&').replace(/"/g, '\\"')}"`);
  return parts.join(';');
}

export function redHatSource(options: RedHatOptions): RepositorySource {
  const base = `${(options.catalogUrl ?? RED_HAT_CATALOG_URL).replace(/\/+$/, '')}/v1/repositories`;
  const pageSize = options.pageSize ?? 50;
  return {
    async listRepositories(query, cursor, signal): Promise<RepositoryPage> {
      if (cursor !== undefined && !/^\d+$/.test(cursor)) throw new RegistryError('refused', 'That page cursor is not one of this list: start the list again.');
      const page = cursor === undefined ? 0 : Number(cursor);
      const params = new URLSearchParams({ filter: pyxisFilter(options.registryHost, query), page_size: String(pageSize), page: String(page), sort_by: 'repository[asc]' });
      const { body } = await vendorJson(options.fetch, `${base}?${params}`, repositoriesAnswer, "Red Hat's container catalog", signal);
      const repositories = body.data.map((r) => {
        const updated = isoDate(r.last_update_date);
        const description = r.display_data?.short_description ?? r.display_data?.name;
        return { name: r.repository, ...(description ? { description } : {}), ...(updated ? { updated } : {}) };
      });
      const more = (body.page + 1) * body.page_size < body.total;
      return { repositories, total: body.total, ...(more ? { next: String(body.page + 1) } : {}) };
    },
    listTags: (repository, cursor, sort, signal) => options.tags.listTags(repository, cursor, sort, signal),
  };
}
