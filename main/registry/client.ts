// A small client for the OCI distribution API: the /v2/ check, anonymous,
// Basic and Bearer auth (tokens per repository scope, cached until they
// expire), manifests, blobs (redirects followed without sending credentials to
// another host, bytes checked against their digest), tags and the catalog.
// fetch is injected, so tests put real local servers and fault injectors
// behind it.
import { createHash } from 'node:crypto';
import { parseChallenges, pickChallenge, type Challenge } from './challenge';
import { errorForStatus, RegistryError, retryAfterSeconds } from './errors';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** What a registry login is: a password, or the refresh token an OAuth2 login gave (config.json `identitytoken`). */
export type Credentials = { username: string; password: string } | { username: string; identityToken: string };

export const MANIFEST_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

const ACCEPT_MANIFESTS = Object.values(MANIFEST_TYPES).join(', ');
/** Manifests and JSON answers are small; a larger one is refused rather than buffered. */
const MAX_DOCUMENT_BYTES = 8 << 20;
const MAX_REDIRECTS = 5;
/** A token is renewed this long before it expires, so a request never carries one that lapses in flight. */
const TOKEN_MARGIN_MS = 5_000;

export interface ClientOptions {
  /** scheme://host[:port] of the registry. */
  url: string;
  /** The name shown in messages (the registry's domain). */
  server?: string;
  credentials?: Credentials | null;
  fetch?: Fetch;
  now?: () => number;
}

export interface Manifest {
  digest: string;
  mediaType: string;
  /** The parsed document. */
  body: unknown;
  bytes: Buffer;
}

interface Token {
  token: string;
  expiresAt: number;
}

export class RegistryClient {
  readonly url: string;
  readonly server: string;
  private readonly fetch: Fetch;
  private readonly now: () => number;
  private credentials: Credentials | null;
  /** The registry's last challenge, so the next scope gets its token without a 401 first. */
  private challenge: Challenge | null = null;
  private readonly tokens = new Map<string, Token>();

  constructor(options: ClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.server = options.server ?? new URL(this.url).host;
    this.credentials = options.credentials ?? null;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.now = options.now ?? Date.now;
  }

  /** Changes the login; cached tokens were the old login's and go. */
  setCredentials(credentials: Credentials | null): void {
    this.credentials = credentials;
    this.tokens.clear();
  }

  /**
   * The /v2/ check: reachable, speaks the distribution API, and accepts the
   * credentials (for a token registry, the token service is asked for a token).
   * Returns how the registry authenticates.
   */
  async check(signal?: AbortSignal): Promise<'none' | 'basic' | 'bearer'> {
    const first = await this.send(`${this.url}/v2/`, { method: 'GET', signal }, 'the API root /v2/');
    if (first.ok) return 'none';
    if (first.status !== 401) throw await this.failure(first, 'the API root /v2/');
    const challenge = pickChallenge(parseChallenges(first.headers.get('www-authenticate') ?? ''));
    if (!challenge) throw new RegistryError('bad-response', `${this.server} asks for a login but does not say how (no usable WWW-Authenticate header).`);
    this.challenge = challenge;
    if (!this.credentials) throw errorForStatus(401, 'its API', this.server, '', null);
    if (challenge.scheme === 'bearer') {
      await this.token(challenge, '', signal);
      return 'bearer';
    }
    const again = await this.send(`${this.url}/v2/`, { method: 'GET', signal, headers: { authorization: this.basic() } }, 'the API root /v2/');
    if (!again.ok) throw await this.failure(again, 'its API');
    return 'basic';
  }

  /** A JSON document of the API, with the response's headers (for Link). */
  async json<T>(path: string, scope: string, what: string, signal?: AbortSignal): Promise<{ body: T; headers: Headers; url: string }> {
    const response = await this.request(path, { method: 'GET', scope, what, signal, accept: 'application/json' });
    const bytes = await readLimited(response, MAX_DOCUMENT_BYTES, what, this.server);
    return { body: parseJson<T>(bytes, what, this.server), headers: response.headers, url: response.url || `${this.url}${path}` };
  }

  /** A manifest (index or image) by tag or digest, checked against its digest. */
  async manifest(repository: string, reference: string, signal?: AbortSignal): Promise<Manifest> {
    const what = `the manifest ${repository}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
    const response = await this.request(`/v2/${repository}/manifests/${reference}`, { method: 'GET', scope: pullScope(repository), what, signal, accept: ACCEPT_MANIFESTS });
    const bytes = await readLimited(response, MAX_DOCUMENT_BYTES, what, this.server);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const expected = reference.startsWith('sha256:') ? reference : response.headers.get('docker-content-digest');
    if (expected && expected.startsWith('sha256:') && expected !== digest)
      throw new RegistryError('digest-mismatch', `${what} from ${this.server} does not match its digest (expected ${expected}, got ${digest}). Nothing was kept; the registry or something between may be corrupting data.`);
    const body = parseJson<{ mediaType?: string }>(bytes, what, this.server);
    const mediaType = body.mediaType ?? response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    return { digest, mediaType, body, bytes };
  }

  /** The digest a tag points at, by HEAD: Docker Hub does not count HEAD against the pull limit. */
  async resolve(repository: string, reference: string, signal?: AbortSignal): Promise<{ digest: string; mediaType: string; size: number }> {
    const what = `the manifest ${repository}:${reference}`;
    const response = await this.request(`/v2/${repository}/manifests/${reference}`, { method: 'HEAD', scope: pullScope(repository), what, signal, accept: ACCEPT_MANIFESTS });
    const digest = response.headers.get('docker-content-digest');
    if (!digest) {
      // Some registries omit the header on HEAD: the GET's own digest is right by construction.
      const manifest = await this.manifest(repository, reference, signal);
      return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.bytes.length };
    }
    return { digest, mediaType: response.headers.get('content-type')?.split(';')[0]?.trim() ?? '', size: Number(response.headers.get('content-length') ?? 0) };
  }

  /**
   * A blob's bytes as they arrive, checked as they pass: the stream throws if it
   * ends short of `size` or its bytes do not hash to `digest`, so a consumer
   * that caches only after the last chunk never keeps bad data.
   */
  async *blob(repository: string, digest: string, size: number | null, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
    const what = `the blob ${digest.slice(0, 19)}… of ${repository}`;
    const response = await this.request(`/v2/${repository}/blobs/${digest}`, { method: 'GET', scope: pullScope(repository), what, signal });
    if (!response.body) throw new RegistryError('bad-response', `${this.server} sent no bytes for ${what}.`);
    const [algorithm, hex] = digest.split(':');
    if (algorithm !== 'sha256' && algorithm !== 'sha512') throw new RegistryError('unsupported', `${what} uses the digest algorithm ${algorithm}, which Berth does not check.`);
    const hash = createHash(algorithm);
    const length = Number(response.headers.get('content-length') ?? NaN);
    const expected = size ?? (Number.isFinite(length) ? length : null);
    let received = 0;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        received += chunk.length;
        if (expected !== null && received > expected) throw new RegistryError('bad-response', `${what} from ${this.server} is longer than its ${expected} bytes.`);
        hash.update(chunk);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof RegistryError || signal?.aborted) throw error;
      throw new RegistryError('truncated', `${what} from ${this.server} stopped after ${received}${expected !== null ? ` of ${expected}` : ''} bytes (${errorText(error)}). Nothing was kept: try again.`);
    }
    if (expected !== null && received < expected) throw new RegistryError('truncated', `${what} from ${this.server} stopped after ${received} of ${expected} bytes. Nothing was kept: try again.`);
    const got = hash.digest('hex');
    if (got !== hex)
      throw new RegistryError('digest-mismatch', `${what} from ${this.server} does not match its digest (got ${algorithm}:${got.slice(0, 12)}…). Nothing was kept; the registry or something between may be corrupting data.`);
  }

  /** Deletes a manifest by digest (what a tag points at); the registry must allow deletes. */
  async deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    await this.request(`/v2/${repository}/manifests/${digest}`, { method: 'DELETE', scope: `repository:${repository}:delete`, what: `the manifest ${repository}@${digest}`, signal });
  }

  /** A request with auth: the cached token or Basic first, a fresh token on a 401, errors in words. */
  async request(path: string, options: { method: string; scope: string; what: string; signal?: AbortSignal; accept?: string }): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.url}${path}`;
    const headers: Record<string, string> = options.accept ? { accept: options.accept } : {};
    const authorization = await this.authorization(this.challenge, options.scope, options.signal);
    let response = await this.send(url, { method: options.method, headers: authorization ? { ...headers, authorization } : headers, signal: options.signal }, options.what);
    if (response.status === 401) {
      const challenge = pickChallenge(parseChallenges(response.headers.get('www-authenticate') ?? ''));
      await response.body?.cancel();
      if (challenge) {
        this.challenge = challenge;
        const scope = challenge.params['scope'] ?? options.scope;
        if (challenge.scheme === 'bearer') this.tokens.delete(tokenKey(challenge, scope));
        const retry = await this.authorization(challenge, scope, options.signal);
        // No login to offer: the 401 stands (its body was let go above, so a blank one says it).
        response = retry ? await this.send(url, { method: options.method, headers: { ...headers, authorization: retry }, signal: options.signal }, options.what) : new Response(null, { status: 401 });
      }
    }
    if (!response.ok) throw await this.failure(response, options.what);
    return response;
  }

  private async authorization(challenge: Challenge | null, scope: string, signal?: AbortSignal): Promise<string | null> {
    if (!challenge) return null;
    if (challenge.scheme === 'basic') return this.credentials ? this.basic() : null;
    return `Bearer ${await this.token(challenge, scope, signal)}`;
  }

  private basic(): string {
    const c = this.credentials!;
    const secret = 'password' in c ? c.password : c.identityToken;
    return `Basic ${Buffer.from(`${c.username}:${secret}`).toString('base64')}`;
  }

  /** A token for the scope from the challenge's realm, cached until it expires. */
  private async token(challenge: Challenge, scope: string, signal?: AbortSignal): Promise<string> {
    const key = tokenKey(challenge, scope);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - TOKEN_MARGIN_MS > this.now()) return cached.token;
    const realm = challenge.params['realm'];
    if (!realm) throw new RegistryError('bad-response', `${this.server} asks for a token but names no token service (no realm).`);
    const realmUrl = new URL(realm);
    if (realmUrl.protocol !== 'https:' && realmUrl.protocol !== 'http:') throw new RegistryError('refused', `${this.server} names a token service that is not http(s): ${realmUrl.protocol}`);
    if (challenge.params['service']) realmUrl.searchParams.set('service', challenge.params['service']);
    for (const s of scope.split(' ').filter(Boolean)) realmUrl.searchParams.append('scope', s);
    const creds = this.credentials;
    let response: Response;
    if (creds && 'identityToken' in creds) {
      // OAuth2 refresh token (what `docker login` keeps for some registries), per the token spec.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, service: challenge.params['service'] ?? '', client_id: 'berth' });
      if (scope) form.set('scope', scope);
      response = await this.send(realm, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' }, signal }, 'a token');
    } else {
      if (creds) realmUrl.searchParams.set('account', creds.username);
      response = await this.send(realmUrl.toString(), { method: 'GET', headers: creds ? { authorization: this.basic() } : {}, signal }, 'a token');
    }
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      if (response.status === 401 || response.status === 403)
        throw new RegistryError('unauthorized', `The token service of ${this.server} refused ${creds ? `the login of ${creds.username}` : 'an anonymous token'} (HTTP ${response.status}). ${creds ? 'Check the user name and password.' : `Log in to ${this.server}.`}`, null, response.status);
      throw errorForStatus(response.status, 'a token', `the token service of ${this.server}`, body, retryAfterSeconds(response.headers.get('retry-after'), this.now()));
    }
    const body = parseJson<{ token?: string; access_token?: string; expires_in?: number; issued_at?: string }>(await readLimited(response, MAX_DOCUMENT_BYTES, 'a token', this.server), 'a token', this.server);
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError('bad-response', `The token service of ${this.server} answered without a token.`);
    // The spec: 60 s when the service does not say; issued_at is its clock, not ours, so only the duration is used.
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
    this.tokens.set(key, { token, expiresAt: this.now() + expiresIn * 1000 });
    return token;
  }

  /** fetch with redirects followed by hand: Authorization goes only to the origin it was meant for. */
  private async send(url: string, init: RequestInit & { headers?: Record<string, string> }, what: string): Promise<Response> {
    let current = url;
    let headers = { ...(init.headers ?? {}) };
    const origin = new URL(url).origin;
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await this.fetch(current, { ...init, headers, redirect: 'manual' });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        throw new RegistryError('unreachable', `${new URL(current).host} could not be reached for ${what} (${errorText(error)}). Check the address and that the registry is running.`);
      }
      if (response.status < 300 || response.status >= 400 || response.status === 304) return response;
      const location = response.headers.get('location');
      if (!location) return response;
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new RegistryError('bad-response', `${this.server} redirected ${what} more than ${MAX_REDIRECTS} times.`);
      const next = new URL(location, current);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new RegistryError('refused', `${this.server} redirected ${what} to ${next.protocol} URL; only http(s) is followed.`);
      if (next.origin !== origin) {
        // A blob store (S3, a CDN) gets a signed URL, never the registry's credentials.
        const { authorization: _dropped, ...rest } = headers;
        headers = rest;
      }
      current = next.toString();
    }
  }

  private async failure(response: Response, what: string): Promise<RegistryError> {
    const body = response.status === 401 || response.status === 403 || response.status === 404 || response.status >= 400 ? await response.text().catch(() => '') : '';
    return errorForStatus(response.status, what, this.server, body.slice(0, 4096), retryAfterSeconds(response.headers.get('retry-after'), this.now()));
  }
}

export const pullScope = (repository: string) => `repository:${repository}:pull`;
export const CATALOG_SCOPE = 'registry:catalog:*';

function tokenKey(challenge: Challenge, scope: string): string {
  return `${challenge.params['realm']}\0${challenge.params['service'] ?? ''}\0${scope}`;
}

async function readLimited(response: Response, limit: number, what: string, server: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > limit) throw new RegistryError('bad-response', `${what} from ${server} is larger than ${limit >> 20} MiB; Berth does not read it.`);
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    throw new RegistryError('truncated', `${what} from ${server} stopped after ${total} bytes (${errorText(error)}). Try again.`);
  }
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(length) && total < length) throw new RegistryError('truncated', `${what} from ${server} stopped after ${total} of ${length} bytes. Try again.`);
  return Buffer.concat(chunks);
}

function parseJson<T>(bytes: Buffer, what: string, server: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    throw new RegistryError('bad-response', `${what} from ${server} is not valid JSON.`);
  }
}

function errorText(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } })?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
