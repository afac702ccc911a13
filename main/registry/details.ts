// From the documents a registry serves (an index or a manifest, an image
// config) to what the browser shows of a tag. Pure.
import { MANIFEST_TYPES } from './client';
import type { HistoryStep, ImageConfigSummary, LayerDescriptor, Platform, TagDetails } from './types';

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string; 'os.version'?: string };
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  mediaType: string;
  config: LayerDescriptor;
  layers: LayerDescriptor[];
}

export interface ImageConfigDocument {
  created?: string;
  architecture?: string;
  os?: string;
  variant?: string;
  config?: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    User?: string;
  } | null;
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
  rootfs?: { type?: string; diff_ids?: string[] };
}

export const isIndex = (mediaType: string, body: unknown): boolean =>
  mediaType === MANIFEST_TYPES.ociIndex || mediaType === MANIFEST_TYPES.dockerList || (mediaType === '' && Array.isArray((body as { manifests?: unknown }).manifests));

/** The image manifests of an index with their platforms; attestation manifests (platform unknown/unknown) are left out. */
export function platformsOf(index: unknown): (Platform & { digest: string })[] {
  const manifests = ((index as { manifests?: Descriptor[] }).manifests ?? []).filter((d) => typeof d.digest === 'string');
  return manifests
    .filter((d) => d.platform && !(d.platform.os === 'unknown' && d.platform.architecture === 'unknown') && d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
    .map((d) => ({
      digest: d.digest!,
      os: d.platform!.os ?? '',
      architecture: d.platform!.architecture ?? '',
      ...(d.platform!.variant ? { variant: d.platform!.variant } : {}),
      ...(d.platform!['os.version'] ? { osVersion: d.platform!['os.version'] } : {}),
    }));
}

export const platformString = (p: Platform): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/');

/** "linux/arm64/v8" or "linux/amd64" into a platform. Pure; null if it is not one. */
export function parsePlatform(text: string): Platform | null {
  const [os, architecture, variant, ...rest] = text.split('/');
  if (!os || !architecture || rest.length > 0) return null;
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/**
 * The index entry for the wanted platform: exact, then without variant; by
 * default linux/amd64, else the first listed, as `docker pull` picks.
 */
export function choosePlatform<P extends Platform>(platforms: P[], wanted: Platform | null): P | null {
  const target = wanted ?? { os: 'linux', architecture: 'amd64' };
  const same = (p: Platform) => p.os === target.os && p.architecture === target.architecture;
  const found = platforms.find((p) => same(p) && (p.variant ?? '') === (target.variant ?? '')) ?? platforms.find(same);
  if (found) return found;
  return wanted ? null : (platforms[0] ?? null);
}

/** The layers and config of an image manifest, checked to be one. */
export function imageManifestOf(body: unknown, mediaType: string): ImageManifest | null {
  const m = body as { config?: Descriptor; layers?: Descriptor[] };
  if (!m.config?.digest || !Array.isArray(m.layers)) return null;
  const desc = (d: Descriptor): LayerDescriptor => ({ digest: d.digest ?? '', size: d.size ?? 0, mediaType: d.mediaType ?? '' });
  return { mediaType, config: desc(m.config), layers: m.layers.map(desc) };
}

export function configSummary(config: ImageConfigDocument): ImageConfigSummary {
  const c = config.config ?? {};
  return {
    cmd: c.Cmd ?? [],
    entrypoint: c.Entrypoint ?? [],
    env: c.Env ?? [],
    exposedPorts: Object.keys(c.ExposedPorts ?? {}),
    labels: c.Labels ?? {},
    workdir: c.WorkingDir ?? '',
    user: c.User ?? '',
  };
}

export function historyOf(config: ImageConfigDocument): HistoryStep[] {
  return (config.history ?? []).map((h) => ({ created: h.created ?? null, createdBy: h.created_by ?? '', comment: h.comment ?? '', emptyLayer: h.empty_layer === true }));
}

export interface DetailsInput {
  reference: string;
  top: { digest: string; mediaType: string };
  platforms: (Platform & { digest: string })[];
  chosen: Platform | null;
  manifestDigest: string;
  manifest: ImageManifest;
  config: ImageConfigDocument;
}

export function tagDetails(input: DetailsInput): TagDetails {
  const { manifest, config } = input;
  const platform = input.chosen ?? (config.os && config.architecture ? { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) } : null);
  return {
    reference: input.reference,
    digest: input.top.digest,
    mediaType: input.top.mediaType,
    platforms: input.platforms,
    platform,
    manifestDigest: input.manifestDigest,
    configDigest: manifest.config.digest,
    layers: manifest.layers,
    totalSize: manifest.layers.reduce((sum, l) => sum + l.size, 0),
    created: config.created ?? null,
    history: historyOf(config),
    config: configSummary(config),
  };
}
