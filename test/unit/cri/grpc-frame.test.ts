import { describe, expect, it } from 'vitest';
import { decodeGrpcMessage, frameMessage, readFrames } from '../../../main/cri/grpc-frame';

describe('gRPC message framing', () => {
  it('prefixes a message with the uncompressed flag and its big-endian length', () => {
    expect([...frameMessage(Uint8Array.from([0x0a, 0x02, 0x76, 0x31]))]).toEqual([0, 0, 0, 0, 4, 0x0a, 0x02, 0x76, 0x31]);
    expect([...frameMessage(new Uint8Array(0))]).toEqual([0, 0, 0, 0, 0]);
  });

  it('reads back the messages of a body, an empty message included', () => {
    const body = Buffer.concat([frameMessage(Uint8Array.from([1, 2, 3])), frameMessage(new Uint8Array(0))]);
    expect(readFrames(body).map((m) => [...m])).toEqual([[1, 2, 3], []]);
  });

  it('refuses a truncated body and a compressed message', () => {
    expect(() => readFrames(Buffer.from([0, 0, 0, 0, 9, 1, 2]))).toThrow('a truncated gRPC message (2 of 9 bytes)');
    expect(() => readFrames(Buffer.from([0, 0, 0]))).toThrow('a truncated gRPC frame header');
    expect(() => readFrames(Buffer.from([1, 0, 0, 0, 1, 7]))).toThrow('a compressed gRPC message');
  });

  it('decodes the percent-encoded grpc-message, keeping a malformed one as sent', () => {
    expect(decodeGrpcMessage('unknown%20service%20runtime.v1.RuntimeService')).toBe('unknown service runtime.v1.RuntimeService');
    expect(decodeGrpcMessage('100%')).toBe('100%');
    expect(decodeGrpcMessage(undefined)).toBe('');
  });
});
