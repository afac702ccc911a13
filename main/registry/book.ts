// The registries a user browses: saved (without secrets) as registries.json in
// the app's data folder, each with a client that carries its login, and the
// source its repositories and tags are read from (the vendor's API where one
// exists, else the registry's catalog).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistryCredentials} from '../images/credentials';
import { type RegistryAuth } from '../images/credentials';
import { domainOf, registryAddress } from './address';
import { catalogSource } from './catalog';
import { RegistryClient, type Credentials, type Fetch } from './client';
import { RegistryError } from './errors';
import type { RegistryKind, RegistryRef, RegistryView, RepositorySource } from './types';
import { vendorSource } from './vendors';

export interface NewRegistry {
  name: string;
  kind: RegistryKind;
  /** What the user typed: host[:port] or a URL; empty for Docker Hub (and quay.io, Red Hat's default). */
  address: string;
  insecure: boolean;
}

export interface BookOptions {
  /** The app's data folder: registries.json lives here and nowhere else. */
  dataDir: string;
  credentials: RegistryCredentials;
  fetch?: Fetch;
  /** Page size of catalog lists (tests use small pages). */
  pageSize?: number;
}

/** What a first start shows: the public registries most images come from. */
const DEFAULTS: RegistryRef[] = [
  { id: 'docker-hub', name: 'Docker Hub', kind: 'dockerhub', url: 'https://registry-1.docker.io', insecure: false },
  { id: 'quay', name: 'quay.io', kind: 'quay', url: 'https://quay.io', insecure: false },
  { id: 'redhat', name: 'Red Hat', kind: 'redhat', url: 'https://registry.access.redhat.com', insecure: false },
];

interface Entry {
  ref: RegistryRef;
  domain: string;
  client: RegistryClient | null;
}

export class RegistryBook {
  private readonly entries = new Map<string, Entry>();
  private readonly file: string;
  readonly credentials: RegistryCredentials;

  constructor(private readonly options: BookOptions) {
    this.file = join(options.dataDir, 'registries.json');
    this.credentials = options.credentials;
  }

  /** Reads registries.json; without one, the defaults. An unreadable file is an error the caller reports. */
  async load(): Promise<void> {
    let saved: RegistryRef[] = DEFAULTS;
    try {
      saved = (JSON.parse(await readFile(this.file, 'utf8')) as { registries?: RegistryRef[] }).registries ?? [];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.entries.clear();
    for (const ref of saved) this.entries.set(ref.id, this.entryFor(ref));
  }

  async list(): Promise<RegistryView[]> {
    return Promise.all([...this.entries.values()].map((e) => this.view(e)));
  }

  async get(id: string): Promise<RegistryView> {
    return this.view(this.entry(id));
  }

  async add(input: NewRegistry): Promise<RegistryView> {
    const parsed = registryAddress(input.kind, input.address, input.insecure);
    if (!parsed.ok) throw new RegistryError('refused', parsed.error);
    const same = [...this.entries.values()].find((e) => e.ref.url === parsed.address.url);
    if (same) throw new RegistryError('refused', `${parsed.address.domain} is already in the list as "${same.ref.name}".`);
    const name = input.name.trim() || parsed.address.domain;
    const ref: RegistryRef = { id: this.freeId(name), name, kind: input.kind, url: parsed.address.url, insecure: input.insecure };
    const entry = this.entryFor(ref);
    this.entries.set(ref.id, entry);
    await this.save();
    return this.view(entry);
  }

  /** Removes the registry from the list; its login stays where docker keeps logins (use logout to forget it). */
  async remove(id: string): Promise<RegistryRef> {
    const entry = this.entry(id);
    this.entries.delete(id);
    await this.save();
    return entry.ref;
  }

  /** The registry's client, carrying its current login. */
  async client(id: string): Promise<RegistryClient> {
    const entry = this.entry(id);
    if (!entry.client) {
      const found = await this.credentials.find({ domain: entry.domain });
      entry.client = new RegistryClient({ url: entry.ref.url, server: entry.domain, credentials: found ? clientCredentials(found.auth) : null, fetch: this.options.fetch });
    }
    return entry.client;
  }

  /** Where repositories and tags are listed from: the vendor's API, else the catalog. */
  async source(id: string): Promise<RepositorySource> {
    const client = await this.client(id);
    return vendorSource(this.entry(id).ref, client, this.options.fetch ?? ((url, init) => fetch(url, init))) ?? catalogSource(client, this.options.pageSize);
  }

  domain(id: string): string {
    return this.entry(id).domain;
  }

  /** Checks the login against the registry; only a login the registry accepts is kept. */
  async login(id: string, username: string, password: string, signal?: AbortSignal): Promise<RegistryView> {
    const entry = this.entry(id);
    const credentials = { username, password };
    const probe = new RegistryClient({ url: entry.ref.url, server: entry.domain, credentials, fetch: this.options.fetch });
    await probe.check(signal);
    await this.credentials.save({ domain: entry.domain }, username, password);
    entry.client = probe;
    return this.view(entry);
  }

  /** Forgets the login Berth kept (or the helper's); says so when it lives in config.json `auths`. */
  async logout(id: string): Promise<{ registry: RegistryView; forgotten: string[] }> {
    const entry = this.entry(id);
    const forgotten = await this.credentials.forget({ domain: entry.domain });
    entry.client = null;
    return { registry: await this.view(entry), forgotten };
  }

  private async view(entry: Entry): Promise<RegistryView> {
    const found = await this.credentials.find({ domain: entry.domain }).catch(() => null);
    const username = found ? (found.auth.username ?? '(token)') : null;
    return { ...entry.ref, domain: entry.domain, login: found && username !== null ? { username, source: found.source } : null };
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new RegistryError('not-found', `No registry named "${id}" in the list. Known: ${[...this.entries.keys()].join(', ') || 'none'}.`);
    return entry;
  }

  private entryFor(ref: RegistryRef): Entry {
    return { ref, domain: domainOf(ref.kind, ref.url), client: null };
  }

  private freeId(name: string): string {
    const base = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 48) || 'registry';
    let id = base;
    for (let n = 2; this.entries.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  private async save(): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true });
    const registries = [...this.entries.values()].map((e) => e.ref);
    // Written whole then renamed: a crash never leaves half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ version: 1, registries }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }
}

/** docker's stored auth as what the distribution client sends. */
export function clientCredentials(auth: RegistryAuth): Credentials | null {
  if (auth.identitytoken) return { username: auth.username ?? '', identityToken: auth.identitytoken };
  if (auth.username !== undefined && auth.password !== undefined) return { username: auth.username, password: auth.password };
  return null;
}
