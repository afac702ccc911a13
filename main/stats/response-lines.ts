// An HTTP/1.1 response to a GET, decoded as its bytes arrive: the status and
// headers, then the body's lines, whether the body is chunked (Docker, Podman)
// or not. No I/O: the stream reader feeds it what the socket read.
import { LineSplitter } from '../engines/events';

/** Far above any engine's response head; more means the other end is not an engine. */
const MAX_HEAD_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);

export class ResponseLines {
  /** Null until the whole head has arrived. */
  status: number | null = null;
  /** True once the last chunk of a chunked body has arrived. */
  ended = false;
  private chunked = false;
  /** Bytes kept between pushes: an unfinished head or chunk-size line. */
  private rest: Buffer = EMPTY;
  /** Bytes of the current chunk still to come. */
  private left = 0;
  /** The CRLF after a chunk's data still to skip. */
  private skip = 0;
  private readonly lines = new LineSplitter();

  /** The complete lines in `data`. `data` may be reused by the caller afterwards: what is kept is copied. */
  push(data: Buffer): string[] {
    let buf = this.rest.length > 0 ? Buffer.concat([this.rest, data]) : data;
    this.rest = EMPTY;
    const out: string[] = [];
    if (this.status === null) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_HEAD_BYTES) throw new Error('the engine sent no HTTP response head');
        this.rest = Buffer.from(buf);
        return out;
      }
      this.readHead(buf.toString('latin1', 0, end));
      buf = buf.subarray(end + 4);
    }
    if (!this.chunked) return this.lines.push(buf);
    let at = 0;
    while (at < buf.length && !this.ended) {
      if (this.left > 0) {
        const take = Math.min(this.left, buf.length - at);
        out.push(...this.lines.push(buf.subarray(at, at + take)));
        at += take;
        this.left -= take;
        if (this.left === 0) this.skip = 2;
      } else if (this.skip > 0) {
        const n = Math.min(this.skip, buf.length - at);
        at += n;
        this.skip -= n;
      } else {
        const eol = buf.indexOf('\r\n', at);
        if (eol < 0) {
          this.rest = Buffer.from(buf.subarray(at));
          break;
        }
        // "1a2;name=value": extensions after the size are allowed and ignored.
        const size = Number.parseInt(buf.toString('latin1', at, eol), 16);
        if (Number.isNaN(size)) throw new Error('the engine sent a malformed chunked body');
        at = eol + 2;
        if (size === 0) this.ended = true;
        else this.left = size;
      }
    }
    return out;
  }

  /** What is left of a body that ended without a final newline. */
  end(): string[] {
    return this.lines.end();
  }

  private readHead(head: string): void {
    const [statusLine = '', ...headers] = head.split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!match) throw new Error(`the engine answered something that is not HTTP: ${statusLine.slice(0, 80)}`);
    this.status = Number(match[1]);
    this.chunked = headers.some((h) => /^transfer-encoding:.*\bchunked\b/i.test(h));
  }
}
