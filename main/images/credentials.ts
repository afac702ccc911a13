// Registry credentials, found the way `docker pull` finds them and kept where
// `docker login` would keep them, plus Berth's own logins:
//   1. a login made in Berth and kept in Berth's secret store (OS keychain in
//      the desktop app, memory in `berth serve`), unless a helper is configured;
//   2. ~/.docker/config.json `credHelpers` for the registry, else `credsStore`:
//      the docker-credential-* helper protocol (get/store/erase over stdin/stdout);
//   3. config.json `auths` (base64 user:password or an identity token).
// Secrets go to the engine (X-Registry-Auth) and the registry, nowhere else:
// never logged, never to the renderer, never written in plain text.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SecretStore } from '../secrets/secret-store';
import { authKey, type ImageReference } from './reference';

/** What the engine takes in X-Registry-Auth. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

export type CredentialSource = 'docker-config' | 'credential-helper' | 'keychain' | 'memory';

export interface FoundAuth {
  auth: RegistryAuth;
  source: CredentialSource;
}

interface DockerConfig {
  auths: Record<string, { auth?: unknown; identitytoken?: unknown; username?: unknown; password?: unknown }>;
  credsStore: string | null;
  credHelpers: Record<string, string>;
}

/** config.json's text, the parts about credentials; anything unreadable is no credentials. Pure. */
export function parseDockerConfig(configJson: string): DockerConfig {
  let config: { auths?: unknown; credsStore?: unknown; credHelpers?: unknown } | null;
  try {
    config = JSON.parse(configJson) as typeof config;
  } catch {
    config = null;
  }
  const object = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const helpers = Object.fromEntries(Object.entries(object(config?.credHelpers)).filter((e): e is [string, string] => typeof e[1] === 'string' && validHelper(e[1])));
  return {
    auths: object(config?.auths) as DockerConfig['auths'],
    credsStore: typeof config?.credsStore === 'string' && validHelper(config.credsStore) ? config.credsStore : null,
    credHelpers: helpers,
  };
}

/** A helper name is a suffix of an executable name: no paths, nothing a shell would read. */
const validHelper = (name: string) => /^[A-Za-z0-9._-]{1,64}$/.test(name);

/** The entry for the reference's registry in config.json's text, or null. Pure. */
export function authFromConfig(configJson: string, ref: Pick<ImageReference, 'domain'>): RegistryAuth | null {
  const { auths } = parseDockerConfig(configJson);
  const key = authKey(ref);
  // The CLI also matches entries written with a scheme or a path: "https://host/v1/".
  const entry = Object.entries(auths).find(([k]) => k === key || hostOf(k) === hostOf(key))?.[1];
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

/** The helper that holds a registry's logins, or null: credHelpers by host first, then credsStore. Pure. */
export function helperFor(config: DockerConfig, ref: Pick<ImageReference, 'domain'>): string | null {
  const host = hostOf(authKey(ref));
  return config.credHelpers[host] ?? config.credHelpers[authKey(ref)] ?? config.credsStore;
}

function hostOf(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

/** The user name docker-credential helpers use for an identity token instead of a password. */
const TOKEN_USER = '<token>';

export class CredentialHelperError extends Error {}

/**
 * Runs `docker-credential-NAME ACTION` with input on stdin and returns stdout.
 * "not found" answers resolve null. Its stderr is reported, never its stdout
 * (which carries the secret).
 */
export async function runHelper(name: string, action: 'get' | 'store' | 'erase', input: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<string | null> {
  const program = `docker-credential-${name}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new CredentialHelperError(error.code === 'ENOENT' ? `The credential helper ${program} named in the docker config is not installed (not on PATH). Install it, or remove it from ~/.docker/config.json.` : `The credential helper ${program} could not run: ${error.message}`)),
    );
    child.stdin.on('error', () => undefined);
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) return resolve(stdout);
      // Helpers say "credentials not found in native keychain" on stdout or stderr, exit 1.
      const said = `${Buffer.concat(err).toString('utf8')}\n${action === 'get' ? '' : stdout}`.trim();
      if (/credentials not found/i.test(said) || (action !== 'store' && /credentials not found/i.test(stdout))) return resolve(null);
      reject(new CredentialHelperError(`The credential helper ${program} failed to ${action} (${signal ? `killed by ${signal}` : `exit ${code}`})${said ? `: ${said.split('\n')[0]!.slice(0, 200)}` : ''}.`));
    });
    child.stdin.end(input);
  });
}

export interface CredentialsOptions {
  env?: NodeJS.ProcessEnv;
  /** Berth's own store for logins made in Berth when no helper is configured. */
  secrets?: SecretStore | null;
}

/** One place for every registry login Berth reads or writes. */
export class RegistryCredentials {
  private readonly env: NodeJS.ProcessEnv;
  private readonly secrets: SecretStore | null;

  constructor(options: CredentialsOptions = {}) {
    this.env = options.env ?? process.env;
    this.secrets = options.secrets ?? null;
  }

  /** Where a new login would be kept: a helper's name, the secret store, or nowhere. */
  async storage(ref: Pick<ImageReference, 'domain'>): Promise<{ helper: string } | { store: 'keychain' | 'memory' } | null> {
    const helper = helperFor(await this.config(), ref);
    if (helper) return { helper };
    return this.secrets ? { store: this.secrets.persistence } : null;
  }

  async find(ref: Pick<ImageReference, 'domain'>): Promise<FoundAuth | null> {
    const key = authKey(ref);
    const config = await this.config();
    const helper = helperFor(config, ref);
    if (!helper && this.secrets) {
      const kept = await this.secrets.get(secretKey(key));
      if (kept) return { auth: { ...(JSON.parse(kept) as Omit<RegistryAuth, 'serveraddress'>), serveraddress: key }, source: this.secrets.persistence };
    }
    if (helper) {
      const answer = await runHelper(helper, 'get', key, this.env);
      if (answer) {
        const parsed = JSON.parse(answer) as { Username?: string; Secret?: string };
        if (parsed.Secret) {
          const auth: RegistryAuth = parsed.Username === TOKEN_USER ? { identitytoken: parsed.Secret, serveraddress: key } : { username: parsed.Username ?? '', password: parsed.Secret, serveraddress: key };
          return { auth, source: 'credential-helper' };
        }
      }
    }
    const fromFile = authFromConfig(JSON.stringify({ auths: config.auths }), ref);
    return fromFile ? { auth: fromFile, source: 'docker-config' } : null;
  }

  /** Keeps a login checked against the registry: through the helper, else the secret store. */
  async save(ref: Pick<ImageReference, 'domain'>, username: string, password: string): Promise<CredentialSource> {
    const key = authKey(ref);
    const helper = helperFor(await this.config(), ref);
    if (helper) {
      await runHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: username, Secret: password }), this.env);
      return 'credential-helper';
    }
    if (!this.secrets) throw new CredentialHelperError('This Berth has nowhere safe to keep a login (no credential helper configured and no secret store).');
    await this.secrets.set(secretKey(key), JSON.stringify({ username, password }));
    return this.secrets.persistence;
  }

  /** Forgets the login Berth can forget; a login in config.json `auths` is docker's to remove. Returns what was forgotten. */
  async forget(ref: Pick<ImageReference, 'domain'>): Promise<CredentialSource[]> {
    const key = authKey(ref);
    const forgotten: CredentialSource[] = [];
    if (this.secrets && (await this.secrets.get(secretKey(key)))) {
      await this.secrets.delete(secretKey(key));
      forgotten.push(this.secrets.persistence);
    }
    const helper = helperFor(await this.config(), ref);
    if (helper && (await runHelper(helper, 'get', key, this.env))) {
      await runHelper(helper, 'erase', key, this.env);
      forgotten.push('credential-helper');
    }
    return forgotten;
  }

  private async config(): Promise<DockerConfig> {
    const dir = this.env['DOCKER_CONFIG'] || join(homedir(), '.docker');
    return parseDockerConfig(await readFile(join(dir, 'config.json'), 'utf8').catch(() => '{}'));
  }
}

const secretKey = (serverKey: string) => `registry/${serverKey.replace(/[^A-Za-z0-9._:@/+-]/g, '_')}`;
