// Electron's security checklist, applied to every web contents Berth creates:
// no new windows, no navigation away, no permissions, a CSP on every response.
import { app, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { checkExternalUrl } from '../security/external-url';
import { isAllowedNavigation } from './trust';

export function hardenSessions(origins: readonly string[]): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, origins)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, origins)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the user's browser, and only checked https ones.
      const external = checkExternalUrl(url);
      if (external) void shell.openExternal(external);
      return { action: 'deny' };
    });
  });
}
