// The cgroup limits and namespaces a container runs with, from inspect.
import { useQuery } from '@tanstack/react-query';
import type { ContainerIsolation, NamespaceInfo } from '../../../../main/stats/types';
import { useApi, useLive } from '../../app/hooks';
import { formatBytes } from '../../lib/format';
import { formatCpus } from '../../lib/stats';
import { Spinner } from '../../ui/controls';

const NAMESPACE_LABEL: Record<NamespaceInfo['name'], string> = { pid: 'Processes (pid)', net: 'Network (net)', ipc: 'IPC (ipc)', uts: 'Hostname (uts)', mnt: 'Mounts (mnt)', user: 'Users (user)', cgroup: 'Cgroups (cgroup)' };

function limitRows(l: ContainerIsolation['limits']): [string, string][] {
  const none = 'no limit';
  const cpu = l.cpus !== null ? `${formatCpus(l.cpus)}${l.cpuQuotaUs ? ` (quota ${l.cpuQuotaUs} µs per ${l.cpuPeriodUs ?? 100_000} µs)` : ''}` : none;
  return [
    ['Memory', l.memoryBytes !== null ? formatBytes(l.memoryBytes, { binary: true }) : none],
    ['Memory + swap', l.memorySwapBytes === -1 ? 'unlimited swap' : l.memorySwapBytes !== null ? formatBytes(l.memorySwapBytes, { binary: true }) : none],
    ['Memory reservation', l.memoryReservationBytes !== null ? formatBytes(l.memoryReservationBytes, { binary: true }) : 'none'],
    ['CPU', cpu],
    ['CPU shares', l.cpuShares !== null ? `${l.cpuShares} (default 1024)` : 'default (1024)'],
    ['CPU set', l.cpusetCpus ?? 'all CPUs'],
    ['Memory nodes', l.cpusetMems ?? 'all'],
    ['Processes', l.pidsLimit !== null ? String(l.pidsLimit) : none],
  ];
}

function sharing(n: NamespaceInfo): string {
  if (n.shared === 'host') return 'shared with the host';
  if (n.shared === 'container') return `shared with ${n.with}`;
  return 'its own';
}

export function IsolationPanel({ id }: { id: string }) {
  const api = useApi();
  const host = useLive().host;
  const isolation = useQuery({ queryKey: ['stats.isolation', host, id], queryFn: () => api.stats.isolation.query({ host, id }), staleTime: 10_000 });
  return (
    <div className="rounded-lg border border-line bg-surface p-3 shadow-xs" data-testid="isolation">
      <h3 className="mb-2 text-[13px] font-semibold text-fg">Limits and namespaces</h3>
      {isolation.isPending ? (
        <Spinner label="Loading limits" />
      ) : isolation.isError ? (
        <p role="alert" className="text-[12.5px] text-red-700 dark:text-red-300">
          {isolation.error.message}
        </p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <dl aria-label="Cgroup limits" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-[12.5px]">
            {limitRows(isolation.data.limits).map(([k, v]) => (
              <div key={k} className="contents" data-testid={`limit-${k.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
                <dt className="text-muted">{k}</dt>
                <dd className="text-fg">{v}</dd>
              </div>
            ))}
          </dl>
          <dl aria-label="Namespaces" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-[12.5px]">
            {isolation.data.namespaces.map((n) => (
              <div key={n.name} className="contents" data-testid={`namespace-${n.name}`} data-shared={n.shared}>
                <dt className="text-muted">{NAMESPACE_LABEL[n.name]}</dt>
                <dd className={n.shared === 'host' ? 'font-medium text-amber-700 dark:text-amber-300' : 'text-fg'}>{sharing(n)}</dd>
              </div>
            ))}
            {isolation.data.privileged && (
              <div className="contents">
                <dt className="text-muted">Privileged</dt>
                <dd className="font-medium text-red-700 dark:text-red-300">yes: all devices and capabilities</dd>
              </div>
            )}
          </dl>
        </div>
      )}
    </div>
  );
}
