// Reading the docker CLI's own configuration: the current context in
// config.json and a context's endpoint in its meta.json. Pure: the caller
// reads the files and passes their text.
import { createHash } from 'node:crypto';

type Join = (...parts: string[]) => string;

/** The CLI stores a context under the sha256 of its name, so any name is a safe directory. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

export function contextMetaPath(join: Join, configDir: string, name: string): string {
  return join(configDir, 'contexts', 'meta', contextDirName(name), 'meta.json');
}

export function contextTlsDir(join: Join, configDir: string, name: string): string {
  return join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
}

/** config.json's currentContext, or null when it names none. Throws on text that is not JSON. */
export function parseCurrentContext(configJson: string): string | null {
  const config: unknown = JSON.parse(configJson);
  if (!isObject(config)) return null;
  const name = config['currentContext'];
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}

export interface ContextEndpoint {
  host: string | null;
  skipTlsVerify: boolean;
}

/** The docker endpoint of a context's meta.json. Throws on text that is not JSON. */
export function parseContextMeta(metaJson: string): ContextEndpoint {
  const meta: unknown = JSON.parse(metaJson);
  const endpoints = isObject(meta) ? meta['Endpoints'] : undefined;
  const docker = isObject(endpoints) ? endpoints['docker'] : undefined;
  if (!isObject(docker)) return { host: null, skipTlsVerify: false };
  const host = docker['Host'];
  return { host: typeof host === 'string' && host !== '' ? host : null, skipTlsVerify: docker['SkipTLSVerify'] === true };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
