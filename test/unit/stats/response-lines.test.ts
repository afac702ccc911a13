// Decoding the engine's HTTP responses as the bytes come, however the reads cut them.
import { describe, expect, it } from 'vitest';
import { ResponseLines } from '../../../main/stats/response-lines';

const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const chunkedHead = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';

/** Feeds `bytes` in pieces of `size` bytes; returns every line and the decoder. */
function feed(bytes: Buffer, size: number): { lines: string[]; decoder: ResponseLines } {
  const decoder = new ResponseLines();
  const lines: string[] = [];
  // One reused buffer, as the socket reader does: the decoder must copy what it keeps.
  const scratch = Buffer.alloc(size);
  for (let at = 0; at < bytes.length; at += size) {
    const n = bytes.copy(scratch, 0, at, at + size);
    // Lines may be views of the read buffer: taken as text before the next read, as the stream reader does.
    lines.push(...decoder.push(scratch.subarray(0, n)).map(String));
    scratch.fill(0x78);
  }
  return { lines, decoder };
}

describe('ResponseLines', () => {
  const samples = ['{"read":"2026-11-29T18:00:00Z","name":"/wéb"}', '{"read":"2026-11-29T18:00:01Z","pids_stats":{"current":3}}'];
  const body = Buffer.from(chunkedHead + samples.map((s) => chunk(`${s}\n`)).join('') + chunk(samples[0]!.slice(0, 10)) + chunk(`${samples[0]!.slice(10)}\n`) + '0\r\n\r\n');

  for (const size of [1, 3, 7, 64, 4096]) {
    it(`gives each line of a chunked body whole, read ${size} bytes at a time (multi-byte characters and lines split across chunks included)`, () => {
      const { lines, decoder } = feed(body, size);
      expect(decoder.status).toBe(200);
      expect(lines).toEqual([...samples, samples[0]]);
      expect(decoder.ended).toBe(true);
    });
  }

  it('reads a body that is not chunked, up to the end of the connection', () => {
    const decoder = new ResponseLines();
    expect(decoder.push(Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{"a":1}\n{"b"')).map(String)).toEqual(['{"a":1}']);
    expect(decoder.push(Buffer.from(':2}'))).toEqual([]);
    expect(decoder.end().map(String)).toEqual(['{"b":2}']);
    expect(decoder.ended).toBe(false);
  });

  it("gives the status of a refusal and the engine's reason in the body", () => {
    const decoder = new ResponseLines();
    const lines = decoder.push(Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 47\r\n\r\n{"message":"No such container: nope"}\n'));
    expect(decoder.status).toBe(404);
    expect(lines.map(String)).toEqual(['{"message":"No such container: nope"}']);
  });

  it('refuses what is not HTTP, and a chunk size that is not hex', () => {
    expect(() => new ResponseLines().push(Buffer.from('SSH-2.0-OpenSSH_9.2\r\n\r\n'))).toThrow(/not HTTP: SSH-2.0/);
    expect(() => new ResponseLines().push(Buffer.from(`${chunkedHead}zz\r\n`))).toThrow(/malformed chunked body/);
  });

  it('gives up on a head that never ends', () => {
    const decoder = new ResponseLines();
    expect(() => {
      for (let i = 0; i < 100; i++) decoder.push(Buffer.alloc(1024, 0x61));
    }).toThrow(/no HTTP response head/);
  });
});
