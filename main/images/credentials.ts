// Registry credentials from the docker CLI's config (~/.docker/config.json
// `auths`), the way `docker pull` finds them. They go to the engine in the
// X-Registry-Auth header and nowhere else: never logged, never to the renderer.
// Credential helpers (credsStore, credHelpers) arrive with the registry issue.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { authKey, type ImageReference } from './reference';

export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

/** The entry for the reference's registry in config.json's text, or null. Pure. */
export function authFromConfig(configJson: string, ref: Pick<ImageReference, 'domain'>): RegistryAuth | null {
  let config: unknown;
  try {
    config = JSON.parse(configJson);
  } catch {
    return null;
  }
  const auths = (config as { auths?: unknown })?.auths;
  if (typeof auths !== 'object' || auths === null) return null;
  const key = authKey(ref);
  // The CLI also matches entries written with a scheme or a path: "https://host/v1/".
  const entry = Object.entries(auths as Record<string, unknown>).find(([k]) => k === key || hostOf(k) === hostOf(key))?.[1] as
    | { auth?: unknown; identitytoken?: unknown; username?: unknown; password?: unknown }
    | undefined;
  if (!entry) return null;
  const serveraddress = key;
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') return { identitytoken: entry.identitytoken, serveraddress };
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string') return { username: entry.username, password: entry.password, serveraddress };
  return null;
}

function hostOf(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

/** Reads the credentials for a reference from $DOCKER_CONFIG/config.json or ~/.docker/config.json. */
export async function loadRegistryAuth(ref: Pick<ImageReference, 'domain'>, env: NodeJS.ProcessEnv = process.env): Promise<RegistryAuth | null> {
  const dir = env['DOCKER_CONFIG'] || join(homedir(), '.docker');
  try {
    return authFromConfig(await readFile(join(dir, 'config.json'), 'utf8'), ref);
  } catch {
    return null;
  }
}
