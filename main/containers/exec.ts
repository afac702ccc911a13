// An interactive shell in a container over the engine's exec stream, with a
// TTY. The subscription owns the session; input and resize reach it by its
// id, an unguessable token that lives only as long as the subscription.
import type Docker from 'dockerode';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ApiError } from '../api/procedure';
import { engineJson } from '../engines/engine-call';
import { inspectContainer } from './actions';

export type ExecEvent = { type: 'ready'; session: string } | { type: 'output'; data: string } | { type: 'exit'; code: number | null };

/** bash when the image has it, else sh: images with only busybox work too. */
export const DEFAULT_SHELL = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

interface Session {
  stream: Duplex;
  exec: Docker.Exec;
}

const sessions = new Map<string, Session>();

export async function* execShell(docker: Docker, id: string, options: { cmd: string[]; cols: number; rows: number }, signal: AbortSignal): AsyncGenerator<ExecEvent> {
  const container = await inspectContainer(docker, id, signal);
  const name = container.Name.replace(/^\//, '');
  if (!container.State.Running) throw new ApiError('BAD_INPUT', `${name} is not running: start it to open a terminal.`);
  if (container.State.Paused) throw new ApiError('BAD_INPUT', `${name} is paused: unpause it to open a terminal.`);
  const created = await engineJson<{ Id: string }>(docker, {
    method: 'POST',
    path: `/containers/${encodeURIComponent(container.Id)}/exec`,
    body: { AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Cmd: options.cmd, Env: ['TERM=xterm-256color'], ConsoleSize: [options.rows, options.cols] },
  });
  const exec = docker.getExec(created.Id);
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const session = randomUUID();
  sessions.set(session, { stream, exec });
  const queue: ExecEvent[] = [{ type: 'ready', session }];
  let wake: (() => void) | null = null;
  let ended = false;
  const decoder = new StringDecoder('utf8');
  const notify = () => {
    wake?.();
    wake = null;
  };
  stream.on('data', (chunk: Buffer) => {
    queue.push({ type: 'output', data: decoder.write(chunk) });
    notify();
  });
  const finish = () => {
    ended = true;
    notify();
  };
  stream.once('end', finish);
  stream.once('close', finish);
  stream.once('error', finish);
  const onAbort = () => stream.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await resizeExec(exec, options.cols, options.rows).catch(() => undefined);
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (ended || signal.aborted) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (signal.aborted) return;
    const info = await exec.inspect().catch(() => null);
    yield { type: 'exit', code: info?.ExitCode ?? null };
  } finally {
    signal.removeEventListener('abort', onAbort);
    sessions.delete(session);
    stream.destroy();
  }
}

function session(id: string): Session {
  const s = sessions.get(id);
  if (!s) throw new ApiError('NOT_FOUND', 'This terminal session has ended: open a new one.');
  return s;
}

export function writeExec(id: string, data: string): void {
  session(id).stream.write(data);
}

export function resizeExec(exec: Docker.Exec, cols: number, rows: number): Promise<unknown> {
  return exec.resize({ w: cols, h: rows });
}

export async function resizeSession(id: string, cols: number, rows: number): Promise<void> {
  await resizeExec(session(id).exec, cols, rows);
}
