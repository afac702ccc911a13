// The app's location lives in the URL hash ("#/containers?state=running"),
// so a reload, a link from the engine panel or an end-to-end test can open
// any view directly, in Electron (file://) and in a browser alike.

export type View = 'engine' | 'containers' | 'container' | 'images' | 'volumes' | 'networks' | 'resources' | 'stats' | 'layers' | 'cri' | 'registry' | 'hosts' | 'pods' | 'runtimes';

export const VIEWS: readonly View[] = ['engine', 'containers', 'container', 'images', 'volumes', 'networks', 'resources', 'stats', 'layers', 'cri', 'registry', 'hosts', 'pods', 'runtimes'];

export const DEFAULT_VIEW: View = 'containers';

export interface Route {
  view: View;
  params: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const name = (q >= 0 ? text.slice(0, q) : text).replace(/\/+$/, '');
  const params: Record<string, string> = {};
  if (q >= 0) {
    for (const [key, value] of new URLSearchParams(text.slice(q + 1))) params[key] = value;
  }
  const view = (VIEWS as readonly string[]).includes(name) ? (name as View) : DEFAULT_VIEW;
  return { view, params };
}

/** The hash of a route; empty params are left out, so defaults keep URLs short. */
export function formatRoute(route: Route): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(route.params).sort(([a], [b]) => a.localeCompare(b))) {
    if (value !== '') search.set(key, value);
  }
  const query = search.toString();
  return `#/${route.view}${query ? `?${query}` : ''}`;
}
