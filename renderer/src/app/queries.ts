// Request data, through TanStack Query. Pushed data lives in state/live.ts.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { EngineInfo } from '../../../main/engines/types';
import { useApi, useLive, useStore } from './hooks';

export const engineInfoKey = (host: string) => ['engine.info', host] as const;

/** The engine's facts; fetched while it is online, refreshed by LiveRefresh when status or lists change. */
export function useEngineInfo() {
  const api = useApi();
  const live = useLive();
  const online = useStore(live.status)?.state === 'online';
  return useQuery<EngineInfo>({
    queryKey: engineInfoKey(live.host),
    queryFn: () => api.engine.info.query({ host: live.host }),
    enabled: online,
    staleTime: 30_000,
    // Keep showing the last facts while a refresh runs or the engine blinks.
    placeholderData: (previous) => previous,
  });
}

export function invalidateEngineInfo(client: QueryClient, host: string): void {
  void client.invalidateQueries({ queryKey: engineInfoKey(host) });
}
