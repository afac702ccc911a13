import { describe, expect, it } from 'vitest';
import { IpcPipes } from '../../../main/app/ipc-pipes';
import { APP_ORIGIN, isAllowedNavigation, isTrustedSender, trustedOrigins } from '../../../main/app/trust';
import { mainWindowOptions } from '../../../main/app/window-options';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/csp';
import { checkExternalUrl } from '../../../main/security/external-url';
import type { ServerMessage } from '../../../main/api/protocol';

describe('the desktop window', () => {
  const options = mainWindowOptions({ preload: '/app/out/preload/index.cjs', icon: '/app/icon.png' }, true);

  it('isolates the page: sandbox, context isolation, no Node, no webview', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('has a strict CSP: nothing inline, nothing from elsewhere', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:|https:/);
  });
});

describe('which senders and navigations are trusted', () => {
  const origins = trustedOrigins(undefined);
  const own = { isTopFrame: true, isOwnWindow: true };

  it('trusts only the top frame of its own window showing the app page', () => {
    expect(isTrustedSender({ ...own, frameUrl: `${APP_ORIGIN}/index.html` }, origins)).toBe(true);
    expect(isTrustedSender({ ...own, frameUrl: `${APP_ORIGIN}/index.html`, isTopFrame: false }, origins)).toBe(false);
    expect(isTrustedSender({ ...own, frameUrl: `${APP_ORIGIN}/index.html`, isOwnWindow: false }, origins)).toBe(false);
    expect(isTrustedSender({ ...own, frameUrl: 'https://example.com/' }, origins)).toBe(false);
    expect(isTrustedSender({ ...own, frameUrl: 'app://evil/index.html' }, origins)).toBe(false);
    expect(isTrustedSender({ ...own, frameUrl: 'file:///tmp/x.html' }, origins)).toBe(false);
    expect(isTrustedSender({ ...own, frameUrl: undefined }, origins)).toBe(false);
  });

  it('trusts the dev server only when it is on loopback', () => {
    expect(trustedOrigins('http://localhost:5173')).toContain('http://localhost:5173');
    expect(trustedOrigins('http://192.0.2.1:5173')).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('not a url')).toEqual([APP_ORIGIN]);
  });

  it('keeps navigation on the app', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/images`, origins)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', origins)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', origins)).toBe(false);
  });

  it('hands only checked https links to the OS browser', () => {
    expect(checkExternalUrl('https://docs.docker.com/engine/')).toBe('https://docs.docker.com/engine/');
    expect(checkExternalUrl('http://example.com/')).toBeNull();
    expect(checkExternalUrl('file:///etc/passwd')).toBeNull();
    expect(checkExternalUrl('https://user:pw@example.com/')).toBeNull();
    expect(checkExternalUrl('javascript:alert(1)')).toBeNull();
    expect(checkExternalUrl('smb://share')).toBeNull();
  });
});

describe('IPC pipes per page', () => {
  it('answers each page on its own pipe and closes a page that went away', () => {
    const opened: Array<{ closed: boolean; received: unknown[] }> = [];
    const pipes = new IpcPipes((pipe) => {
      const state = { closed: false, received: [] as unknown[] };
      opened.push(state);
      pipe.onMessage((m) => {
        state.received.push(m);
        pipe.send({ t: 'result', id: 1, data: m });
      });
      pipe.onClose(() => (state.closed = true));
    });
    const replies: Record<number, ServerMessage[]> = { 1: [], 2: [] };
    pipes.deliver(1, 'a', (m) => replies[1]!.push(m));
    pipes.deliver(2, 'b', (m) => replies[2]!.push(m));
    pipes.deliver(1, 'c', (m) => replies[1]!.push(m));
    expect(opened).toHaveLength(2);
    expect(replies[1]!.map((m) => (m as { data: unknown }).data)).toEqual(['a', 'c']);
    expect(replies[2]!.map((m) => (m as { data: unknown }).data)).toEqual(['b']);
    pipes.close(1);
    expect(opened[0]!.closed).toBe(true);
    expect(opened[1]!.closed).toBe(false);
    expect(pipes.openPages).toBe(1);
    // The reloaded page gets a fresh pipe.
    pipes.deliver(1, 'd', () => {});
    expect(opened).toHaveLength(3);
  });
});
