// One API pipe per renderer page. A page that reloads or goes away gets its
// pipe closed, which stops every subscription it had open.
import type { MessagePipe, ServerMessage } from '../api/protocol';

interface Entry {
  handlers: Array<(message: unknown) => void>;
  closers: Array<() => void>;
}

export class IpcPipes {
  private readonly entries = new Map<number, Entry>();

  /** `open` is called once per page, with the pipe to serve the API on. */
  constructor(private readonly open: (pipe: MessagePipe<ServerMessage, unknown>) => void) {}

  /** A message from page `pageId`; `reply` sends back to that page. */
  deliver(pageId: number, message: unknown, reply: (message: ServerMessage) => void): void {
    let entry = this.entries.get(pageId);
    if (!entry) {
      const created: Entry = { handlers: [], closers: [] };
      entry = created;
      this.entries.set(pageId, created);
      this.open({
        send: (out) => {
          if (this.entries.get(pageId) === created) reply(out);
        },
        onMessage: (handler) => void created.handlers.push(handler),
        onClose: (handler) => void created.closers.push(handler),
      });
    }
    for (const handler of entry.handlers) handler(message);
  }

  close(pageId: number): void {
    const entry = this.entries.get(pageId);
    if (!entry) return;
    this.entries.delete(pageId);
    for (const closer of entry.closers) closer();
  }

  get openPages(): number {
    return this.entries.size;
  }
}
