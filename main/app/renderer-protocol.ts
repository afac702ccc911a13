// Serves the built renderer on app://berth/, a standard secure scheme, so the
// page has a real origin for the CSP and the IPC sender check.
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { readStaticFile } from '../server/static-files';
import { APP_SCHEME } from './trust';

/** Must run before the app is ready. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.contentType, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
