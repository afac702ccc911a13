// The vendors' own browse APIs, for registries whose catalog is missing or
// partial (Docker Hub, quay.io, Red Hat, Azure). The other helper (i7ui) owns
// this folder; null means the registry's catalog is used.
import type { Fetch, RegistryClient } from '../client';
import type { RegistryRef, RepositorySource } from '../types';

export function vendorSource(_registry: RegistryRef, _client: RegistryClient, _fetch: Fetch): RepositorySource | null {
  return null;
}
