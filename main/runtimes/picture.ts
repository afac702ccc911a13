// How an engine sits on the low-level runtimes of its host: dockerd hands
// containers to containerd (namespace "moby"), whose shims run them with
// runc; Podman runs runc itself through conmon. Read-only: the process table,
// `ctr … ls -q` and `runc list`, here or over SSH.
import type { ContainerRow, EngineKind } from '../engines/types';
import { findDockerd, parseLines, parseProcessTable, parseRuncList, PROCESS_TABLE_SCRIPT, type DockerdSetup, type RuncContainer } from './low-level';
import type { HostShell, ShellResult } from './shell';

export interface ContainerdView {
  address: string;
  /** Started by dockerd itself rather than by the system. */
  managed: boolean;
  namespaces: { name: string; containers: string[] }[];
  error: string | null;
}

export interface RuncView {
  root: string;
  containers: RuncContainer[];
  error: string | null;
}

/** One of the engine's containers, followed down the stack. */
export interface PictureRow {
  id: string;
  name: string;
  state: ContainerRow['state'];
  /** The containerd namespace that holds it, or null. */
  containerdNamespace: string | null;
  /** runc's record of it, or null when runc has none (a stopped container has no runc state). */
  runc: { status: string; pid: number } | null;
}

export interface RuntimePicture {
  kind: EngineKind;
  /** The engine's socket on its host. */
  socket: string;
  dockerd: DockerdSetup | null;
  containerd: ContainerdView | null;
  runc: RuncView | null;
  rows: PictureRow[];
  /** runc containers in the same root that the engine does not list (another engine's, or leftovers). */
  others: RuncContainer[];
  /** What could not be read, and why. */
  notes: string[];
}

export interface PictureInput {
  kind: EngineKind;
  socket: string;
  rootless: boolean;
  containers: ContainerRow[];
}

/** Where rootful Podman's runc keeps state: runc's own default root. */
const PODMAN_RUNC_ROOT = '/run/runc';

function failure(what: string, result: ShellResult): string {
  const text = (result.stderr || result.stdout).trim();
  if (result.code === 127) return `${what}: the command is not installed on this host.`;
  if (/permission denied|operation not permitted/i.test(text)) return `${what}: permission denied; the runtimes' state belongs to root, so run Berth (or connect over SSH) as root to see it. (${text})`;
  return `${what} failed${result.code === null ? '' : ` (exit ${result.code})`}: ${text || 'no message'}`;
}

async function runcList(shell: HostShell, root: string, signal?: AbortSignal): Promise<RuncView> {
  const argv = ['runc', '--root', root, 'list', '--format', 'json'];
  const result = await shell.run(argv, signal);
  if (result.code !== 0) return { root, containers: [], error: failure(argv.join(' '), result) };
  try {
    return { root, containers: parseRuncList(result.stdout), error: null };
  } catch (err) {
    return { root, containers: [], error: `runc list printed something that is not JSON: ${(err as Error).message}` };
  }
}

async function containerdView(shell: HostShell, address: string, managed: boolean, signal?: AbortSignal): Promise<ContainerdView> {
  const view: ContainerdView = { address, managed, namespaces: [], error: null };
  const ns = await shell.run(['ctr', '--address', address, 'namespaces', 'ls', '-q'], signal);
  if (ns.code !== 0) return { ...view, error: failure(`ctr --address ${address} namespaces ls`, ns) };
  for (const name of parseLines(ns.stdout)) {
    const list = await shell.run(['ctr', '--address', address, '-n', name, 'containers', 'ls', '-q'], signal);
    if (list.code !== 0) return { ...view, error: failure(`ctr -n ${name} containers ls`, list) };
    view.namespaces.push({ name, containers: parseLines(list.stdout) });
  }
  return view;
}

export async function readRuntimePicture(shell: HostShell, input: PictureInput, signal?: AbortSignal): Promise<RuntimePicture> {
  const notes: string[] = [];
  let dockerd: DockerdSetup | null = null;
  let containerd: ContainerdView | null = null;
  let runc: RuncView | null = null;
  if (input.kind === 'docker') {
    const ps = await shell.run(['sh', '-c', PROCESS_TABLE_SCRIPT], signal);
    if (ps.code !== 0 && !ps.stdout) notes.push(failure('Reading the process table', ps));
    dockerd = findDockerd(parseProcessTable(ps.stdout), input.socket);
    if (!dockerd) {
      notes.push(`No dockerd serving ${input.socket} runs on this host's process table: the engine may run in a virtual machine (Docker Desktop, Colima) or another container, where its runtimes cannot be seen from here.`);
    } else {
      containerd = await containerdView(shell, dockerd.containerdAddress, dockerd.containerdManaged, signal);
      runc = await runcList(shell, dockerd.runcRoot, signal);
    }
  } else if (input.rootless) {
    notes.push('Rootless Podman keeps runc state in the user\'s runtime directory; Berth reads rootful engines\' runc state only.');
  } else {
    runc = await runcList(shell, PODMAN_RUNC_ROOT, signal);
  }
  for (const error of [containerd?.error, runc?.error]) if (error) notes.push(error);
  return { kind: input.kind, socket: input.socket, dockerd, containerd, runc, notes, ...matchContainers(input.containers, containerd, runc) };
}

/** Follows each engine container by its id: Docker's ids are containerd's and runc's ids too, as are Podman's runc ids. */
export function matchContainers(containers: ContainerRow[], containerd: ContainerdView | null, runc: RuncView | null): { rows: PictureRow[]; others: RuncContainer[] } {
  const byId = new Map((runc?.containers ?? []).map((c) => [c.id, c]));
  const rows = containers
    .map((c) => {
      const r = byId.get(c.id);
      return {
        id: c.id,
        name: c.name,
        state: c.state,
        containerdNamespace: containerd?.namespaces.find((n) => n.containers.includes(c.id))?.name ?? null,
        runc: r ? { status: r.status, pid: r.pid } : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const known = new Set(containers.map((c) => c.id));
  return { rows, others: (runc?.containers ?? []).filter((c) => !known.has(c.id)) };
}
