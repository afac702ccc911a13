// The vendors' own browse APIs, for registries whose catalog is missing or
// partial: Docker Hub's search and tags, quay.io's search and tags, Red Hat's
// container catalog, Azure's tag metadata. Null means the registry's catalog
// is used as it is.
import { catalogSource } from '../catalog';
import type { Fetch, RegistryClient } from '../client';
import type { RegistryRef, RepositorySource } from '../types';
import { azureSource } from './azure';
import { dockerHubSource } from './docker-hub';
import { quaySource } from './quay';
import { redHatSource } from './red-hat';

export function vendorSource(registry: RegistryRef, client: RegistryClient, fetch: Fetch): RepositorySource | null {
  switch (registry.kind) {
    case 'dockerhub':
      return dockerHubSource({ fetch, registry: client });
    case 'quay':
      return quaySource({ fetch });
    case 'redhat':
      return redHatSource({ fetch, registryHost: new URL(registry.url).hostname, tags: catalogSource(client) });
    case 'azure':
      return azureSource({ client, catalog: catalogSource(client) });
    case 'generic':
      return null;
  }
}
