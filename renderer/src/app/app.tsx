import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ContainersView } from '../views/containers-view';
import { ConnectionScreen } from '../views/connection-screen';
import { EngineView } from '../views/engine-view';
import { ImagesView } from '../views/images-view';
import { PodsView } from '../views/pods-view';
import { RuntimesView } from '../views/runtimes-view';
import { LayersView } from '../views/layers/layers-view';
import { ContainerView } from '../views/container/container-view';
import { NetworksView } from '../views/resources/networks-view';
import { VolumesView } from '../views/resources/volumes-view';
import { CriView } from '../views/cri/cri-view';
import { AllHostsView } from '../views/hosts/all-hosts-view';
import { ContainerStatsView } from '../views/stats/container-stats-view';
import { ResourcesView } from '../views/stats/resources-view';
import { AlertToasts } from '../views/stats/alert-toasts';
import { RegistryView } from '../views/registry/registry-view';
import { Spinner } from '../ui/controls';
import { VIEW_TITLE } from '../lib/route';
import { useLink, useLive, useStore, useView } from './hooks';
import { invalidateEngineInfo } from './queries';
import { Header, LinkBanner, Sidebar } from './shell';

/** How often list changes may refresh the engine's counts at most. */
const INFO_REFRESH_MS = 2000;

/**
 * Keeps request data in step with pushed data: engine info when the engine
 * comes online and (throttled) when the lists change; everything when the link
 * to Berth reopens after a loss.
 */
function useRefreshOnPush() {
  const client = useQueryClient();
  const live = useLive();
  const link = useLink();
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refreshInfo = () => {
      if (live.status.get()?.state !== 'online') return;
      const wait = last + INFO_REFRESH_MS - Date.now();
      if (wait <= 0) {
        last = Date.now();
        invalidateEngineInfo(client, live.host);
      } else if (timer === null) {
        timer = setTimeout(() => {
          timer = null;
          refreshInfo();
        }, wait);
      }
    };
    let wasOnline = live.status.get()?.state === 'online';
    const offStatus = live.status.subscribe(() => {
      const online = live.status.get()?.state === 'online';
      if (online && !wasOnline) {
        last = Date.now();
        invalidateEngineInfo(client, live.host);
      }
      wasOnline = online;
    });
    let opens = link.state.get().opens;
    const offLink = link.state.subscribe(() => {
      const next = link.state.get().opens;
      if (next > opens && opens > 0) void client.invalidateQueries();
      opens = next;
    });
    const offContainers = live.containers.subscribe(refreshInfo);
    const offImages = live.images.subscribe(refreshInfo);
    return () => {
      offStatus();
      offLink();
      offContainers();
      offImages();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, live, link]);
}

function Content() {
  const view = useView();
  const live = useLive();
  const status = useStore(live.status);
  const statusError = useStore(live.statusError);
  // A CRI runtime does not need the host's Docker or Podman engine (a Kubernetes node may have none).
  if (view === 'cri') return <CriView />;
  // Registries are browsed from Berth itself: no engine needed.
  if (view === 'registry') return <RegistryView />;
  // Every host at once: the chosen host's engine being down must not hide the others.
  if (view === 'hosts') return <AllHostsView />;
  if (!status) {
    return (
      <div role="status" data-testid="engine-waiting" className="flex flex-1 flex-col items-center justify-center gap-3 text-[13px] text-muted">
        <Spinner className="size-5 text-faint" />
        {statusError ? `Waiting for Berth: ${statusError}` : 'Contacting the engine…'}
      </div>
    );
  }
  if (status.state !== 'online') return <ConnectionScreen status={status} />;
  switch (view) {
    case 'engine':
      return <EngineView />;
    case 'images':
      return <ImagesView />;
    case 'containers':
      return <ContainersView />;
    case 'layers':
      return <LayersView />;
    case 'container':
      return <ContainerView />;
    case 'volumes':
      return <VolumesView />;
    case 'networks':
      return <NetworksView />;
    case 'resources':
      return <ResourcesView />;
    case 'stats':
      return <ContainerStatsView />;
    case 'pods':
      return <PodsView />;
    case 'runtimes':
      return <RuntimesView />;
  }
}

export function App() {
  const view = useView();
  useRefreshOnPush();
  useEffect(() => {
    document.title = `${VIEW_TITLE[view]} · Berth`;
  }, [view]);
  return (
    <div className="grid h-full grid-cols-[208px_minmax(0,1fr)] bg-canvas text-fg">
      <Sidebar />
      <div className="flex min-h-0 min-w-0 flex-col">
        <LinkBanner />
        <Header view={view} />
        <main className="flex min-h-0 flex-1 flex-col">
          <Content />
        </main>
        <AlertToasts />
      </div>
    </div>
  );
}
