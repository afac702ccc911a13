// The frame around every view: sidebar, header with the engine's state, and
// a banner when the link to Berth itself (the `berth serve` socket) is down.
import { Boxes, Cpu, FolderTree, Server, HardDrive, Network, Activity, Box, Gauge, Layers, Package, RefreshCw, WifiOff } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { Capability } from '../../../main/engines/types';
import { formatRoute, VIEW_TITLE, type View } from '../lib/route';
import { secondsUntil } from '../lib/format';
import { Spinner } from '../ui/controls';
import { useLink, useLitNavEntry, useLive, useNow, useStore, useView } from './hooks';
import { useEngineInfo } from './queries';
import { DialogHost, PullButton } from '../views/pull/dialog-host';
import { HostsSidebar } from '../views/hosts/hosts-sidebar';
import { RegistriesSidebar } from '../views/registry/registries-sidebar';

interface NavItem {
  view: View;
  label: string;
  icon: LucideIcon;
  /** Shown dimmed, with the engine's reason, where the engine cannot do it. */
  needs?: Capability;
}

const NAV: NavItem[] = [
  { view: 'engine', label: 'Engine', icon: Gauge },
  { view: 'containers', label: 'Containers', icon: Box },
  { view: 'images', label: 'Images', icon: Layers },
  { view: 'volumes', label: 'Volumes', icon: HardDrive },
  { view: 'networks', label: 'Networks', icon: Network },
  { view: 'layers', label: 'Layer explorer', icon: FolderTree },
  { view: 'resources', label: 'Resources', icon: Activity },
  { view: 'cri', label: 'Kubernetes CRI', icon: Boxes },
  { view: 'pods', label: 'Pods', icon: Package, needs: 'pods' },
  { view: 'runtimes', label: 'Runtimes', icon: Cpu },
  { view: 'hosts', label: 'All hosts', icon: Server },
];

function NavCount({ view }: { view: View }) {
  const live = useLive();
  const containers = useStore(live.containers);
  const images = useStore(live.images);
  if (view === 'containers' && containers.loaded) {
    const running = containers.rows.reduce((n, r) => n + (r.state === 'running' || r.state === 'restarting' ? 1 : 0), 0);
    return (
      <span className="ml-auto text-[11.5px] text-faint tabular" title={`${running} running of ${containers.rows.length}`}>
        {running > 0 && <span className="text-emerald-600 dark:text-emerald-400">{running.toLocaleString('en-US')}</span>}
        {running > 0 && <span className="px-px">/</span>}
        {containers.rows.length.toLocaleString('en-US')}
      </span>
    );
  }
  if (view === 'images' && images.loaded) return <span className="ml-auto text-[11.5px] text-faint tabular">{images.rows.length.toLocaleString('en-US')}</span>;
  return null;
}

export function Sidebar() {
  const view = useView();
  const lit = useLitNavEntry();
  const capabilities = useEngineInfo().data?.capabilities;
  return (
    <aside className="flex min-h-0 flex-col border-r border-line bg-sidebar">
      <div className="flex h-12 items-center gap-2 px-4">
        <img src="favicon.svg" alt="" className="size-7 drop-shadow-sm" draggable={false} />
        <span className="text-[15px] font-semibold tracking-tight text-fg">Berth</span>
      </div>
      <HostsSidebar />
      <nav aria-label="Main" className="flex flex-col gap-0.5 px-2">
        {NAV.map((item) => {
          const current = lit === item.view;
          const missing = item.needs && capabilities && !capabilities[item.needs].available ? capabilities[item.needs].reason : null;
          return (
            <a
              key={item.view}
              href={formatRoute({ view: item.view, params: {} })}
              aria-current={view === item.view ? 'page' : current ? 'true' : undefined}
              data-testid={`nav-${item.view}`}
              data-unavailable={missing ? 'true' : undefined}
              title={missing ?? undefined}
              className={`flex h-8 items-center gap-2.5 rounded-md px-2.5 text-[13px] font-medium transition-colors ${
                current ? 'bg-surface text-fg shadow-xs ring-1 ring-line' : 'text-muted hover:bg-raised hover:text-fg'
              }`}
            >
              <item.icon aria-hidden className={`size-4 ${current ? 'text-accent' : 'text-faint'}`} strokeWidth={1.9} />
              <span className={missing ? 'opacity-60' : undefined}>{item.label}</span>
              {missing && <span className="sr-only">: {missing}</span>}
              <NavCount view={item.view} />
            </a>
          );
        })}
      </nav>
      <RegistriesSidebar />
      <div className="mt-auto px-4 py-3 text-[11px] text-faint">
        <kbd className="rounded border border-line bg-surface px-1 font-mono text-[10.5px]">/</kbd> to filter
      </div>
    </aside>
  );
}

/** The engine's state as a pill in the header; it links to the engine panel. */
function EnginePill() {
  const live = useLive();
  const linked = useStore(useLink().state).phase === 'open';
  const status = useStore(live.status);
  const info = useEngineInfo();
  const state = status?.state ?? 'connecting';
  const name = info.data ? `${info.data.kind === 'podman' ? 'Podman' : 'Docker'} ${info.data.version}` : 'Engine';
  const text = state === 'online' ? name : state === 'connecting' ? 'Connecting…' : 'Engine offline';
  const style =
    state === 'online'
      ? 'text-fg'
      : state === 'connecting'
        ? 'text-amber-800 dark:text-amber-300 border-amber-500/30 bg-amber-500/10'
        : 'text-red-700 dark:text-red-300 border-red-500/30 bg-red-500/10';
  const dot = state === 'online' ? 'bg-emerald-500' : state === 'connecting' ? 'bg-amber-500 animate-pulse' : 'bg-red-500';
  return (
    <a
      href={formatRoute({ view: 'engine', params: {} })}
      data-testid="engine-status"
      data-state={state}
      data-stale={linked ? undefined : 'true'}
      aria-label={`${linked ? '' : 'Last known: '}Engine ${state}${state === 'online' ? `: ${name}` : ''}${status?.endpoint ? ` at ${status.endpoint}` : ''}`}
      title={linked ? (status?.endpoint ?? undefined) : 'Last known state: Berth is reconnecting'}
      className={`inline-flex h-7 items-center gap-2 rounded-full border border-line bg-surface px-3 text-[12.5px] font-medium shadow-xs transition-colors hover:border-line-strong ${style} ${linked ? '' : 'opacity-50 grayscale'}`}
    >
      <span aria-hidden className={`size-2 rounded-full ${dot}`} />
      {text}
      {state === 'online' && status?.endpoint && <span className="hidden max-w-56 truncate font-mono text-[11.5px] font-normal text-faint md:inline">{status.endpoint}</span>}
    </a>
  );
}

export function Header({ view }: { view: View }) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-canvas px-5">
      <h1 className="text-[15px] font-semibold tracking-tight text-fg">{VIEW_TITLE[view]}</h1>
      <div className="ml-auto flex items-center gap-2">
        <PullButton />
        <EnginePill />
        <DialogHost />
      </div>
    </header>
  );
}

/** Shown while the link to Berth is down; everything below may be out of date. */
export function LinkBanner() {
  const link = useLink();
  const state = useStore(link.state);
  const now = useNow(250);
  if (state.phase === 'open' || (state.phase === 'connecting' && state.attempt === 0)) return null;
  const left = state.retryAt === null ? 0 : secondsUntil(state.retryAt, now);
  return (
    <div role="alert" data-testid="link-banner" data-phase={state.phase} className="flex items-center gap-3 border-b border-red-500/30 bg-red-500/10 px-5 py-2 text-[12.5px] text-red-900 dark:text-red-200">
      <WifiOff aria-hidden className="size-4 shrink-0" />
      <span className="min-w-0 flex-1">
        <span className="font-semibold">{state.wasOpen ? 'Lost the connection to Berth.' : 'Cannot reach Berth.'}</span>{' '}
        {state.phase === 'connecting' || left === 0 ? (
          <span className="inline-flex items-center gap-1">
            <Spinner className="size-3" /> Reconnecting…
          </span>
        ) : (
          <>Reconnecting in {left} s. What you see may be out of date.</>
        )}
      </span>
      <button
        type="button"
        onClick={link.retryNow}
        disabled={state.phase === 'connecting'}
        className="inline-flex h-7 items-center gap-1.5 rounded-md border border-red-500/30 bg-surface/60 px-2.5 font-medium hover:bg-surface disabled:opacity-50"
      >
        <RefreshCw aria-hidden className="size-3.5" />
        Reconnect now
      </button>
    </div>
  );
}
