// A layer blob's bytes into its tar: gzip (node:zlib), zstd (node:zlib where
// Node has it, 22.15+, else the pure-JS fzstd on Node 20), or uncompressed.
// The compression comes from the media type, else from the first bytes.
import { Decompress as ZstdStream } from 'fzstd';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { RegistryError } from './errors';

export type Compression = 'gzip' | 'zstd' | 'none';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** From the media type (…tar+gzip, …tar+zstd, …tar, docker's rootfs.diff.tar.gzip), else null. Pure. */
export function compressionOf(mediaType: string): Compression | null {
  if (/(\+|\.)gzip$/.test(mediaType)) return 'gzip';
  if (/\+zstd$/.test(mediaType)) return 'zstd';
  if (/\.tar$/.test(mediaType)) return 'none';
  return null;
}

/** From the first bytes. Pure. */
export function sniffCompression(head: Uint8Array): Compression {
  const starts = (magic: number[]) => magic.every((b, i) => head[i] === b);
  return starts(GZIP_MAGIC) ? 'gzip' : starts(ZSTD_MAGIC) ? 'zstd' : 'none';
}

/** The uncompressed bytes of a compressed stream, as they come. */
export async function* decompress(source: AsyncIterable<Uint8Array>, mediaType: string): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const kind = compressionOf(mediaType) ?? sniffCompression(first.value);
  async function* all(): AsyncGenerator<Uint8Array> {
    yield first.value as Uint8Array;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (kind === 'none') return yield* all();
  if (kind === 'gzip') return yield* through(all(), zlib.createGunzip());
  const native = (zlib as unknown as { createZstdDecompress?: () => NodeJS.ReadWriteStream }).createZstdDecompress;
  if (native) return yield* through(all(), native());
  yield* fzstd(all());
}

/** Through a zlib transform; its errors come out as the stream's, with words. */
async function* through(source: AsyncIterable<Uint8Array>, transform: NodeJS.ReadWriteStream): AsyncGenerator<Uint8Array> {
  const input = Readable.from(source);
  input.on('error', (error) => (transform as unknown as { destroy(e: Error): void }).destroy(error));
  input.pipe(transform as unknown as NodeJS.WritableStream);
  try {
    for await (const chunk of transform as AsyncIterable<Uint8Array>) yield chunk;
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    throw new RegistryError('bad-response', `A layer could not be decompressed (${error instanceof Error ? error.message : String(error)}): it is corrupt.`);
  } finally {
    input.destroy();
  }
}

async function* fzstd(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  const stream = new ZstdStream((data) => void out.push(data));
  try {
    for await (const chunk of source) {
      stream.push(chunk);
      yield* out.splice(0);
    }
    stream.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    throw new RegistryError('bad-response', `A zstd layer could not be decompressed (${error instanceof Error ? error.message : String(error)}): it is corrupt.`);
  }
  yield* out.splice(0);
}
