// Alerts as they happen, wherever the user is: a toast in the window, and a
// system notification when the platform already allows them (Electron does).
import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { StatsAlert } from '../../../../main/stats/alerts';
import { useApi, useLive } from '../../app/hooks';
import { formatRoute } from '../../lib/route';

const SHOWN_MS = 15_000;

export function AlertToasts() {
  const api = useApi();
  const host = useLive().host;
  const [toasts, setToasts] = useState<StatsAlert[]>([]);
  useEffect(() => {
    // The subscription replays recent alerts first; only new ones pop up.
    const since = Date.now() - 5000;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const stop = api.stats.watchAlerts.subscribe(
      { host },
      {
        onData: (alert) => {
          if (alert.t < since) return;
          setToasts((list) => [...list.slice(-3), alert]);
          const timer = setTimeout(() => {
            timers.delete(timer);
            setToasts((list) => list.filter((a) => a !== alert));
          }, SHOWN_MS);
          timers.add(timer);
          if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification('Berth', { body: alert.message });
        },
      },
    );
    return () => {
      stop();
      timers.forEach(clearTimeout);
    };
  }, [api, host]);
  if (toasts.length === 0) return null;
  return (
    <div className="fixed right-4 bottom-4 z-50 flex w-96 flex-col gap-2">
      {toasts.map((a) => (
        <div key={`${a.container}-${a.kind}-${a.t}`} role="alert" data-testid="alert-toast" data-kind={a.kind} className="flex items-start gap-2 rounded-lg border border-red-500/30 bg-surface p-3 text-[12.5px] shadow-lg">
          <a href={formatRoute({ view: 'stats', params: { id: a.container } })} className="min-w-0 flex-1 text-fg hover:text-accent">
            {a.message}
          </a>
          <button type="button" aria-label="Dismiss" onClick={() => setToasts((list) => list.filter((x) => x !== a))} className="text-faint hover:text-fg">
            <X aria-hidden className="size-3.5" />
          </button>
        </div>
      ))}
    </div>
  );
}
