/**
 * The only links Berth hands to the OS browser: https, with a host, and no
 * credentials in them. Returns the normalised URL, or null to refuse.
 */
export function checkExternalUrl(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return null;
  return url.href;
}
