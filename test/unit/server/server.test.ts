// The headless server over real loopback HTTP and WebSocket connections.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiContext } from '../../../main/api/context';
import { ApiError, query } from '../../../main/api/procedure';
import { startServer, type RunningServer } from '../../../main/server/server';
import { createClient } from '../../../renderer/src/rpc/client';
import { httpGet, loginCookie, openSocket, socketPipe } from '../../support/ws-client';

const router = { hello: { greet: query(z.object({ name: z.string().max(20) }), async ({ name }) => `hello ${name}`) } };
const context: ApiContext = {
  engine: () => {
    throw new ApiError('NOT_FOUND', 'no engines here');
  },
};

let server: RunningServer;
let origin: string;
beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'berth-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Berth</title>');
  server = await startServer({ router, context, rendererDir, port: 0 });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

describe('berth serve over HTTP', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
  });

  it('refuses a request without the token and says how to get in', async () => {
    const answer = await httpGet(`${origin}/`);
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('open the URL that `berth serve` printed');
  });

  it('logs in with the printed URL, then serves the page with a strict CSP', async () => {
    const cookie = await loginCookie(server.url);
    const page = await httpGet(`${origin}/`, { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Berth</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a page of another origin and a rebound host name, even with the cookie', async () => {
    const cookie = await loginCookie(server.url);
    expect((await httpGet(`${origin}/`, { Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await httpGet(`${origin}/`, { Cookie: cookie, Host: `evil.example:${server.port}` })).status).toBe(421);
  });
});

describe('berth serve over WebSocket', () => {
  it('answers API calls on a connection with the cookie from its own origin', async () => {
    const socket = await openSocket(origin, { Cookie: await loginCookie(server.url) });
    const client = createClient<typeof router>(socketPipe(socket));
    await expect(client.api.hello.greet.query({ name: 'berth' })).resolves.toBe('hello berth');
    await expect(client.api.hello.greet.query({ name: 'x'.repeat(50) })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    socket.close();
  });

  it('refuses connections without the token or from another origin', async () => {
    await expect(openSocket(origin, {})).rejects.toThrow('HTTP 401');
    const cookie = await loginCookie(server.url);
    await expect(openSocket(origin, { Cookie: cookie, Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('keeps serving after a client sends garbage', async () => {
    const socket = await openSocket(origin, { Cookie: await loginCookie(server.url) });
    const answers: string[] = [];
    socket.on('message', (data) => answers.push(data.toString()));
    socket.send('{not json');
    socket.send(Buffer.from([0, 1, 2]));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answers.every((a) => a.includes('"BAD_INPUT"'))).toBe(true);
    expect(answers).toHaveLength(2);
    const client = createClient<typeof router>(socketPipe(socket));
    await expect(client.api.hello.greet.query({ name: 'again' })).resolves.toBe('hello again');
    socket.close();
  });
});
