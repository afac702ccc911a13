// Unary gRPC calls over one HTTP/2 connection on any byte stream: a local unix
// socket, or an SSH channel to the remote socket (openssh_forwardOutStreamLocal).
// @grpc/grpc-js dials its own sockets and takes no stream from the caller, so
// reaching a socket through SSH would need a local bridge socket per host;
// node:http2 takes the stream directly (createConnection), and unary calls are
// all Berth makes. One session carries all the calls of one read, concurrently.
import http2 from 'node:http2';
import type { Duplex } from 'node:stream';
import { decodeGrpcMessage, frameMessage, GrpcStatusError, readFrames } from './grpc-frame';

/** Opens the byte stream to the server (a socket, an SSH channel). */
export type OpenStream = () => Promise<Duplex>;

export type UnaryCall = (method: string, request: Uint8Array) => Promise<Buffer>;

/** The connection itself failed (not a gRPC status): nothing answered, or not in HTTP/2. */
export class GrpcConnectionError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect' | 'protocol' | 'timeout',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GrpcConnectionError';
  }
}

export interface SessionOptions {
  /** Bounds the whole read (connect and every call). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Opens a session, runs `work` with a unary caller, and closes the session whatever happens. */
export async function withGrpcSession<T>(open: OpenStream, work: (call: UnaryCall) => Promise<T>, options: SessionOptions = {}): Promise<T> {
  let stream: Duplex;
  try {
    stream = await open();
  } catch (err) {
    throw new GrpcConnectionError(err instanceof Error ? err.message : String(err), 'connect', { cause: err });
  }
  const session = http2.connect('http://localhost', { createConnection: () => stream as never });
  // A session error fails every pending call; remember it so calls report the cause.
  let failure: Error | null = null;
  const failed = new Promise<never>((_, reject) => {
    session.once('error', (err: NodeJS.ErrnoException) => {
      failure = new GrpcConnectionError(`the server does not speak gRPC over HTTP/2 (${err.code ?? err.message})`, 'protocol', { cause: err });
      reject(failure);
    });
    stream.once('error', (err: NodeJS.ErrnoException) => {
      failure ??= new GrpcConnectionError(err.message, 'connect', { cause: err });
      reject(failure);
    });
  });
  failed.catch(() => undefined);
  const timeoutMs = options.timeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GrpcConnectionError(`no answer within ${timeoutMs / 1000} s`, 'timeout')), timeoutMs);
  });
  expired.catch(() => undefined);
  const aborted = new Promise<never>((_, reject) => {
    options.signal?.addEventListener('abort', () => reject(new GrpcConnectionError('cancelled', 'timeout')), { once: true });
  });
  aborted.catch(() => undefined);

  const call: UnaryCall = (method, request) => Promise.race([unary(session, method, request, () => failure), failed, expired, aborted]);
  try {
    return await Promise.race([work(call), failed, expired, aborted]);
  } finally {
    clearTimeout(timer);
    session.destroy();
    stream.destroy();
  }
}

/** HTTP/2 errors mean the peer is not an HTTP/2 (gRPC) server; socket errors keep their code in the cause. */
function streamError(err: NodeJS.ErrnoException): GrpcConnectionError {
  const http2Failure = err.code?.startsWith('ERR_HTTP2') ?? false;
  return new GrpcConnectionError(http2Failure ? `the server does not speak gRPC over HTTP/2 (${err.message})` : err.message, http2Failure ? 'protocol' : 'connect', { cause: err });
}

function unary(session: http2.ClientHttp2Session, method: string, request: Uint8Array, failure: () => Error | null): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let req: http2.ClientHttp2Stream;
    try {
      req = session.request({
        ':method': 'POST',
        ':path': method,
        'content-type': 'application/grpc',
        te: 'trailers',
      });
    } catch (err) {
      reject(failure() ?? streamError(err as NodeJS.ErrnoException));
      return;
    }
    const chunks: Buffer[] = [];
    let status: string | undefined;
    let details: string | undefined;
    let httpStatus = 0;
    const readStatus = (headers: http2.IncomingHttpHeaders) => {
      if (headers['grpc-status'] !== undefined) {
        status = String(headers['grpc-status']);
        details = decodeGrpcMessage(headers['grpc-message'] as string | undefined);
      }
    };
    req.on('response', (headers) => {
      httpStatus = Number(headers[':status'] ?? 0);
      // A "trailers-only" response carries the status in the headers.
      readStatus(headers);
    });
    req.on('trailers', readStatus);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', (err) => reject(failure() ?? streamError(err)));
    req.on('end', () => {
      if (httpStatus !== 200) {
        reject(new GrpcConnectionError(`the server answered HTTP ${httpStatus} to ${method}, not gRPC`, 'protocol'));
        return;
      }
      if (status === undefined) {
        reject(new GrpcConnectionError(`${method} ended without a gRPC status`, 'protocol'));
        return;
      }
      if (status !== '0') {
        reject(new GrpcStatusError(Number(status), details ?? '', method));
        return;
      }
      try {
        const [message] = readFrames(Buffer.concat(chunks));
        resolve(message ?? Buffer.alloc(0));
      } catch (err) {
        reject(new GrpcConnectionError(`${method}: ${(err as Error).message}`, 'protocol'));
      }
    });
    req.end(frameMessage(request));
  });
}
