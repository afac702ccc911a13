// ~/.ssh/config as OpenSSH reads it, for one alias: the first value obtained
// for each option wins, Host blocks match by pattern (* ? !), IdentityFile
// accumulates. Pure: the caller passes the file's text and the local user.
// `Match exec` is never run (it would execute a command from a file); a Match
// block that needs it does not apply, and the resolution says so in notes.
import { matchPatternList } from './patterns';
import { parsePort } from './target';

export interface ConfigLine {
  keyword: string; // lower case
  args: string[];
  line: number;
}

interface Block {
  kind: 'all' | 'host' | 'match';
  args: string[];
  line: number;
  options: ConfigLine[];
}

export interface LocalUser {
  name: string;
  home: string;
}

export interface ResolvedHost {
  /** What the user typed. */
  alias: string;
  hostname: string;
  user: string | null;
  port: number;
  /** Expanded paths, in the order ssh tries them; empty when the config names none. */
  identityFiles: string[];
  /** Only these identities (IdentitiesOnly yes): the agent's other keys are not offered. */
  identitiesOnly: boolean;
  /** Hops as written (user@host:port or aliases), first hop first. */
  proxyJump: string[];
  /** What Berth did not honour, for the user. */
  notes: string[];
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? '');
  return out;
}

export function parseConfigLines(text: string): ConfigLine[] {
  const lines: ConfigLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(trimmed);
    if (!m) return;
    lines.push({ keyword: m[1]!.toLowerCase(), args: tokenize(m[2]!), line: i + 1 });
  });
  return lines;
}

function blocksOf(lines: ConfigLine[]): Block[] {
  const blocks: Block[] = [{ kind: 'all', args: [], line: 0, options: [] }];
  for (const l of lines) {
    if (l.keyword === 'host') blocks.push({ kind: 'host', args: l.args, line: l.line, options: [] });
    else if (l.keyword === 'match') blocks.push({ kind: 'match', args: l.args, line: l.line, options: [] });
    else blocks[blocks.length - 1]!.options.push(l);
  }
  return blocks;
}

/** Whether a Match block applies; criteria Berth cannot evaluate make it not apply, with a note. */
function matchApplies(block: Block, state: { alias: string; hostname: string; user: string | null; local: LocalUser }, notes: string[]): boolean {
  const args = block.args;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]!;
    const negate = raw.startsWith('!');
    const criterion = (negate ? raw.slice(1) : raw).toLowerCase();
    if (criterion === 'all') continue;
    if (criterion === 'canonical' || criterion === 'final') {
      // Berth does no host name canonicalisation and resolves in one pass.
      notes.push(`Line ${block.line}: "Match ${criterion}" is not supported; its options were ignored.`);
      return false;
    }
    const value = args[++i];
    if (value === undefined) {
      notes.push(`Line ${block.line}: "Match ${criterion}" has no argument; its options were ignored.`);
      return false;
    }
    let hit: boolean;
    switch (criterion) {
      case 'exec':
        notes.push(`Line ${block.line}: "Match exec" is never run by Berth; its options were ignored.`);
        return false;
      case 'host':
        hit = matchPatternList(value.split(','), state.hostname);
        break;
      case 'originalhost':
        hit = matchPatternList(value.split(','), state.alias);
        break;
      case 'user':
        hit = matchPatternList(value.split(','), state.user ?? state.local.name);
        break;
      case 'localuser':
        hit = matchPatternList(value.split(','), state.local.name);
        break;
      default:
        notes.push(`Line ${block.line}: "Match ${criterion}" is not supported; its options were ignored.`);
        return false;
    }
    if (hit === negate) return false;
  }
  return true;
}

/** ~ and the tokens OpenSSH expands in IdentityFile: %h host, %p port, %r remote user, %u local user, %n alias, %d home, %%. */
export function expandPath(path: string, t: { hostname: string; port: number; user: string; alias: string; local: LocalUser }): string {
  const home = t.local.home.replace(/\/$/, '');
  const tilde = path === '~' ? home : path.startsWith('~/') ? `${home}/${path.slice(2)}` : path;
  return tilde.replace(/%([%hprund])/g, (_, c: string) => {
    switch (c) {
      case 'h':
        return t.hostname;
      case 'p':
        return String(t.port);
      case 'r':
        return t.user;
      case 'u':
        return t.local.name;
      case 'n':
        return t.alias;
      case 'd':
        return home;
      default:
        return '%';
    }
  });
}

/**
 * Resolves an alias against the config text. `given` is what the user typed
 * beside it (user@alias:port): typed values win over the file, as with ssh.
 */
export function resolveHost(configText: string, alias: string, local: LocalUser, given: { user?: string | null; port?: number | null } = {}): ResolvedHost {
  const notes: string[] = [];
  const got = new Map<string, string[]>();
  const identity: string[] = [];
  const blocks = blocksOf(parseConfigLines(configText));
  let hostname = alias;
  for (const block of blocks) {
    if (block.kind === 'host' && !matchPatternList(block.args, alias)) continue;
    if (block.kind === 'match') {
      const user = got.get('user')?.[0] ?? given.user ?? null;
      if (!matchApplies(block, { alias, hostname, user, local }, notes)) continue;
    }
    for (const option of block.options) {
      if (option.keyword === 'identityfile') {
        if (option.args[0]) identity.push(option.args[0]);
      } else if (option.keyword === 'include') {
        if (!notes.some((n) => n.includes('Include'))) notes.push(`Line ${option.line}: Include is not followed; options in included files were not read.`);
      } else if (!got.has(option.keyword)) {
        got.set(option.keyword, option.args);
        if (option.keyword === 'hostname' && option.args[0]) hostname = option.args[0].replace(/%h/g, alias).replace(/%%/g, '%');
      }
    }
  }
  const first = (k: string) => got.get(k)?.[0];
  const portText = first('port');
  const port = given.port ?? (portText ? parsePort(portText, `Port in ~/.ssh/config for "${alias}"`) : 22);
  const user = given.user ?? first('user') ?? null;
  const jump = first('proxyjump');
  const expand = { hostname, port, user: user ?? local.name, alias, local };
  if (first('proxycommand') && first('proxycommand')!.toLowerCase() !== 'none') notes.push('ProxyCommand is not run by Berth; use ProxyJump instead.');
  return {
    alias,
    hostname,
    user,
    port,
    identityFiles: identity.filter((p) => p.toLowerCase() !== 'none').map((p) => expandPath(p, expand)),
    identitiesOnly: first('identitiesonly')?.toLowerCase() === 'yes',
    proxyJump: jump && jump.toLowerCase() !== 'none' ? jump.split(',').map((s) => s.trim()).filter(Boolean) : [],
    notes,
  };
}
