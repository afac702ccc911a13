// The registry browser's plain data: what the API returns and what every
// repository source (a registry's catalog, a vendor's search) produces. No
// runtime code here, so the renderer may import these types.

export type RegistryKind = 'dockerhub' | 'quay' | 'azure' | 'redhat' | 'generic';

/** A registry the user browses; saved without secrets. */
export interface RegistryRef {
  id: string;
  name: string;
  kind: RegistryKind;
  /** Base URL of the distribution API (scheme + host[:port]), e.g. https://quay.io, http://127.0.0.1:5000. */
  url: string;
  /** Plain http (or an untrusted certificate) allowed for a host other than loopback. */
  insecure: boolean;
}

/** Where a registry's login comes from; never the secret itself. */
export type LoginSource = 'docker-config' | 'credential-helper' | 'keychain' | 'memory';

export interface RegistryView extends RegistryRef {
  /** The registry's host as `docker login` and image references name it (docker.io for Docker Hub). */
  domain: string;
  login: { username: string; source: LoginSource } | null;
}

export interface Repository {
  /** Full path inside the registry, e.g. library/nginx or team/app. */
  name: string;
  description?: string;
  stars?: number;
  pulls?: number;
  official?: boolean;
  updated?: string;
}

export interface RepositoryPage {
  repositories: Repository[];
  /** Opaque cursor for the next page; absent on the last page. */
  next?: string;
  /** Set when the source says how many there are in all. */
  total?: number;
  /** A note the UI shows above the list, e.g. a vendor's rate limit. */
  notice?: string;
}

export type TagSort = 'name' | 'updated';

export interface Tag {
  name: string;
  /** Present when the source lists it (vendor APIs); the catalog gives names only. */
  digest?: string;
  size?: number;
  updated?: string;
}

export interface TagPage {
  tags: Tag[];
  next?: string;
  total?: number;
  /** The order the source used; sorting by 'updated' is only offered by vendor sources. */
  sort: TagSort;
  notice?: string;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

export interface LayerDescriptor {
  digest: string;
  size: number;
  mediaType: string;
}

export interface HistoryStep {
  created: string | null;
  createdBy: string;
  comment: string;
  emptyLayer: boolean;
}

export interface ImageConfigSummary {
  cmd: string[];
  entrypoint: string[];
  env: string[];
  exposedPorts: string[];
  labels: Record<string, string>;
  workdir: string;
  user: string;
}

export interface TagDetails {
  /** registry-domain/repository:tag, for pull and copy. */
  reference: string;
  /** Digest of what the tag points at (the index for a multi-platform tag). */
  digest: string;
  mediaType: string;
  /** The platforms of a multi-platform index; empty for a single-platform image. */
  platforms: (Platform & { digest: string })[];
  /** The platform shown, or null for a single-platform image that does not say. */
  platform: Platform | null;
  /** Digest of the platform's image manifest (= digest for a single-platform tag). */
  manifestDigest: string;
  configDigest: string;
  layers: LayerDescriptor[];
  /** Compressed: the sum of the layer blobs. */
  totalSize: number;
  created: string | null;
  history: HistoryStep[];
  config: ImageConfigSummary;
}

/** What a browse procedure reads from: the catalog of an OCI registry, or a vendor's search. */
export interface RepositorySource {
  listRepositories(query: string, cursor: string | undefined, signal?: AbortSignal): Promise<RepositoryPage>;
  listTags(repository: string, cursor: string | undefined, sort: TagSort, signal?: AbortSignal): Promise<TagPage>;
}

/** What deleting a tag removed. */
export interface DeleteReport {
  reference: string;
  /** The manifest digest deleted: every tag pointing at it goes with it. */
  digest: string;
  note: string;
}
