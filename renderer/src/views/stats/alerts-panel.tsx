// Alerts of the host: OOM kills and unexpected deaths from the engine's
// events, and containers that stay above a chosen share of their memory limit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { StatsAlert } from '../../../../main/stats/alerts';
import { useApi, useLive } from '../../app/hooks';

const KIND_LABEL: Record<StatsAlert['kind'], string> = { oom: 'Out of memory', died: 'Died', memory: 'Memory high' };

export function AlertsPanel() {
  const api = useApi();
  const host = useLive().host;
  const client = useQueryClient();
  const [alerts, setAlerts] = useState<StatsAlert[]>([]);
  useEffect(() => {
    setAlerts([]);
    return api.stats.watchAlerts.subscribe({ host }, { onData: (a) => setAlerts((list) => [a, ...list].slice(0, 50)) });
  }, [api, host]);
  const settings = useQuery({ queryKey: ['stats.alertSettings', host], queryFn: () => api.stats.alertSettings.query({ host }) });
  const save = useMutation({
    mutationFn: (memoryShare: number) => api.stats.setAlertSettings.mutate({ host, memoryShare, sustainSeconds: Math.round((settings.data?.sustainMs ?? 30_000) / 1000) }),
    onSuccess: (next) => client.setQueryData(['stats.alertSettings', host], next),
  });

  return (
    <div className="rounded-lg border border-line bg-surface p-3 shadow-xs xl:col-span-2" data-testid="alerts">
      <div className="mb-2 flex items-center gap-2">
        <h3 className="text-[13px] font-semibold text-fg">Alerts</h3>
        {settings.data && (
          <label className="ml-auto flex items-center gap-2 text-[12.5px] text-muted">
            Alert above
            <select
              aria-label="Alert when memory stays above this share of the limit"
              value={Math.round(settings.data.memoryShare * 100)}
              onChange={(e) => save.mutate(Number(e.target.value) / 100)}
              className="h-7 rounded-md border border-line bg-surface px-1.5 text-fg"
            >
              {[50, 75, 80, 90, 95].map((p) => (
                <option key={p} value={p}>
                  {p}%
                </option>
              ))}
            </select>
            of a memory limit for {Math.round(settings.data.sustainMs / 1000)} s
          </label>
        )}
      </div>
      {alerts.length === 0 ? (
        <p className="text-[12.5px] text-faint">Nothing to report: no container was killed for memory, died unexpectedly or stayed near its memory limit since Berth started.</p>
      ) : (
        <ul aria-label="Alerts" className="flex flex-col gap-1 text-[12.5px]">
          {alerts.map((a) => (
            <li key={`${a.container}-${a.kind}-${a.t}`} data-testid="alert" data-kind={a.kind} className="flex gap-2">
              <time className="shrink-0 font-mono text-faint tabular">{new Date(a.t).toLocaleTimeString()}</time>
              <span className="shrink-0 font-medium text-red-700 dark:text-red-300">{KIND_LABEL[a.kind]}</span>
              <span className="min-w-0 text-fg">{a.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
