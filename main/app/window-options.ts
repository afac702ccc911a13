// The main window's options, apart from Electron so tests can check every
// security setting without the Electron binary.
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(paths: { preload: string; icon: string }, dark: boolean): BrowserWindowConstructorOptions {
  return {
    title: 'Berth',
    width: 1320,
    height: 840,
    minWidth: 880,
    minHeight: 560,
    show: false, // shown on ready-to-show, so no white flash
    backgroundColor: dark ? '#0b0f14' : '#ffffff',
    icon: paths.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
