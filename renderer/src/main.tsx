// The renderer's entry: pick the pipe (the preload bridge in the desktop app,
// a WebSocket to `berth serve` in a browser), keep the link and live data for
// the page's lifetime, and render.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { LinkContext } from './app/hooks';
import { HostScope } from './app/host-scope';
import { createLink } from './rpc/link';
import { bridgePipe, serverSocketUrl, webSocketPipe } from './rpc/transport';
import './styles.css';

const bridge = window.berth;
const link = createLink({
  open: (onOpen) => {
    if (bridge) {
      const pipe = bridgePipe(bridge);
      onOpen();
      return pipe;
    }
    return webSocketPipe(serverSocketUrl(location), onOpen);
  },
});
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LinkContext value={link}>
        <HostScope api={link.api}>
          <App />
        </HostScope>
      </LinkContext>
    </QueryClientProvider>
  </StrictMode>,
);
