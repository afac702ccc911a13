// One container: its state and actions in the header, then its logs, a
// terminal inside it, and its JSON. The tab lives in the URL.
import { ArrowLeft, SearchX } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatRoute } from '../../lib/route';
import { formatPorts, shortId } from '../../lib/format';
import { navigate, useLive, useRoute, useStore } from '../../app/hooks';
import { StateBadge } from '../../ui/badges';
import { Spinner } from '../../ui/controls';
import { EmptyState } from '../../ui/empty-state';
import { ContainerActions } from '../containers/container-actions';
import { ContainerRuntimeLine } from '../runtimes-view';
import { InspectPanel } from './inspect-panel';
import { LogsPanel } from './logs-panel';
import { TerminalPanel } from './terminal-panel';

type Tab = 'logs' | 'terminal' | 'inspect';
const TABS: { tab: Tab; label: string }[] = [
  { tab: 'logs', label: 'Logs' },
  { tab: 'terminal', label: 'Terminal' },
  { tab: 'inspect', label: 'Inspect' },
];

export function ContainerView() {
  const route = useRoute();
  const id = route.params['id'] ?? '';
  const tab: Tab = TABS.some((t) => t.tab === route.params['tab']) ? (route.params['tab'] as Tab) : 'logs';
  const list = useStore(useLive().containers);
  const row = list.rows.find((r) => r.id === id || r.name === id);
  const back = (
    <a href={formatRoute({ view: 'containers', params: {} })} className="inline-flex items-center gap-1 text-[12.5px] text-muted hover:text-fg">
      <ArrowLeft aria-hidden className="size-3.5" /> Containers
    </a>
  );
  if (!list.loaded) {
    return (
      <p role="status" className="flex items-center gap-2 p-5 text-[13px] text-muted">
        <Spinner /> Loading…
      </p>
    );
  }
  if (!row) {
    return (
      <EmptyState icon={SearchX} title="This container is gone" testId="container-gone" action={back}>
        No container {id ? <span className="font-mono">{shortId(id)}</span> : ''} on this engine: it was removed, or the link is old.
      </EmptyState>
    );
  }
  const ports = formatPorts(row.ports);
  return (
    <section aria-label={`Container ${row.name}`} className="flex min-h-0 flex-1 flex-col" data-testid="container-view" data-id={row.id} data-state={row.state}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-line px-5 py-3">
        {back}
        <h2 className="truncate text-[15px] font-semibold" data-testid="container-name">
          {row.name}
        </h2>
        <StateBadge state={row.state} />
        <span className="truncate text-[12.5px] text-muted" title={row.image}>
          {row.image}
        </span>
        {ports.length > 0 && <span className="truncate font-mono text-[12px] text-muted">{ports.join('  ')}</span>}
        <ContainerRuntimeLine id={row.id} />
        <div className="ml-auto">
          <ContainerActions rows={[row]} />
        </div>
      </div>
      <div role="tablist" aria-label="Container details" className="flex gap-1 border-b border-line px-4">
        {TABS.map((t) => (
          <TabLink key={t.tab} selected={t.tab === tab} onSelect={() => navigate({ view: 'container', params: { id: row.id, tab: t.tab } }, { replace: true })}>
            {t.label}
          </TabLink>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS.find((t) => t.tab === tab)!.label} className="flex min-h-0 flex-1 flex-col">
        {tab === 'logs' && <LogsPanel key={row.id} id={row.id} name={row.name} />}
        {tab === 'terminal' && <TerminalPanel key={row.id} id={row.id} name={row.name} running={row.state === 'running'} />}
        {tab === 'inspect' && <InspectPanel key={`${row.id}-${row.state}`} id={row.id} />}
      </div>
    </section>
  );
}

function TabLink({ selected, onSelect, children }: { selected: boolean; onSelect: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      onClick={onSelect}
      className={`-mb-px border-b-2 px-3 py-2 text-[13px] font-medium ${selected ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'}`}
    >
      {children}
    </button>
  );
}
