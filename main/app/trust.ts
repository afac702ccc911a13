// Which pages are Berth's own. The packaged app serves the renderer from the
// app:// scheme; `npm start` (electron-vite dev) from its dev server.

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://berth`;

/** The origins whose top frame may use the API: the app's, and the dev server's when given. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) {
    try {
      const url = new URL(devServerUrl);
      if ((url.hostname === 'localhost' || url.hostname === '127.0.0.1') && url.protocol === 'http:') origins.push(url.origin);
    } catch {
      // A malformed dev URL trusts nothing more.
    }
  }
  return origins;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Non-special schemes (app:) report origin "null"; rebuild it from its parts.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export interface SenderFacts {
  /** The sending frame's URL, or undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** True when the sender is the top frame of its page (no iframe). */
  isTopFrame: boolean;
  /** True when the sender belongs to a window Berth opened. */
  isOwnWindow: boolean;
}

/** An IPC message is handled only from the top frame of Berth's own window, showing Berth's own page. */
export function isTrustedSender(sender: SenderFacts, origins: readonly string[]): boolean {
  if (!sender.isOwnWindow || !sender.isTopFrame || !sender.frameUrl) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== null && origins.includes(origin);
}

/** Navigation inside the window stays on Berth's own pages. */
export function isAllowedNavigation(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}
