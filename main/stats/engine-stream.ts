// A stream of JSON lines from the engine (stats of one container, events),
// read straight off a connection of the driver's agent, without an http
// client on top. A paced stream reads only when pulled: the sampler pulls
// every container's stream once a tick, so their samples (which the engine
// writes at different moments) are read in one wake-up of the process instead
// of one each, and the kernel holds them in between. That is most of the cost
// of sampling hundreds of containers.
// Pausing a socket is not enough for that: libuv leaves a paused socket in its
// epoll set until data arrives, so every sample still woke the process once.
// So once the engine has answered, a paced stream on a plain socket (unix or
// TCP) is read by the pull itself, straight from its descriptor, and the event
// loop no longer watches it. TLS sockets and SSH channels pause and resume.
import { readSync } from 'node:fs';
import type { Agent } from 'node:http';
import { isIP, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { DialTarget } from '../hosts/dial';
import { ResponseLines } from './response-lines';

export interface LineStream {
  /** Reads what arrived since the last pull; a paced stream then waits for the next. */
  pull(): void;
  /** Settles when the engine ends the stream or the signal aborts it; rejects when the connection breaks. */
  readonly ended: Promise<void>;
}

export interface OpenOptions {
  /** Read only when pulled (true), or as data arrives (false: for events that should not wait a tick). */
  paced: boolean;
  signal: AbortSignal;
}

/** Read into this and decoded at once (ResponseLines copies what it keeps), so one buffer serves every stream. */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * Opens GET `path` and resolves once the engine accepted it (200), calling
 * `onLine` with each line of the body, as bytes that are only valid during the
 * call (they are read into a buffer every stream shares).
 * Rejects with the engine's reason otherwise.
 */
export function openLineStream(target: DialTarget, path: string, onLine: (line: Buffer) => void, options: OpenOptions): Promise<LineStream> {
  const { paced, signal } = options;
  return new Promise((resolve, reject) => {
    const response = new ResponseLines();
    let socket: Duplex | null = null;
    let opened = false;
    let finished = false;
    let settle: { resolve: () => void; reject: (error: Error) => void } | null = null;
    const ended = new Promise<void>((res, rej) => (settle = { resolve: res, reject: rej }));
    // Nobody awaits `ended` before the stream opened.
    ended.catch(() => undefined);

    const finish = (error: Error | null) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', abort);
      socket?.destroy();
      if (!opened) reject(error ?? new Error('the engine closed the connection before answering'));
      else if (error && !signal.aborted) settle!.reject(error);
      else settle!.resolve();
    };
    const abort = () => finish(null);

    /** Takes what the connection read; false pauses a paced stream until the next pull. */
    const take = (data: Buffer): boolean => {
      let lines: Buffer[];
      try {
        lines = response.push(data);
      } catch (error) {
        finish(error as Error);
        return false;
      }
      if (response.status === null) return true;
      if (!opened) {
        if (response.status !== 200) {
          // The engine's reason is the body: {"message": "..."}.
          if (lines.length > 0 || response.ended) finish(new Error(engineMessage(response.status, lines[0])));
          return true;
        }
        opened = true;
        resolve(stream);
      }
      for (const line of lines) onLine(line);
      if (response.ended) {
        finish(null);
        return false;
      }
      return !paced;
    };

    const end = () => {
      const rest = response.end();
      if (opened) for (const line of rest) onLine(line);
      finish(opened || !response.status ? null : new Error(engineMessage(response.status, rest[0])));
    };
    const readDescriptor = (fd: number) => {
      for (;;) {
        let n: number;
        try {
          n = readSync(fd, readBuffer, 0, readBuffer.length, null);
        } catch (error) {
          // Nothing arrived since the last pull.
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') finish(error as Error);
          return;
        }
        if (n === 0) return end();
        take(readBuffer.subarray(0, n));
        if (finished || n < readBuffer.length) return;
      }
    };
    const pull = () => {
      // Asked of the live socket each time: a closed socket's number may already belong to another file.
      if (finished || !socket || socket.destroyed) return;
      const fd = paced && opened ? descriptorOf(socket) : null;
      if (fd === null) socket.resume();
      else readDescriptor(fd);
    };
    const stream: LineStream = { pull, ended };

    if (signal.aborted) return reject(new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    connect(target, take).then(
      (s) => {
        socket = s;
        if (finished) return void s.destroy();
        // Streams that cannot read into our buffer (an SSH channel) emit data instead.
        s.on('data', (chunk: Buffer) => {
          if (!take(chunk)) s.pause();
        });
        s.on('end', end);
        s.on('error', (error: Error) => finish(error));
        s.on('close', () => finish(null));
        s.write(`GET ${path} HTTP/1.1\r\nHost: ${hostHeader(target)}\r\nUser-Agent: Berth\r\nAccept: application/json\r\n\r\n`);
      },
      (error: Error) => finish(error),
    );
  });
}

/**
 * A connection from the agent, the way http.Agent asks for one: it returns a
 * socket, or calls back with one (the SSH agent opens a channel). Local and
 * TCP sockets read straight into the shared buffer and pause when `take` says so.
 */
function connect(target: DialTarget, take: (data: Buffer) => boolean): Promise<Duplex> {
  const agent = target.agent as Agent & { createConnection(options: object, callback: (error: Error | null, socket?: Duplex) => void): Duplex | undefined; options?: object };
  const where = target.socketPath
    ? { path: target.socketPath }
    : {
        // An https agent keeps its TLS settings (CA, client certificate, verification) in its options.
        ...agent.options,
        host: target.host,
        port: target.port,
        ...(target.protocol === 'https:' && target.host && !isIP(target.host) ? { servername: target.host } : {}),
      };
  return new Promise((resolve, reject) => {
    let done = false;
    const callback = (error: Error | null, socket?: Duplex) => {
      // net.createConnection calls it again on connect, without arguments.
      if (done || (!error && !socket)) return;
      done = true;
      if (error) reject(error);
      else resolve(socket!);
    };
    try {
      const socket = agent.createConnection({ ...where, onread: { buffer: readBuffer, callback: (n: number, buf: Buffer) => take(buf.subarray(0, n)) } }, callback);
      if (socket) callback(null, socket);
    } catch (error) {
      callback(error as Error);
    }
  });
}

/** The descriptor of a plain unix or TCP socket; null for TLS (its bytes are encrypted) and SSH channels. */
function descriptorOf(socket: Duplex): number | null {
  if (!(socket instanceof Socket) || socket instanceof TLSSocket) return null;
  const fd = (socket as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : null;
}

function hostHeader(target: DialTarget): string {
  return target.socketPath ? 'docker' : `${target.host}:${target.port}`;
}

function engineMessage(status: number, line: Buffer | undefined): string {
  const body = line?.toString('utf8');
  const parsed = body ? parseJson(body) : null;
  const message = parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string' ? (parsed as { message: string }).message : body?.slice(0, 200);
  return `the engine answered ${status}${message ? `: ${message}` : ''}`;
}

/** A line's JSON value; null when it is not JSON. */
export function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
