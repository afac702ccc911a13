// An HTTP/1.1 response to a GET, decoded as its bytes arrive: the status and
// headers, then the body's lines, whether the body is chunked (Docker, Podman)
// or not. Lines stay bytes (a newline byte never occurs inside a multi-byte
// character): the stats reader scans them without decoding. No I/O: the
// stream reader feeds it what the socket read.

/** Far above any engine's response head; more means the other end is not an engine. */
const MAX_HEAD_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);
const NEWLINE = 0x0a;

export class ResponseLines {
  /** Null until the whole head has arrived. */
  status: number | null = null;
  /** True once the last chunk of a chunked body has arrived. */
  ended = false;
  private chunked = false;
  /** Bytes kept between pushes: an unfinished head or chunk-size line. */
  private rest: Buffer = EMPTY;
  /** The start of a body line whose newline has not arrived yet. */
  private partial: Buffer = EMPTY;
  /** Bytes of the current chunk still to come. */
  private left = 0;
  /** The CRLF after a chunk's data still to skip. */
  private skip = 0;

  /**
   * The complete, non-blank lines in `data`, without their newline. A line may
   * be a view of `data`: use it before `data` is reused. What is kept between
   * pushes is copied, so the caller may reuse `data` afterwards.
   */
  push(data: Buffer): Buffer[] {
    let buf = this.rest.length > 0 ? Buffer.concat([this.rest, data]) : data;
    this.rest = EMPTY;
    const out: Buffer[] = [];
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
    if (!this.chunked) {
      this.lines(buf, out);
      return out;
    }
    let at = 0;
    while (at < buf.length && !this.ended) {
      if (this.left > 0) {
        const take = Math.min(this.left, buf.length - at);
        this.lines(buf.subarray(at, at + take), out);
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
  end(): Buffer[] {
    const rest = this.partial;
    this.partial = EMPTY;
    return blank(rest, 0, rest.length) ? [] : [rest];
  }

  private lines(body: Buffer, out: Buffer[]): void {
    let at = 0;
    for (let nl = body.indexOf(NEWLINE); nl >= 0; nl = body.indexOf(NEWLINE, at)) {
      if (this.partial.length > 0) {
        const line = Buffer.concat([this.partial, body.subarray(at, nl)]);
        this.partial = EMPTY;
        if (!blank(line, 0, line.length)) out.push(line);
      } else if (!blank(body, at, nl)) out.push(body.subarray(at, nl));
      at = nl + 1;
    }
    if (at < body.length) this.partial = Buffer.concat([this.partial, body.subarray(at)]);
  }

  private readHead(head: string): void {
    const [statusLine = '', ...headers] = head.split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!match) throw new Error(`the engine answered something that is not HTTP: ${statusLine.slice(0, 80)}`);
    this.status = Number(match[1]);
    this.chunked = headers.some((h) => /^transfer-encoding:.*\bchunked\b/i.test(h));
  }
}

function blank(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c !== 0x20 && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}
