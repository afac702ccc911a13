// Spawning the environment's daemons, waiting until they answer, stopping them,
// and running one-shot commands.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** PATH with the sbin directories daemons live in (dockerd, sshd, docker-proxy). */
export const PATH = [
  ...new Set([
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
    '/usr/local/sbin',
    '/usr/local/bin',
    '/usr/sbin',
    '/usr/bin',
    '/sbin',
    '/bin',
  ]),
].join(delimiter);

/** The absolute path of an executable on PATH, or undefined. */
export function which(command: string): string | undefined {
  if (command.includes('/')) return isExecutable(command) ? command : undefined;
  for (const dir of PATH.split(delimiter)) {
    const candidate = join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The last lines of a log file, for error messages. */
export function tail(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface Daemon {
  name: string;
  pid: number;
  logFile: string;
  child: ChildProcess;
  /** Resolves when the process has exited (or failed to spawn). */
  exited: Promise<void>;
  /** Set once the process has exited: its code or signal. */
  exit?: { code: number | null; signal: NodeJS.Signals | null; error?: Error };
}

export interface SpawnOptions {
  logFile: string;
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Run under tini as a child subreaper: processes the daemon daemonizes
   * (containerd's shims, podman's conmon) are reaped by it instead of becoming
   * zombies of an init that does not reap (as on some build machines).
   */
  reaper?: boolean;
}

const tini = which('docker-init') ?? which('tini');

/**
 * Starts a long-running process in its own process group (so that stopping it
 * also stops what it spawned in that group), with stdout and stderr appended to
 * a log file. The process does not keep the Node event loop alive.
 */
export function spawnDaemon(name: string, command: string, args: string[], options: SpawnOptions): Daemon {
  const fd = openSync(options.logFile, 'a');
  if (options.reaper && tini) {
    args = ['-s', '-g', '--', command, ...args];
    command = tini;
  }
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      cwd: options.cwd,
      env: { ...process.env, PATH, ...options.env },
    });
  } finally {
    closeSync(fd);
  }
  const daemon: Daemon = { name, pid: child.pid ?? -1, logFile: options.logFile, child, exited: Promise.resolve() };
  daemon.exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      daemon.exit ??= { code, signal };
      resolve();
    });
    child.once('error', (error) => {
      daemon.exit ??= { code: null, signal: null, error };
      resolve();
    });
  });
  child.unref();
  return daemon;
}

/**
 * Polls `probe` until it returns true. Fails early, with the end of the log,
 * if the daemon exits first; fails after `timeoutMs`.
 */
export async function waitReady(daemon: Daemon, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (daemon.exit) {
      const how = daemon.exit.error
        ? daemon.exit.error.message
        : `exited with ${daemon.exit.signal ?? `code ${daemon.exit.code}`}`;
      throw new Error(`${daemon.name} ${how} before it was ready. End of ${daemon.logFile}:\n${tail(daemon.logFile)}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`${daemon.name} not ready after ${timeoutMs} ms. End of ${daemon.logFile}:\n${tail(daemon.logFile)}`);
    }
    await sleep(50);
  }
}

/** SIGTERM to the daemon's process group, SIGKILL after `graceMs`. */
export async function stopDaemon(daemon: Daemon | undefined, graceMs = 10_000): Promise<void> {
  if (!daemon || daemon.exit || daemon.pid <= 0) return;
  signalGroup(daemon.pid, 'SIGTERM');
  if (!(await exitsWithin(daemon, graceMs))) {
    signalGroup(daemon.pid, 'SIGKILL');
    await exitsWithin(daemon, 3_000);
  }
}

/** Whether the daemon exits within `ms` (the timer does not outlive the wait). */
async function exitsWithin(daemon: Daemon, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([daemon.exited.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  input?: string | Buffer;
  timeoutMs?: number;
}

/** Runs a command to completion; rejects with its stderr when it fails. Resolves to stdout. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, PATH, ...options.env },
        maxBuffer: 256 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr).trim() || error.message;
          reject(new Error(`\`${command} ${args.join(' ')}\` failed: ${detail}`, { cause: error }));
        } else {
          resolve(String(stdout));
        }
      },
    );
    // Commands never wait on a terminal: stdin is the input, or closed.
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Runs a short command synchronously (cleanup that must also work in an exit handler); stdout, or undefined on failure. */
export function runSync(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, {
      env: { ...process.env, PATH },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}

/** Blocks the thread (cleanup in an exit handler cannot await). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
