// Which host the views show. Every view reads the host from the live data in
// context, so switching hosts swaps that live data (subscribed for the chosen
// host only) and the views follow without knowing hosts exist.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { BerthRouter } from '../../../main/api/router';
import type { ClientOf } from '../../../main/api/procedure';
import { startLive, type LiveData } from '../state/live';
import { LiveContext } from './hooks';

const STORAGE_KEY = 'berth.host';

interface HostChoice {
  host: string;
  choose: (host: string) => void;
}

const HostChoiceContext = createContext<HostChoice>({ host: 'local', choose: () => undefined });

export function useHostChoice(): HostChoice {
  return useContext(HostChoiceContext);
}

function remembered(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) || 'local';
  } catch {
    return 'local';
  }
}

export function HostScope({ api, children }: { api: ClientOf<BerthRouter>; children: ReactNode }) {
  const [host, setHost] = useState(remembered);
  const [live, setLive] = useState<LiveData | null>(null);
  useEffect(() => {
    const started = startLive(api, host);
    setLive(started);
    return () => started.dispose();
  }, [api, host]);
  const choice = useMemo<HostChoice>(
    () => ({
      host,
      choose: (next) => {
        setHost(next);
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // A browser without storage forgets the choice on reload; nothing else depends on it.
        }
      },
    }),
    [host],
  );
  return (
    <HostChoiceContext value={choice}>
      {live && (
        <LiveContext value={live} key={live.host}>
          {children}
        </LiveContext>
      )}
    </HostChoiceContext>
  );
}
