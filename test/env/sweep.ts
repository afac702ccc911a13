// Leftovers of a run: processes that still reference the state directory (and
// their children), mounts under it. Used after a normal stop, before a start in
// a slot that a crashed run left behind, and from signal and exit handlers:
// hence synchronous.
import { readdirSync, readFileSync } from 'node:fs';
import { runSync, sleepSync } from './process';

interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
  startTime: string;
  cmdline: string[];
  cgroup: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    let cgroup = '';
    try {
      cgroup = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
    } catch {
      // gone, or not readable
    }
    return { pid, ppid: Number(fields[1]), state: fields[0] ?? '?', startTime: fields[19] ?? '', cmdline, cgroup };
  } catch {
    return undefined;
  }
}

function allProcs(): ProcInfo[] {
  const procs: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProc(Number(entry));
    if (info) procs.push(info);
  }
  return procs;
}

/** True if the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const info = readProc(pid);
  return !!info && info.state !== 'Z' && info.state !== 'X';
}

/** The kernel's start time of a process (to tell a pid from a reused one). */
export function startTimeOf(pid: number): string | undefined {
  return readProc(pid)?.startTime;
}

/**
 * Live processes whose command line names a path inside `dir`, or whose cgroup
 * path contains `cgroupMarker`, plus all their descendants. Never this process.
 */
export function leftoverProcesses(dir: string, cgroupMarker?: string): number[] {
  const procs = allProcs().filter((p) => p.state !== 'Z' && p.state !== 'X' && p.pid !== process.pid);
  const roots = new Set<number>();
  for (const p of procs) {
    const refersToDir = p.cmdline.some((arg) => arg === dir || arg.includes(`${dir}/`));
    const inCgroup = !!cgroupMarker && p.cgroup.includes(cgroupMarker);
    if (refersToDir || inCgroup) roots.add(p.pid);
  }
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const result = new Set<number>();
  const visit = (pid: number) => {
    if (result.has(pid) || pid === process.pid || pid <= 1) return;
    result.add(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  roots.forEach(visit);
  // Never our own ancestors (a run started from inside the state directory).
  for (let p = readProc(process.pid); p && p.ppid > 1; p = readProc(p.ppid)) result.delete(p.ppid);
  return [...result];
}

/** SIGKILL to every process, then wait (up to 5 s) until none is alive. */
export function killProcesses(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  const deadline = Date.now() + 5_000;
  while (pids.some(isAlive) && Date.now() < deadline) sleepSync(20);
}

function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Mount points at or under `dir`, deepest first. */
export function mountsUnder(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const points = new Set<string>();
  for (const line of text.split('\n')) {
    const mountPoint = line.split(' ')[4];
    if (!mountPoint) continue;
    const path = unescapeMountPath(mountPoint);
    if (path === dir || path.startsWith(`${dir}/`)) points.add(path);
  }
  return [...points].sort((a, b) => b.split('/').length - a.split('/').length || b.length - a.length);
}

/** Lazily unmounts everything under `dir` (stacked mounts included). */
export function unmountAll(dir: string): void {
  for (let round = 0; round < 5; round++) {
    const points = mountsUnder(dir);
    if (points.length === 0) return;
    for (const point of points) runSync('umount', ['-l', point]);
  }
  const left = mountsUnder(dir);
  if (left.length) throw new Error(`could not unmount under ${dir}: ${left.join(', ')}`);
}

/** Kills every leftover process of `dir`, then unmounts everything under it. */
export function sweep(dir: string, cgroupMarker?: string): void {
  for (let round = 0; round < 3; round++) {
    const pids = leftoverProcesses(dir, cgroupMarker);
    if (pids.length === 0) break;
    killProcesses(pids);
  }
  unmountAll(dir);
}
