// The wire protocol shared by both transports (Electron IPC and WebSocket).
// Messages are plain JSON-compatible objects; every incoming message is
// validated, because the other end may be a compromised renderer.
import { z } from 'zod';
import type { ApiErrorShape } from './procedure';

const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const path = z.string().min(1).max(100);

export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, path, input: z.unknown() }).strict(),
  z.object({ t: z.literal('sub'), id, path, input: z.unknown() }).strict(),
  z.object({ t: z.literal('unsub'), id }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { t: 'result'; id: number; data: unknown }
  | { t: 'error'; id: number; error: ApiErrorShape }
  | { t: 'data'; id: number; data: unknown }
  | { t: 'end'; id: number };

/** One end of a message channel: a WebSocket, an Electron port, or an in-memory pair in tests. */
export interface MessagePipe<Out, In> {
  send(message: Out): void;
  onMessage(handler: (message: In) => void): void;
  onClose(handler: () => void): void;
}

/**
 * What the preload script exposes to the renderer as `window.berth`: one
 * message pipe, nothing else (never ipcRenderer itself).
 */
export interface BerthBridge {
  send(message: ClientMessage): void;
  /** Returns a function that removes the handler. */
  onMessage(handler: (message: ServerMessage) => void): () => void;
}

