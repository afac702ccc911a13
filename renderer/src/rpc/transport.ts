// Picks the pipe the renderer talks through: the preload's bridge inside the
// desktop app, a WebSocket to `berth serve` in a browser.
import type { BerthBridge, ClientMessage, MessagePipe, ServerMessage } from '../../../main/api/protocol';
import { WS_PATH } from '../../../main/api/channels';

declare global {
  interface Window {
    berth?: BerthBridge;
  }
}

export function bridgePipe(bridge: BerthBridge): MessagePipe<ClientMessage, ServerMessage> {
  return {
    send: (message) => bridge.send(message),
    onMessage: (handler) => void bridge.onMessage(handler),
    // The IPC pipe lives as long as the window does.
    onClose: () => {},
  };
}

/**
 * A WebSocket pipe; messages sent before it opens are queued. `onOpen` runs
 * once the socket is open (the reconnecting link uses it to reset its backoff).
 */
export function webSocketPipe(url: string, onOpen?: () => void): MessagePipe<ClientMessage, ServerMessage> {
  const socket = new WebSocket(url);
  const queue: string[] = [];
  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
    onOpen?.();
  });
  return {
    send: (message) => {
      const text = JSON.stringify(message);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    },
    onMessage: (handler) => socket.addEventListener('message', (event) => handler(JSON.parse(String(event.data)) as ServerMessage)),
    onClose: (handler) => socket.addEventListener('close', () => handler()),
  };
}

/** The WebSocket URL of the server that served this page (the token travels in its cookie). */
export function serverSocketUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}`;
}
