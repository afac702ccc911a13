// Binds the API to Electron IPC: one channel, messages accepted only from the
// top frame of Berth's own window showing Berth's own page.
import { ipcMain, type BrowserWindow, type IpcMainEvent, type WebContents } from 'electron';
import type { ApiContext } from '../api/context';
import { serveApi } from '../api/dispatch';
import { IPC_CHANNEL } from '../api/channels';
import type { Router } from '../api/procedure';
import { IpcPipes } from './ipc-pipes';
import { isTrustedSender } from './trust';

export function bindIpc(router: Router, context: ApiContext, origins: readonly string[], ownWindows: () => BrowserWindow[], log: (line: string) => void): void {
  const pipes = new IpcPipes((pipe) => serveApi(router, context, pipe, { onInternalError: (path, error) => log(`internal error in ${path}: ${String(error)}`) }));
  const watched = new WeakSet<WebContents>();

  ipcMain.on(IPC_CHANNEL, (event: IpcMainEvent, message: unknown) => {
    const contents = event.sender;
    const frame = event.senderFrame;
    const trusted = isTrustedSender(
      { frameUrl: frame?.url, isTopFrame: frame !== null && frame.parent === null, isOwnWindow: ownWindows().some((w) => w.webContents === contents) },
      origins,
    );
    if (!trusted) {
      log(`refused an API message from ${frame?.url ?? 'a frame that is gone'}`);
      return;
    }
    if (!watched.has(contents)) {
      watched.add(contents);
      const close = () => pipes.close(contents.id);
      // A reload starts a new page whose client numbers its calls afresh.
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) close();
      });
      contents.on('render-process-gone', close);
      contents.on('destroyed', close);
    }
    pipes.deliver(contents.id, message, (out) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, out);
    });
  });
}
