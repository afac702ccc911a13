// The engine multiplexes stdout and stderr of a container without a TTY into
// one stream of frames: an 8-byte header (stream type, 3 zero bytes, length
// as big-endian uint32) then the payload. With a TTY the stream is raw.
// Pure and incremental: frames may be split across chunks anywhere.

export type StreamName = 'stdout' | 'stderr';

export interface Frame {
  stream: StreamName;
  data: Buffer;
}

const HEADER = 8;

export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER) {
      const size = this.pending.readUInt32BE(offset + 4);
      if (this.pending.length - offset < HEADER + size) break;
      const type = this.pending[offset]!;
      frames.push({ stream: type === 2 ? 'stderr' : 'stdout', data: this.pending.subarray(offset + HEADER, offset + HEADER + size) });
      offset += HEADER + size;
    }
    this.pending = this.pending.subarray(offset);
    return frames;
  }
}

export interface LogLine {
  stream: StreamName;
  /** RFC 3339 with nanoseconds when timestamps were asked for, else null. */
  time: string | null;
  text: string;
}

/**
 * Cuts a stream's bytes into lines, per stream, keeping a partial last line
 * until its end arrives; UTF-8 sequences split across chunks stay whole.
 */
export class LineSplitter {
  private readonly partial: Record<StreamName, Buffer> = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };

  constructor(private readonly timestamps: boolean) {}

  push(frame: Frame): LogLine[] {
    const data = Buffer.concat([this.partial[frame.stream], frame.data]);
    const lines: LogLine[] = [];
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      lines.push(this.line(frame.stream, data.subarray(start, nl)));
      start = nl + 1;
    }
    this.partial[frame.stream] = data.subarray(start);
    return lines;
  }

  /** The partial lines left when the stream ends. */
  flush(): LogLine[] {
    const lines: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream].length > 0) lines.push(this.line(stream, this.partial[stream]));
      this.partial[stream] = Buffer.alloc(0);
    }
    return lines;
  }

  private line(stream: StreamName, bytes: Buffer): LogLine {
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (!this.timestamps) return { stream, time: null, text };
    const space = text.indexOf(' ');
    return space === -1 ? { stream, time: text, text: '' } : { stream, time: text.slice(0, space), text: text.slice(space + 1) };
  }
}
