// React glue: the link and live data in context, stores read with
// useSyncExternalStore, a shared clock, and the hash route.
import { createContext, useCallback, useContext, useState, useSyncExternalStore } from 'react';
import type { BerthRouter } from '../../../main/api/router';
import type { ClientOf } from '../../../main/api/procedure';
import { formatRoute, parentView, parseRoute, type Route, type View } from '../lib/route';
import type { Link } from '../rpc/link';
import type { LiveData } from '../state/live';
import type { Listener, ReadableStore } from '../state/store';

export const LinkContext = createContext<Link | null>(null);
export const LiveContext = createContext<LiveData | null>(null);

export function useLink(): Link {
  const link = useContext(LinkContext);
  if (!link) throw new Error('useLink outside LinkContext');
  return link;
}

export function useApi(): ClientOf<BerthRouter> {
  return useLink().api;
}

export function useLive(): LiveData {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside LiveContext');
  return live;
}

export function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

// One interval per period, shared by every component that shows the time and
// stopped when none does.
type Clock = ReadableStore<number>;
const clocks = new Map<number, Clock>();

function clock(periodMs: number): Clock {
  let clock = clocks.get(periodMs);
  if (clock) return clock;
  const listeners = new Set<Listener>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  clock = {
    get: () => now,
    subscribe: (listener) => {
      listeners.add(listener);
      if (timer === null) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const l of [...listeners]) l();
        }, periodMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
  clocks.set(periodMs, clock);
  return clock;
}

/** The current time in ms, re-rendering every `periodMs`. */
export function useNow(periodMs: number): number {
  return useStore(clock(periodMs));
}

// The route lives in location.hash.
const routeListeners = new Set<Listener>();
let routeHash: string | null = null;
let route: Route = parseRoute('');

function currentRoute(): Route {
  if (routeHash !== location.hash) {
    routeHash = location.hash;
    route = parseRoute(routeHash);
  }
  return route;
}

const routeStore: ReadableStore<Route> = {
  get: currentRoute,
  subscribe: (listener) => {
    routeListeners.add(listener);
    if (routeListeners.size === 1) window.addEventListener('hashchange', notifyRoute);
    return () => {
      routeListeners.delete(listener);
      if (routeListeners.size === 0) window.removeEventListener('hashchange', notifyRoute);
    };
  },
};

function notifyRoute() {
  for (const l of [...routeListeners]) l();
}

export function useRoute(): Route {
  return useStore(routeStore);
}

const viewStore: ReadableStore<View> = { get: () => currentRoute().view, subscribe: routeStore.subscribe };

/** Only the view: components that need no params do not re-render as a filter is typed. */
export function useView(): View {
  return useStore(viewStore);
}

const litStore: ReadableStore<View> = {
  get: () => {
    const route = currentRoute();
    return parentView(route) ?? route.view;
  },
  subscribe: routeStore.subscribe,
};

/** The sidebar entry to light: the view's own, or the one it was reached from (parentView). */
export function useLitNavEntry(): View {
  return useStore(litStore);
}

/** Goes to a route; `replace` rewrites the current history entry (for filters typed into a box). */
export function navigate(next: Route, options: { replace?: boolean } = {}): void {
  const hash = formatRoute(next);
  if (hash === location.hash) return;
  if (options.replace) {
    history.replaceState(history.state, '', hash);
    notifyRoute();
  } else location.hash = hash;
}

/**
 * A user's action that calls main: busy while it runs, its error as text for
 * the dialog to show, undefined as the result when it failed.
 */
export function useAction(): { busy: boolean; error: string | null; setError: (error: string | null) => void; run: <T>(work: () => Promise<T>) => Promise<T | undefined> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
