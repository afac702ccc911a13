// React glue for live resource samples: one store per client and host,
// subscribed while a component that shows samples is mounted.
import { useEffect } from 'react';
import type { BerthRouter } from '../../../main/api/router';
import type { ClientOf } from '../../../main/api/procedure';
import { createStatsStore, type StatsState, type StatsStore } from '../state/stats';
import { useApi, useLive, useStore } from './hooks';

const stores = new WeakMap<ClientOf<BerthRouter>, Map<string, StatsStore>>();

export function useStatsStore(): StatsStore {
  const api = useApi();
  const host = useLive().host;
  let byHost = stores.get(api);
  if (!byHost) stores.set(api, (byHost = new Map()));
  let store = byHost.get(host);
  if (!store) byHost.set(host, (store = createStatsStore(api, host)));
  useEffect(() => store.retain(), [store]);
  return store;
}

/** The latest frame; re-renders once a tick. */
export function useStats(): StatsState & { store: StatsStore } {
  const store = useStatsStore();
  return { ...useStore(store), store };
}
