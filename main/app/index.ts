// The desktop app: one hardened window showing the renderer, the API bound to
// IPC, the local engine's session. Everything else lives outside Electron.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, nativeTheme } from 'electron';
import { contextFromSessions } from '../api/create-context';
import { router } from '../api/router';
import { openHosts, openRegistries, openSessions } from '../commands/sessions';
import { electronKeychain } from '../../native/electron-keychain';
import { bindIpc } from './ipc';
import { registerRendererScheme, serveRenderer } from './renderer-protocol';
import { hardenSessions } from './security';
import { APP_ORIGIN, trustedOrigins } from './trust';
import { mainWindowOptions } from './window-options';

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const origins = trustedOrigins(devServerUrl);
const log = (line: string) => console.error(`berth: ${line}`);

registerRendererScheme();
// A second launch focuses the running app instead of opening its own engine sessions.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

const sessions = primary ? openSessions() : new Map<string, never>();
const windows: BrowserWindow[] = [];

function openWindow(): void {
  const window = new BrowserWindow(
    mainWindowOptions({ preload: join(here, '../preload/index.cjs'), icon: join(here, '../../assets/icon.png') }, nativeTheme.shouldUseDarkColors),
  );
  windows.push(window);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => windows.splice(windows.indexOf(window), 1));
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

void app.whenReady().then(async () => {
  if (!primary) return;
  hardenSessions(origins);
  serveRenderer(join(here, '../renderer'));
  // safeStorage answers only once the app is ready.
  const secrets = electronKeychain(app.getPath('userData'));
  const hosts = await openHosts(sessions, app.getPath('userData'), secrets).catch((error: unknown) => {
    log(`saved hosts could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  const registries = await openRegistries(app.getPath('userData'), secrets).catch((error: unknown) => {
    log(`saved registries could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  bindIpc(router, contextFromSessions(sessions, { hosts, secrets, registries, homeDir: app.getPath('home') }), origins, () => windows, log);
  openWindow();
  app.on('activate', () => {
    if (windows.length === 0) openWindow();
  });
});

app.on('second-instance', () => {
  const [window] = windows;
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  for (const session of sessions.values()) void session.close();
});
