// known_hosts as OpenSSH reads it: plain and [host]:port names, pattern lists,
// hashed names (|1|salt|HMAC-SHA1(salt, name)), @revoked and @cert-authority.
// Pure: the caller passes the file's text and the key the server offered.
import { createHash, createHmac } from 'node:crypto';
import { matchPatternList } from './patterns';

export interface HostKey {
  /** e.g. ssh-ed25519 */
  type: string;
  /** The key blob as in known_hosts (base64). */
  base64: string;
}

interface Entry {
  marker: 'revoked' | 'cert-authority' | null;
  names: string;
  key: HostKey;
  line: number;
}

export type HostKeyVerdict =
  | { status: 'known' }
  | { status: 'unknown'; fingerprint: string }
  | { status: 'changed'; fingerprint: string; knownTypes: string[]; lines: number[] }
  | { status: 'revoked'; fingerprint: string; line: number };

/** The name known_hosts stores: host for port 22, else [host]:port. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** SHA256:… as `ssh-keygen -lf` and ssh's prompt print it (base64 without padding). */
export function fingerprintOf(keyBlob: Buffer | string): string {
  const blob = typeof keyBlob === 'string' ? Buffer.from(keyBlob, 'base64') : keyBlob;
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function parseKnownHosts(text: string): Entry[] {
  const entries: Entry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    let marker: Entry['marker'] = null;
    if (fields[0].startsWith('@')) {
      const m = fields.shift()!.slice(1);
      if (m !== 'revoked' && m !== 'cert-authority') return;
      marker = m;
    }
    const [names, type, base64] = fields;
    if (!names || !type || !base64) return;
    entries.push({ marker, names, key: { type, base64 }, line: i + 1 });
  });
  return entries;
}

function hashedMatches(field: string, name: string): boolean {
  const [, magic, salt, hash] = field.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/** Whether an entry's names cover host:port (hashed entries hold one name). */
function namesMatch(names: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (names.startsWith('|')) return hashedMatches(names, name);
  return matchPatternList(names.split(','), name);
}

const sameKey = (a: HostKey, b: HostKey) => a.type === b.type && Buffer.from(a.base64, 'base64').equals(Buffer.from(b.base64, 'base64'));

/**
 * Checks the key a server offered. A key revoked anywhere is refused; a key
 * listed for the host is known; a host listed with other keys has CHANGED
 * (refused: it may be an attacker); a host not listed is unknown (ask).
 * @cert-authority lines vouch for certificates, not plain keys, so they
 * neither accept nor flag a plain key.
 */
export function checkHostKey(knownHostsText: string, host: string, port: number, offered: HostKey): HostKeyVerdict {
  const entries = parseKnownHosts(knownHostsText);
  const fingerprint = fingerprintOf(offered.base64);
  const revoked = entries.find((e) => e.marker === 'revoked' && sameKey(e.key, offered));
  if (revoked) return { status: 'revoked', fingerprint, line: revoked.line };
  const forHost = entries.filter((e) => e.marker === null && namesMatch(e.names, host, port));
  if (forHost.some((e) => sameKey(e.key, offered))) return { status: 'known' };
  if (forHost.length) return { status: 'changed', fingerprint, knownTypes: [...new Set(forHost.map((e) => e.key.type))], lines: forHost.map((e) => e.line) };
  return { status: 'unknown', fingerprint };
}

/** Key types known_hosts lists for host:port, so the client asks the server for one of them first (as ssh does). */
export function knownKeyTypes(knownHostsText: string, host: string, port: number): string[] {
  return [...new Set(parseKnownHosts(knownHostsText).filter((e) => e.marker === null && namesMatch(e.names, host, port)).map((e) => e.key.type))];
}

/** The line to append for an accepted key. */
export function knownHostsLine(host: string, port: number, key: HostKey): string {
  return `${knownHostsName(host, port)} ${key.type} ${key.base64}`;
}
