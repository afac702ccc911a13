// The registry browser: saved registries, their repositories and tags (one
// browse path, the source picked by the registry's kind), what a tag is, and
// logins checked against the registry. Secrets come in, never out.
import { z } from 'zod';
import { CredentialHelperError, RegistryCredentials, type RegistryAuth } from '../images/credentials';
import type { ImageReference } from '../images/reference';
import type { RegistryBook } from '../registry/book';
import { parsePlatform } from '../registry/details';
import { RegistryError } from '../registry/errors';
import { inspectTag } from '../registry/inspect';
import type { DeleteReport, RegistryView, RepositoryPage, TagDetails, TagPage } from '../registry/types';
import type { ApiContext } from './context';
import { ApiError, mutation, query, subscription } from './procedure';
import { dockerFor } from './engine-access';
import { withHost } from './schemas';
import { pushImage, type PushEvent } from '../images/push';
import { parseReference } from '../images/reference';

export const registryId = z.string().min(1).max(64).regex(/^[a-z0-9._-]+$/, 'a registry id');
/** A repository path inside a registry: distribution's path components. */
export const repositoryName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'a repository name (lower-case path, e.g. library/nginx)');
export const tagOrDigest = z.string().regex(/^(?:[\w][\w.-]{0,127}|sha256:[0-9a-f]{64})$/, 'a tag or a sha256 digest');
const cursor = z.string().max(4096).optional();
export const platformInput = z
  .string()
  .max(64)
  .refine((p) => parsePlatform(p) !== null, 'a platform like linux/amd64 or linux/arm/v7')
  .optional();

/** A registry's login for the engine (pull, push): Berth's, a credential helper's, or config.json's. */
export async function registryAuth(ctx: ApiContext, ref: Pick<ImageReference, 'domain'>): Promise<RegistryAuth | null> {
  const credentials = ctx.registries?.credentials ?? new RegistryCredentials({ secrets: ctx.secrets });
  try {
    return (await credentials.find(ref))?.auth ?? null;
  } catch (err) {
    throw err instanceof CredentialHelperError ? new ApiError('UNAVAILABLE', err.message) : err;
  }
}

export function registries(ctx: ApiContext): RegistryBook {
  if (!ctx.registries) throw new ApiError('UNAVAILABLE', 'Registries are not available in this Berth.');
  return ctx.registries;
}

/** Registry failures as the API's errors, keeping their sentences. */
export async function registryCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RegistryError) {
      const code = err.kind === 'not-found' ? 'NOT_FOUND' : err.kind === 'unreachable' || err.kind === 'rate-limited' || err.kind === 'server' ? 'UNAVAILABLE' : err.kind === 'unauthorized' || err.kind === 'denied' || err.kind === 'refused' ? 'BAD_INPUT' : 'ENGINE';
      throw new ApiError(code, err.message);
    }
    if (err instanceof CredentialHelperError) throw new ApiError('UNAVAILABLE', err.message);
    throw err;
  }
}

export const registriesApi = {
  /** The saved registries, each with who is logged in and where that login is kept (never the secret). */
  list: query(z.object({}).strict(), (_input, ctx): Promise<RegistryView[]> => registries(ctx).list()),
  add: mutation(
    z
      .object({
        name: z.string().max(64).default(''),
        kind: z.enum(['dockerhub', 'quay', 'azure', 'redhat', 'generic']),
        address: z.string().max(512).default(''),
        insecure: z.boolean().default(false),
      })
      .strict(),
    (input, ctx) => registryCall(() => registries(ctx).add(input)),
  ),
  remove: mutation(z.object({ registry: registryId }).strict(), (input, ctx) => registryCall(async () => ({ removed: await registries(ctx).remove(input.registry) }))),
  /** Where a new login would be kept, so the login dialog can say it (a helper, the keychain, or memory only). */
  loginStorage: query(z.object({ registry: registryId }).strict(), (input, ctx) =>
    registryCall(async () => registries(ctx).credentials.storage({ domain: registries(ctx).domain(input.registry) })),
  ),
  repositories: query(z.object({ registry: registryId, query: z.string().max(255).default(''), cursor }).strict(), (input, ctx): Promise<RepositoryPage> =>
    registryCall(async () => (await registries(ctx).source(input.registry)).listRepositories(input.query, input.cursor)),
  ),
  tags: query(z.object({ registry: registryId, repository: repositoryName, cursor, sort: z.enum(['name', 'updated']).default('name') }).strict(), (input, ctx): Promise<TagPage> =>
    registryCall(async () => (await registries(ctx).source(input.registry)).listTags(input.repository, input.cursor, input.sort)),
  ),
  /** A tag's digest, platforms, layers with sizes, history and config; `platform` picks one of an index. */
  tag: query(z.object({ registry: registryId, repository: repositoryName, tag: tagOrDigest, platform: platformInput }).strict(), (input, ctx): Promise<TagDetails> =>
    registryCall(async () => {
      const book = registries(ctx);
      return inspectTag(await book.client(input.registry), book.domain(input.registry), input.repository, input.tag, input.platform ? parsePlatform(input.platform) : null);
    }),
  ),
  /** Checks the credentials against the registry, then keeps them (helper, else keychain/memory). */
  login: mutation(z.object({ registry: registryId, username: z.string().min(1).max(256), password: z.string().min(1).max(8192) }).strict(), (input, ctx) =>
    registryCall(() => registries(ctx).login(input.registry, input.username, input.password)),
  ),
  logout: mutation(z.object({ registry: registryId }).strict(), (input, ctx) => registryCall(() => registries(ctx).logout(input.registry))),
  /**
   * Deletes what a tag points at (the manifest, so every tag on it goes too), where the registry allows
   * deletes. The UI confirms first; the space returns only after the registry's garbage collection.
   */
  deleteTag: mutation(z.object({ registry: registryId, repository: repositoryName, tag: tagOrDigest }).strict(), (input, ctx) =>
    registryCall(async (): Promise<DeleteReport> => {
      const book = registries(ctx);
      const client = await book.client(input.registry);
      const { digest } = input.tag.startsWith('sha256:') ? { digest: input.tag } : await client.resolve(input.repository, input.tag);
      await client.deleteManifest(input.repository, digest);
      return {
        reference: `${book.domain(input.registry)}/${input.repository}${input.tag.startsWith('sha256:') ? '@' : ':'}${input.tag}`,
        digest,
        note: `Deleted the manifest ${digest}: every tag of ${input.repository} that pointed at it is gone too. The registry frees the space only when its garbage collection runs.`,
      };
    }),
  ),
  /** Pushes a local image of a host to the registry as repository:tag, with per-layer progress; it is tagged so on the engine first. */
  push: subscription(withHost({ image: z.string().min(1).max(1024), registry: registryId, repository: repositoryName, tag: z.string().regex(/^[\w][\w.-]{0,127}$/, 'a tag') }), async function* (input, ctx, signal): AsyncGenerator<PushEvent> {
    const parsed = parseReference(`${registries(ctx).domain(input.registry)}/${input.repository}:${input.tag}`);
    if (!parsed.ok) throw new ApiError('BAD_INPUT', parsed.error);
    const docker = await dockerFor(ctx, input.host);
    yield* pushImage(docker, input.image, parsed.ref, await registryAuth(ctx, parsed.ref), signal);
  }),
};
