// A list view's text filter, chip filter and sort, kept in the URL hash so a
// reload, the back button and links (e.g. "3 running" on the engine panel)
// all land on the same view. Defaults are left out of the URL.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { View } from '../lib/route';
import type { SortDirection, SortState } from '../lib/sort';
import { navigate, useRoute } from './hooks';

const QUERY_URL_DELAY_MS = 300;

export interface ListParams<F extends string, K extends string> {
  query: string;
  filter: F;
  sort: SortState<K>;
  setQuery(query: string): void;
  setFilter(filter: F): void;
  setSort(sort: SortState<K>): void;
  clear(): void;
}

export function useListParams<F extends string, K extends string>(
  view: View,
  filterParam: string,
  filters: readonly F[],
  defaultFilter: F,
  sortKeys: readonly K[],
  defaultSort: SortState<K>,
): ListParams<F, K> {
  const route = useRoute();
  const params = route.view === view ? route.params : {};
  // What is typed shows at once; the URL follows a moment later (one history
  // write per pause, not per key: browsers throttle rapid replaceState).
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  const query = draft ?? params.q ?? '';
  const filter = (filters as readonly string[]).includes(params[filterParam] ?? '') ? (params[filterParam] as F) : defaultFilter;
  const key = (sortKeys as readonly string[]).includes(params.sort ?? '') ? (params.sort as K) : defaultSort.key;
  const dir: SortDirection = params.dir === 'asc' || params.dir === 'desc' ? params.dir : key === defaultSort.key ? defaultSort.dir : 'asc';

  const write = useCallback(
    (change: Record<string, string>, replace: boolean) => {
      // Read the freshest params: several setters may run in one event.
      const current = route.view === view ? route.params : {};
      navigate({ view, params: { ...current, ...change } }, { replace });
    },
    [route, view],
  );

  return {
    query,
    filter,
    sort: { key, dir },
    setQuery: (q) => {
      setDraft(q);
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        write({ q }, true);
        setDraft(null);
      }, QUERY_URL_DELAY_MS);
    },
    setFilter: (f) => write({ [filterParam]: f === defaultFilter ? '' : f }, true),
    setSort: (s) => write({ sort: s.key === defaultSort.key && s.dir === defaultSort.dir ? '' : s.key, dir: s.key === defaultSort.key && s.dir === defaultSort.dir ? '' : s.dir }, true),
    clear: () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      setDraft(null);
      navigate({ view, params: {} }, { replace: true });
    },
  };
}
