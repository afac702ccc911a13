// The app's location lives in the URL hash ("#/containers?state=running"),
// so a reload, a link from the engine panel or an end-to-end test can open
// any view directly, in Electron (file://) and in a browser alike.

export type View = 'engine' | 'containers' | 'container' | 'images' | 'volumes' | 'networks' | 'resources' | 'stats' | 'layers' | 'cri' | 'registry' | 'hosts' | 'pods' | 'runtimes';

export const VIEWS: readonly View[] = ['engine', 'containers', 'container', 'images', 'volumes', 'networks', 'resources', 'stats', 'layers', 'cri', 'registry', 'hosts', 'pods', 'runtimes'];

export const DEFAULT_VIEW: View = 'containers';

export const VIEW_TITLE: Record<View, string> = { containers: 'Containers', images: 'Images', engine: 'Engine', container: 'Container', volumes: 'Volumes', networks: 'Networks', resources: 'Resources', stats: 'Container resources', layers: 'Layer explorer', cri: 'Kubernetes CRI', registry: 'Registries', hosts: 'All hosts', pods: 'Pods', runtimes: 'Runtimes' };

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

/**
 * The sidebar view a view sits under: it stays lit there, and the view's back
 * link returns to it. A container's page is under Containers. A container's
 * resources are under whichever opened them, the containers list
 * (`from=containers`) or Resources (the overview's top containers, an alert,
 * a link from elsewhere).
 */
export function parentView(route: Route): View | null {
  if (route.view === 'container') return 'containers';
  if (route.view === 'stats') return route.params.from === 'containers' ? 'containers' : 'resources';
  return null;
}
