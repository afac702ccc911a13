// gRPC's message framing (a 1-byte compressed flag, a 4-byte big-endian length,
// the protobuf bytes) and its status codes: pure, so tests feed it bytes.

/** One uncompressed gRPC message frame. */
export function frameMessage(message: Uint8Array): Buffer {
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt8(0, 0);
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}

/**
 * The messages in a response body. A compressed frame is refused: Berth asks
 * for none (it sends no grpc-accept-encoding), so one means a confused peer.
 */
export function readFrames(body: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    if (body.length - offset < 5) throw new Error(`a truncated gRPC frame header (${body.length - offset} bytes)`);
    const compressed = body.readUInt8(offset);
    const length = body.readUInt32BE(offset + 1);
    if (compressed !== 0) throw new Error('a compressed gRPC message, which Berth did not ask for');
    if (body.length - offset - 5 < length) throw new Error(`a truncated gRPC message (${body.length - offset - 5} of ${length} bytes)`);
    messages.push(body.subarray(offset + 5, offset + 5 + length));
    offset += 5 + length;
  }
  return messages;
}

/** gRPC status codes Berth tells apart (grpc/doc/statuscodes.md). */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** An error status a gRPC server returned. */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    readonly method: string,
  ) {
    super(`${method}: ${details || `gRPC status ${code}`}`);
    this.name = 'GrpcStatusError';
  }
}

/** grpc-message is percent-encoded (the spec's "Percent-Encoded" ASCII). */
export function decodeGrpcMessage(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
