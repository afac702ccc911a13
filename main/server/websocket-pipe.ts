// Adapts one WebSocket to the API's MessagePipe: JSON text frames in and out.
import type { WebSocket } from 'ws';
import type { ServerMessage, MessagePipe } from '../api/protocol';

export function webSocketPipe(socket: WebSocket): MessagePipe<ServerMessage, unknown> {
  return {
    send: (message) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    onMessage: (handler) =>
      socket.on('message', (data, isBinary) => {
        let parsed: unknown;
        try {
          parsed = isBinary ? undefined : JSON.parse(data.toString());
        } catch {
          parsed = undefined;
        }
        // Anything unparsable reaches the dispatcher as invalid and is answered there.
        handler(parsed);
      }),
    onClose: (handler) => socket.on('close', () => handler()),
  };
}
