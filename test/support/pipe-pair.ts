// Two connected in-memory message pipes, as a transport would give: each
// message goes through JSON, like the WebSocket and IPC transports.
import type { ClientMessage, MessagePipe, ServerMessage } from '../../main/api/protocol';

export interface PipePair {
  client: MessagePipe<ClientMessage, ServerMessage>;
  server: MessagePipe<ServerMessage, unknown>;
  /** Raw text from the client side, as a compromised renderer could send. */
  sendRaw(value: unknown): void;
  close(): void;
  /** Every message the server sent, in order. */
  sent: ServerMessage[];
}

export function pipePair(): PipePair {
  const toServer: Array<(m: unknown) => void> = [];
  const toClient: Array<(m: ServerMessage) => void> = [];
  const closers: Array<() => void> = [];
  const sent: ServerMessage[] = [];
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    sent,
    client: {
      send: (m) => queueMicrotask(() => toServer.forEach((h) => h(copy(m)))),
      onMessage: (h) => void toClient.push(h),
      onClose: (h) => void closers.push(h),
    },
    server: {
      send: (m) => {
        sent.push(m);
        queueMicrotask(() => toClient.forEach((h) => h(copy(m))));
      },
      onMessage: (h) => void toServer.push(h),
      onClose: (h) => void closers.push(h),
    },
    sendRaw: (value) => queueMicrotask(() => toServer.forEach((h) => h(value))),
    close: () => closers.forEach((h) => h()),
  };
}
