// What a user types to add a registry, into the API's base URL and the domain
// image references use. Plain http only for loopback or when marked insecure.
// Pure.
import type { RegistryKind } from './types';

export interface RegistryAddress {
  url: string;
  /** host[:port] as image references and `docker login` name it: docker.io for Docker Hub. */
  domain: string;
}

export type AddressResult = { ok: true; address: RegistryAddress } | { ok: false; error: string };

const DOCKER_HUB: RegistryAddress = { url: 'https://registry-1.docker.io', domain: 'docker.io' };
const RED_HAT_HOSTS = ['registry.redhat.io', 'registry.access.redhat.com'];

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export function registryAddress(kind: RegistryKind, text: string, insecure: boolean): AddressResult {
  const input = text.trim();
  if (kind === 'dockerhub') return { ok: true, address: DOCKER_HUB };
  if (kind === 'quay' && input === '') return { ok: true, address: { url: 'https://quay.io', domain: 'quay.io' } };
  if (kind === 'redhat' && input === '') return { ok: true, address: { url: 'https://registry.access.redhat.com', domain: 'registry.access.redhat.com' } };
  if (input === '') return { ok: false, error: kind === 'azure' ? 'Type the registry name (NAME or NAME.azurecr.io).' : 'Type the registry address, e.g. registry.example.com or localhost:5000.' };
  if (/\s/.test(input)) return { ok: false, error: `"${input}" has a space in it; a registry address has none.` };
  const withHost = kind === 'azure' && /^[A-Za-z0-9]+$/.test(input) ? `${input}.azurecr.io` : input;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(withHost);
  let url: URL;
  try {
    url = new URL(hasScheme ? withHost : `https://${withHost}`);
  } catch {
    return { ok: false, error: `"${input}" is not a registry address: use host[:port], e.g. registry.example.com or localhost:5000.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: `"${input}": a registry is reached over https (or http for localhost), not ${url.protocol.slice(0, -1)}.` };
  if (url.username || url.password) return { ok: false, error: 'Put no user name or password in the address: log in after adding the registry.' };
  if (url.pathname !== '/' && url.pathname !== '/v2/' && url.pathname !== '/v2') return { ok: false, error: `"${input}": give the registry's host only, without a path (${url.pathname}).` };
  if (url.search || url.hash) return { ok: false, error: `"${input}": give the registry's host only, without ? or #.` };
  const loopback = isLoopback(url.hostname);
  // No scheme typed: loopback and insecure registries are plain http, as docker treats them.
  const protocol = hasScheme ? url.protocol : loopback || insecure ? 'http:' : 'https:';
  if (protocol === 'http:' && !loopback && !insecure)
    return { ok: false, error: `${url.host} would be reached over plain http, where anyone on the way can read the traffic and logins. Use https, or mark the registry insecure if you trust the network.` };
  if (kind === 'azure' && !url.hostname.endsWith('.azurecr.io')) return { ok: false, error: `"${input}" is not an Azure Container Registry: its address is NAME.azurecr.io.` };
  if (kind === 'redhat' && !RED_HAT_HOSTS.includes(url.hostname)) return { ok: false, error: `Red Hat's registries are ${RED_HAT_HOSTS.join(' and ')}; "${input}" is neither.` };
  if (kind === 'quay' && url.hostname !== 'quay.io') return { ok: false, error: `quay.io is the only quay.io; add "${input}" as a registry by URL.` };
  const domain = url.host === 'index.docker.io' || url.host === 'registry-1.docker.io' || url.host === 'docker.io' ? 'docker.io' : url.host;
  if (domain === 'docker.io') return { ok: true, address: DOCKER_HUB };
  return { ok: true, address: { url: `${protocol}//${url.host}`, domain } };
}

/** The domain of a saved registry's URL. */
export function domainOf(kind: RegistryKind, url: string): string {
  return kind === 'dockerhub' ? 'docker.io' : new URL(url).host;
}
