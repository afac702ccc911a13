// Putting content into a test registry with plain HTTP calls of the
// distribution API (blob upload, manifest PUT, delete), independent of the
// client under test: small images made of a config and a few layers, many
// repositories and tags, and hand-written multi-platform indexes.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';

export interface Target {
  /** http://127.0.0.1:PORT */
  base: string;
  /** Authorization for a repository's push (Basic, or a Bearer token the test minted). */
  authorization?: (repository: string) => string | undefined;
}

export const sha256 = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function headers(target: Target, repository: string, extra: Record<string, string> = {}): Record<string, string> {
  const auth = target.authorization?.(repository);
  return auth ? { ...extra, authorization: auth } : extra;
}

async function ok(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

export async function uploadBlob(target: Target, repository: string, bytes: Buffer): Promise<{ digest: string; size: number }> {
  const digest = sha256(bytes);
  const start = await ok(await fetch(`${target.base}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: headers(target, repository) }), `upload start ${repository}`);
  const location = new URL(start.headers.get('location')!, target.base);
  location.searchParams.set('digest', digest);
  await ok(
    await fetch(location, { method: 'PUT', headers: headers(target, repository, { 'content-type': 'application/octet-stream' }), body: new Uint8Array(bytes) }),
    `upload ${repository} ${digest}`,
  );
  return { digest, size: bytes.length };
}

export async function putManifest(target: Target, repository: string, reference: string, manifest: object, mediaType: string): Promise<string> {
  const body = Buffer.from(JSON.stringify(manifest));
  await ok(
    await fetch(`${target.base}/v2/${repository}/manifests/${reference}`, { method: 'PUT', headers: headers(target, repository, { 'content-type': mediaType }), body: new Uint8Array(body) }),
    `manifest ${repository}:${reference}`,
  );
  return sha256(body);
}

/** A tar holding one regular file, as a layer. */
export function tarWith(path: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(path, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

export interface SeededImage {
  digest: string;
  /** Bytes of the manifest, as an index names it. */
  size: number;
  manifest: { config: { digest: string; size: number }; layers: { digest: string; size: number; mediaType: string }[] };
  diffIds: string[];
}

/** An image of gzipped one-file layers and an OCI config for a platform, tagged. */
export async function pushImage(
  target: Target,
  repository: string,
  tag: string,
  options: { files?: Record<string, string>; architecture?: string; variant?: string; config?: object; created?: string } = {},
): Promise<SeededImage> {
  const files = options.files ?? { [`hello-${repository.replace(/\W/g, '-')}.txt`]: `hello from ${repository}:${tag}\n` };
  const layers: SeededImage['manifest']['layers'] = [];
  const diffIds: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const tar = tarWith(path, Buffer.from(text));
    diffIds.push(sha256(tar));
    const blob = gzipSync(tar);
    layers.push({ ...(await uploadBlob(target, repository, blob)), mediaType: OCI_LAYER_GZIP });
  }
  const config = Buffer.from(
    JSON.stringify({
      created: options.created ?? '2026-11-01T10:00:00Z',
      architecture: options.architecture ?? 'amd64',
      ...(options.variant ? { variant: options.variant } : {}),
      os: 'linux',
      config: { Cmd: ['/bin/sh'], Env: ['PATH=/bin'], ExposedPorts: { '8080/tcp': {} }, Labels: { 'berth.seed': repository }, ...options.config },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: Object.keys(files).map((path) => ({ created: options.created ?? '2026-11-01T10:00:00Z', created_by: `COPY ${path} /` })),
    }),
  );
  const configDesc = await uploadBlob(target, repository, config);
  const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: OCI_CONFIG, ...configDesc }, layers };
  const digest = await putManifest(target, repository, tag, manifest, OCI_MANIFEST);
  return { digest, size: Buffer.byteLength(JSON.stringify(manifest)), manifest, diffIds };
}

/** A multi-platform tag: an OCI index over images of several architectures. */
export async function pushIndex(target: Target, repository: string, tag: string, platforms: { architecture: string; variant?: string }[]): Promise<{ digest: string; images: SeededImage[] }> {
  const images: SeededImage[] = [];
  for (const p of platforms) images.push(await pushImage(target, repository, `${tag}-${p.architecture}${p.variant ?? ''}`, { ...p, files: { [`arch-${p.architecture}.txt`]: `${p.architecture}\n` } }));
  const manifests = images.map((image, i) => ({
    mediaType: OCI_MANIFEST,
    digest: image.digest,
    size: image.size,
    platform: { os: 'linux', architecture: platforms[i]!.architecture, ...(platforms[i]!.variant ? { variant: platforms[i]!.variant } : {}) },
  }));
  const digest = await putManifest(target, repository, tag, { schemaVersion: 2, mediaType: OCI_INDEX, manifests }, OCI_INDEX);
  return { digest, images };
}

export async function deleteTag(target: Target, repository: string, digest: string): Promise<void> {
  await ok(await fetch(`${target.base}/v2/${repository}/manifests/${digest}`, { method: 'DELETE', headers: headers(target, repository) }), `delete ${repository}@${digest}`);
}
