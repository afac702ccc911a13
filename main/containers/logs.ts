// A container's logs as batches of lines, so a million lines travel as a few
// hundred messages, not a million.
import type Docker from 'dockerode';
import { ApiError } from '../api/procedure';
import { engineStream } from '../engines/engine-call';
import { inspectContainer } from './actions';
import { Demuxer, LineSplitter, type LogLine } from './demux';

export interface LogOptions {
  follow: boolean;
  timestamps: boolean;
  /** Lines from the end; null for all. */
  tail: number | null;
}

export interface LogBatch {
  lines: LogLine[];
}

export async function* containerLogs(docker: Docker, id: string, options: LogOptions, signal: AbortSignal): AsyncGenerator<LogBatch> {
  const container = await inspectContainer(docker, id, signal);
  const query = { follow: options.follow ? 1 : 0, stdout: 1, stderr: 1, timestamps: options.timestamps ? 1 : 0, tail: options.tail === null ? 'all' : String(options.tail) };
  const res = await engineStream(docker, { method: 'GET', path: `/containers/${encodeURIComponent(container.Id)}/logs`, query, signal }, (f) =>
    /configured logging driver does not support reading/i.test(f.message) ? new ApiError('ENGINE', `This container's logging driver does not keep logs Berth can read: ${f.message}`) : null,
  );
  // Without a TTY the engine frames stdout and stderr; with one the stream is raw output.
  const demux = container.Config.Tty ? null : new Demuxer();
  const splitter = new LineSplitter(options.timestamps);
  // The engine writes a line per chunk; one message per chunk would cost more than the
  // lines. Lines go out in batches: when the stream pauses, or every BATCH_MS while it pours.
  const chunks = (res as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let pending: LogLine[] = [];
  let lastSent = Date.now();
  // A read left pending when the consumer stops must not become an unhandled rejection once the stream is destroyed.
  const read = () => {
    const p = chunks.next();
    p.catch(() => undefined);
    return p;
  };
  let next = read();
  try {
    for (;;) {
      const result = pending.length === 0 ? await next : await raceTimeout(next, BATCH_MS);
      if (result === TIMEOUT) {
        yield { lines: pending };
        pending = [];
        lastSent = Date.now();
        continue;
      }
      if (result.done) break;
      next = read();
      const frames = demux ? demux.push(result.value) : [{ stream: 'stdout' as const, data: result.value }];
      for (const frame of frames) for (const line of splitter.push(frame)) pending.push(line);
      if (pending.length >= MAX_BATCH || (pending.length > 0 && Date.now() - lastSent >= BATCH_MS)) {
        yield { lines: pending };
        pending = [];
        lastSent = Date.now();
      }
    }
  } catch (err) {
    if (signal.aborted) return;
    throw new ApiError('UNAVAILABLE', `The log stream broke off: ${(err as Error).message}.`);
  } finally {
    res.destroy();
  }
  const rest = [...pending, ...splitter.flush()];
  if (rest.length > 0) yield { lines: rest };
}

const BATCH_MS = 50;
const MAX_BATCH = 20_000;
const TIMEOUT = Symbol('timeout');

/** The promise's outcome, or TIMEOUT if it takes longer than ms; the timer is cleared either way. */
async function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<typeof TIMEOUT>((resolve) => (timer = setTimeout(() => resolve(TIMEOUT), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
