// A container's logs as batches of lines: one batch per chunk the engine
// sends, so a million lines travel as a few thousand messages, not a million.
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
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      const frames = demux ? demux.push(chunk) : [{ stream: 'stdout' as const, data: chunk }];
      const lines = frames.flatMap((f) => splitter.push(f));
      if (lines.length > 0) yield { lines };
    }
  } catch (err) {
    if (signal.aborted) return;
    throw new ApiError('UNAVAILABLE', `The log stream broke off: ${(err as Error).message}.`);
  } finally {
    res.destroy();
  }
  const rest = splitter.flush();
  if (rest.length > 0) yield { lines: rest };
}
