// "All hosts": every host's containers in one table with a Host column, and a
// card per host with its state and resource use. A host that is offline (or
// waiting for a key, a password) shows as such, with the reason, and says its
// containers are not listed, so no rows vanish without a word.
import { useQuery } from '@tanstack/react-query';
import { Server } from 'lucide-react';
import type { AllHosts, HostSummary } from '../../../../main/hosts/all-hosts';
import { useApi } from '../../app/hooks';
import { useHostChoice } from '../../app/host-scope';
import { countLabel, formatBytes } from '../../lib/format';
import { Spinner } from '../../ui/controls';

const REFRESH_MS = 2000;

const cpuText = (cpu: number | null) => (cpu === null ? '–' : `${cpu.toFixed(1)} %`);
const memText = (mem: number | null) => (mem === null ? '–' : formatBytes(mem, { binary: true }));

function HostCard({ host, onChoose }: { host: HostSummary; onChoose: () => void }) {
  const online = host.state === 'online';
  return (
    <button type="button" onClick={onChoose} data-testid={`all-hosts-card-${host.id}`} data-state={host.state} className="flex min-w-52 flex-col gap-1 rounded-md border border-line bg-surface px-3 py-2 text-left text-[12.5px] shadow-xs hover:border-line-strong">
      <span className="flex items-center gap-2 font-medium text-fg">
        <Server aria-hidden className="size-3.5 text-faint" />
        {host.name}
        <span className={`ml-auto text-[11.5px] ${online ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>{online ? 'Online' : host.state === 'connecting' ? 'Connecting' : 'Offline'}</span>
      </span>
      {online ? (
        <span className="text-muted tabular">
          {host.running} running of {countLabel(host.containers ?? 0, 'container')} · CPU {cpuText(host.cpu)} · memory {memText(host.mem)}
        </span>
      ) : (
        <span className="break-words text-muted">Containers not listed: {host.reason ?? 'the host is not reachable now.'}</span>
      )}
    </button>
  );
}

export function AllHostsView() {
  const api = useApi();
  const { choose } = useHostChoice();
  const everywhere = useQuery<AllHosts>({ queryKey: ['hosts.everywhere'], queryFn: () => api.hosts.everywhere.query({}), refetchInterval: REFRESH_MS, retry: false });
  if (!everywhere.data) {
    return (
      <div role="status" className="flex flex-1 items-center justify-center gap-2 text-[13px] text-muted">
        {everywhere.error ? everywhere.error.message : <Spinner className="size-5 text-faint" />}
      </div>
    );
  }
  const { hosts, containers } = everywhere.data;
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-auto">
      <section aria-label="Hosts" className="flex flex-wrap gap-2 border-b border-line px-5 py-3">
        {hosts.map((h) => (
          <HostCard key={h.id} host={h} onChoose={() => choose(h.id)} />
        ))}
      </section>
      <table data-testid="all-hosts-table" className="w-full text-[12.5px]">
        <thead className="text-left text-[11.5px] text-faint">
          <tr>
            {['Host', 'Name', 'Image', 'State', 'CPU', 'Memory'].map((h) => (
              <th key={h} className="px-5 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {containers.map((c) => (
            <tr key={`${c.host}/${c.id}`} data-testid="all-hosts-row" data-host={c.host} className="border-t border-line">
              <td className="px-5 py-1.5 text-muted">{names.get(c.host) ?? c.host}</td>
              <td className="px-5 py-1.5 font-medium text-fg">{c.name}</td>
              <td className="px-5 py-1.5 font-mono text-[11.5px] text-muted">{c.image}</td>
              <td className="px-5 py-1.5">{c.state}</td>
              <td className="px-5 py-1.5 tabular">{cpuText(c.cpu)}</td>
              <td className="px-5 py-1.5 tabular">{memText(c.mem)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
