// The whole bridge between the page and main: one message pipe on one
// channel. The page never sees ipcRenderer, events or Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL } from '../main/api/channels';
import type { BerthBridge, ServerMessage } from '../main/api/protocol';

const bridge: BerthBridge = {
  send: (message) => ipcRenderer.send(IPC_CHANNEL, message),
  onMessage: (handler) => {
    const listener = (_event: IpcRendererEvent, message: ServerMessage) => handler(message);
    ipcRenderer.on(IPC_CHANNEL, listener);
    return () => void ipcRenderer.removeListener(IPC_CHANNEL, listener);
  },
};

contextBridge.exposeInMainWorld('berth', bridge);
