// What a user types to name a host: user@host[:port], [v6]:port, ssh://…, or
// an alias from ~/.ssh/config. Parsing says exactly what is wrong with it.

export interface SshTarget {
  user: string | null;
  host: string;
  port: number | null;
}

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

const HOST = /^[A-Za-z0-9._-]+$/;
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*\$?$/;

export function parsePort(text: string, what = 'port'): number {
  if (!/^\d{1,5}$/.test(text)) throw new TargetError(`The ${what} "${text}" is not a number from 1 to 65535.`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new TargetError(`The ${what} ${port} is outside 1–65535.`);
  return port;
}

export function parseTarget(input: string): SshTarget {
  let rest = input.trim();
  if (!rest) throw new TargetError('Enter a host: user@host, user@host:port, or an alias from ~/.ssh/config.');
  if (/\s/.test(rest)) throw new TargetError(`"${rest}" contains a space; a host is written user@host:port.`);
  if (rest.toLowerCase().startsWith('ssh://')) rest = rest.slice('ssh://'.length).replace(/\/$/, '');
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) throw new TargetError(`Only ssh:// addresses name an SSH host, not "${rest.split('://')[0]}://".`);
  if (rest.includes('/')) throw new TargetError(`"${input.trim()}" has a path; a host is written user@host:port.`);

  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!user) throw new TargetError('Nothing before "@": write the user name, as in root@server.');
    if (!USER.test(user)) throw new TargetError(`"${user}" is not a valid user name.`);
  }

  let host: string;
  let port: number | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw new TargetError(`"${rest}" opens "[" without closing it; an IPv6 address is written [::1]:22.`);
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after) {
      if (!after.startsWith(':')) throw new TargetError(`Unexpected "${after}" after "]".`);
      port = parsePort(after.slice(1));
    }
    if (!/^[0-9A-Fa-f:.]+$/.test(host) || !host.includes(':')) throw new TargetError(`"${host}" is not an IPv6 address.`);
  } else {
    const colons = rest.split(':').length - 1;
    if (colons > 1) throw new TargetError(`"${rest}" looks like an IPv6 address; write it in brackets: [${rest}]:22.`);
    const [h = '', p] = rest.split(':');
    host = h;
    if (p !== undefined) port = parsePort(p);
    if (!host) throw new TargetError('The host name is missing.');
    if (!HOST.test(host)) throw new TargetError(`"${host}" is not a valid host name.`);
  }
  return { user, host, port };
}

/** user@host:port as users write it, with brackets for IPv6. */
export function formatTarget(t: { user: string | null; host: string; port: number | null }): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return `${t.user ? `${t.user}@` : ''}${host}${t.port && t.port !== 22 ? `:${t.port}` : ''}`;
}
