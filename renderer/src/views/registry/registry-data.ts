// The registry browser's request data through TanStack Query: the saved
// registries, and repositories and tags a page at a time (the cursor each page
// returns asks for the next).
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RegistryKind, RegistryView, RepositoryPage, TagDetails, TagPage, TagSort } from '../../../../main/registry/types';
import { useApi } from '../../app/hooks';

export const REGISTRIES_KEY = ['registries.list'] as const;

export function useRegistries() {
  const api = useApi();
  return useQuery<RegistryView[]>({ queryKey: REGISTRIES_KEY, queryFn: () => api.registries.list.query({}), staleTime: 30_000 });
}

/** After a login, logout, add or remove: lists and everything read with the old login. */
export function useRefreshRegistries() {
  const client = useQueryClient();
  return (registry?: string) => {
    void client.invalidateQueries({ queryKey: REGISTRIES_KEY });
    if (registry) void client.invalidateQueries({ predicate: (q) => q.queryKey[1] === registry });
  };
}

export function useRepositories(registry: string, query: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['registries.repositories', registry, query],
    queryFn: ({ pageParam, signal: _signal }): Promise<RepositoryPage> => api.registries.repositories.query({ registry, query, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    staleTime: 60_000,
    retry: false,
  });
}

export function useTags(registry: string, repository: string, sort: TagSort) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['registries.tags', registry, repository, sort],
    queryFn: ({ pageParam }): Promise<TagPage> => api.registries.tags.query({ registry, repository, sort, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    enabled: repository !== '',
    staleTime: 60_000,
    retry: false,
  });
}

export function useTagDetails(registry: string, repository: string, tag: string, platform: string) {
  const api = useApi();
  return useQuery<TagDetails>({
    queryKey: ['registries.tag', registry, repository, tag, platform],
    queryFn: () => api.registries.tag.query({ registry, repository, tag, ...(platform ? { platform } : {}) }),
    enabled: repository !== '' && tag !== '',
    staleTime: 60_000,
    retry: false,
  });
}

export const KIND_LABEL: Record<RegistryKind, string> = {
  dockerhub: 'Docker Hub',
  quay: 'quay.io',
  azure: 'Azure Container Registry',
  redhat: 'Red Hat',
  generic: 'Registry',
};

