// A runtime that accepts the connection and never answers (hung, or stopped
// with SIGSTOP) must not hang the page: the read gives up and says so.
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readCriSnapshot } from '../../../main/cri/read';
import { localCriTarget } from '../../../main/cri/targets';

const held: Socket[] = [];
// It reads what Berth sends (the HTTP/2 preface, the request) and answers nothing.
const server = createServer((socket) => {
  held.push(socket);
  socket.resume();
});
let path: string;

beforeAll(async () => {
  path = join(await mkdtemp(join(tmpdir(), 'berth-cri-')), 'hung.sock');
  await new Promise<void>((resolve) => server.listen(path, resolve));
});

afterAll(() => {
  held.forEach((s) => s.destroy());
  server.close();
});

it('gives up on a socket that accepts but never answers, says so, and closes the connection', async () => {
  const error = await readCriSnapshot(localCriTarget, [{ path, source: 'the socket you gave' }], { timeoutMs: 300 }).catch((e: unknown) => e);
  expect((error as Error).message).toMatch(new RegExp(`^No CRI runtime on this computer: ${path.replace(/[.]/g, '\\.')} did not answer: no answer within 0\\.3 s\\.`));
  expect(held.length).toBe(1);
  // Nothing is left open: Berth closed its end.
  if (!held[0]!.destroyed) await new Promise((resolve) => held[0]!.once('close', resolve));
  expect(held[0]!.readableEnded || held[0]!.destroyed).toBe(true);
});
