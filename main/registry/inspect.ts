// What a tag is, read from the registry without pulling: the manifest (and for
// a multi-platform tag, the index and the chosen platform's manifest), then the
// image config blob. Every document is checked against its digest.
import type { RemoteImage } from '../layers/load';
import type { RegistryClient } from './client';
import { decompress } from './decompress';
import { choosePlatform, imageManifestOf, isIndex, platformsOf, platformString, tagDetails, type ImageConfigDocument, type ImageManifest } from './details';
import { RegistryError } from './errors';
import type { Platform, TagDetails } from './types';

/** Configs are a few KiB; beyond this one is refused rather than buffered. */
const MAX_CONFIG_BYTES = 4 << 20;

export interface ResolvedImage {
  top: { digest: string; mediaType: string };
  platforms: (Platform & { digest: string })[];
  chosen: Platform | null;
  manifestDigest: string;
  manifest: ImageManifest;
}

/** The image manifest a reference means for a platform (default linux/amd64, as docker picks). */
export async function resolveImage(client: RegistryClient, repository: string, reference: string, platform: Platform | null, signal?: AbortSignal): Promise<ResolvedImage> {
  const top = await client.manifest(repository, reference, signal);
  let manifest = top;
  let platforms: ResolvedImage['platforms'] = [];
  let chosen: Platform | null = null;
  if (isIndex(top.mediaType, top.body)) {
    platforms = platformsOf(top.body);
    const pick = choosePlatform(platforms, platform);
    if (!pick)
      throw new RegistryError(
        'not-found',
        platform
          ? `${repository}:${reference} has no ${platformString(platform)} image; it has ${platforms.map(platformString).join(', ') || 'no platforms'}.`
          : `${repository}:${reference} is an index with no platform images.`,
      );
    const { digest: _, ...rest } = pick;
    chosen = rest;
    manifest = await client.manifest(repository, pick.digest, signal);
  }
  const image = imageManifestOf(manifest.body, manifest.mediaType);
  if (!image) throw new RegistryError('unsupported', `${repository}:${reference} is a ${manifest.mediaType || 'manifest of unknown type'}, not an image Berth can show (only OCI and Docker schema 2 images).`);
  return { top: { digest: top.digest, mediaType: top.mediaType }, platforms, chosen, manifestDigest: manifest.digest, manifest: image };
}

/** A blob small enough to hold (a config), read whole and checked. */
export async function readSmallBlob(client: RegistryClient, repository: string, digest: string, size: number, signal?: AbortSignal): Promise<Buffer> {
  if (size > MAX_CONFIG_BYTES) throw new RegistryError('bad-response', `The config ${digest} of ${repository} is ${size} bytes; Berth reads configs up to ${MAX_CONFIG_BYTES >> 20} MiB.`);
  const chunks: Uint8Array[] = [];
  for await (const chunk of client.blob(repository, digest, size, signal)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function readConfig(client: RegistryClient, repository: string, image: ImageManifest, signal?: AbortSignal): Promise<ImageConfigDocument> {
  const bytes = await readSmallBlob(client, repository, image.config.digest, image.config.size, signal);
  try {
    return JSON.parse(bytes.toString('utf8')) as ImageConfigDocument;
  } catch {
    throw new RegistryError('bad-response', `The config of ${repository} (${image.config.digest}) is not valid JSON.`);
  }
}

export async function inspectTag(client: RegistryClient, domain: string, repository: string, tag: string, platform: Platform | null, signal?: AbortSignal): Promise<TagDetails> {
  const resolved = await resolveImage(client, repository, tag, platform, signal);
  const config = await readConfig(client, repository, resolved.manifest, signal);
  const separator = tag.startsWith('sha256:') ? '@' : ':';
  return tagDetails({ ...resolved, reference: `${domain}/${repository}${separator}${tag}`, config });
}

/** A registry image for the layer explorer: its config now, each layer streamed and checked when asked for. */
export async function remoteImage(client: RegistryClient, domain: string, repository: string, reference: string, platform: Platform | null, signal?: AbortSignal): Promise<RemoteImage & { name: string }> {
  const resolved = await resolveImage(client, repository, reference, platform, signal);
  const config = await readConfig(client, repository, resolved.manifest, signal);
  const layers = resolved.manifest.layers;
  const name = `${domain}/${repository}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
  return {
    name,
    id: resolved.manifest.config.digest,
    config,
    tags: reference.startsWith('sha256:') ? [] : [name],
    sizes: layers.map((l) => l.size),
    async *layer(index, onCompressedBytes, layerSignal) {
      const { digest, size, mediaType } = layers[index]!;
      let bytes = 0;
      async function* counted(): AsyncGenerator<Uint8Array> {
        for await (const chunk of client.blob(repository, digest, size, layerSignal)) {
          bytes += chunk.length;
          onCompressedBytes(bytes);
          yield chunk;
        }
      }
      yield* decompress(counted(), mediaType);
    },
  };
}
