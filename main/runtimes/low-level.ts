// What the low-level tools print, read without trusting its shape: the
// process table (to find how dockerd was started), `runc list --format json`,
// and `ctr … ls -q`. Pure: the callers run the commands.
import { arr, num, obj, str } from '../engines/json';

/** Lists every process as "PID<US>arg<US>arg…", one a line (US = \x1f): arguments keep their spaces. */
export const PROCESS_TABLE_SCRIPT = `for d in /proc/[0-9]*; do c=$(tr '\\000' '\\037' < "$d/cmdline" 2>/dev/null) && [ -n "$c" ] && printf '%s\\037%s\\n' "\${d#/proc/}" "$c"; done`;

export interface ProcessEntry {
  pid: number;
  argv: string[];
}

export function parseProcessTable(text: string): ProcessEntry[] {
  return text
    .split('\n')
    .map((line) => line.split('\x1f').filter((part, k, all) => !(k === all.length - 1 && part === '')))
    .filter((parts) => parts.length >= 2 && /^\d+$/.test(parts[0]!))
    .map(([pid, ...argv]) => ({ pid: Number(pid), argv }));
}

/** How a dockerd was started: where its runtime state and its containerd are. */
export interface DockerdSetup {
  pid: number;
  /** --exec-root, by default /var/run/docker. */
  execRoot: string;
  /** --containerd, or the containerd dockerd starts itself under its exec root. */
  containerdAddress: string;
  /** True when dockerd runs containerd itself (no --containerd given). */
  containerdManaged: boolean;
  /** Where dockerd's runc shims keep container state: <exec-root>/runtime-runc/moby. */
  runcRoot: string;
}

/** Every value of a flag, in --flag VALUE, --flag=VALUE and (for short ones) -f VALUE forms. */
function flagValues(argv: string[], names: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    for (const name of names) {
      if (a === name && k + 1 < argv.length) out.push(argv[++k]!);
      else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
    }
  }
  return out;
}

const DEFAULT_DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

/** The dockerd process serving a unix socket (by its -H flags, or the default socket when it has none). */
export function findDockerd(processes: ProcessEntry[], socketPath: string): DockerdSetup | null {
  for (const p of processes) {
    const bin = p.argv[0]?.split('/').pop();
    if (bin !== 'dockerd') continue;
    const hosts = flagValues(p.argv, ['--host', '-H']).map((h) => h.replace(/^unix:\/\//, '').replace(/^fd:\/\/$/, '/var/run/docker.sock'));
    const serves = hosts.length ? hosts.includes(socketPath) : DEFAULT_DOCKER_SOCKETS.includes(socketPath);
    if (!serves) continue;
    const execRoot = flagValues(p.argv, ['--exec-root']).pop() ?? '/var/run/docker';
    const containerd = flagValues(p.argv, ['--containerd']).pop();
    return {
      pid: p.pid,
      execRoot,
      containerdAddress: containerd ?? `${execRoot}/containerd/containerd.sock`,
      containerdManaged: containerd === undefined,
      runcRoot: `${execRoot}/runtime-runc/moby`,
    };
  }
  return null;
}

/** One container as runc keeps it. */
export interface RuncContainer {
  id: string;
  pid: number;
  /** created, running, paused, stopped */
  status: string;
  bundle: string;
  /** RFC 3339. */
  created: string;
  owner: string;
}

/** `runc list --format json` prints an array, or null when there is none. */
export function parseRuncList(text: string): RuncContainer[] {
  const raw: unknown = text.trim() === '' ? null : JSON.parse(text);
  return arr(raw)
    .map((r) => {
      const c = obj(r);
      return { id: str(c['id']), pid: num(c['pid']), status: str(c['status']), bundle: str(c['bundle']), created: str(c['created']), owner: str(c['owner']) };
    })
    .filter((c) => c.id !== '');
}

/** `ctr … ls -q`: one name a line. */
export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
