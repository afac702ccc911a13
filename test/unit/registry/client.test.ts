// The client against small local HTTP servers: a token is reused until it
// expires (clock injected), and a redirect to another host gets no credentials.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../main/registry/client';

let registry: http.Server;
let store: http.Server;
let base = '';
let storeBase = '';
let tokens = 0;
const storeSaw: (string | undefined)[] = [];

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  store = http.createServer((req, res) => {
    storeSaw.push(req.headers.authorization);
    res.end('{"tags":["1"],"name":"x"}');
  });
  registry = http.createServer((req, res) => {
    if (req.url?.startsWith('/token')) {
      tokens++;
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ token: `t${tokens}`, expires_in: 60 }));
    }
    if (!req.headers.authorization?.startsWith('Bearer t')) {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${base}/token",service="test"` });
      return void res.end();
    }
    if (req.url?.startsWith('/v2/moved/')) {
      res.writeHead(307, { location: `${storeBase}/blob` });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"name":"x","tags":["1"]}');
  });
  base = await listen(registry);
  storeBase = await listen(store);
});

afterAll(() => {
  registry.close();
  store.close();
});

describe('registry client', () => {
  it('reuses a token for its scope until it expires, then asks again', async () => {
    let now = 1_000_000;
    const client = new RegistryClient({ url: base, credentials: { username: 'u', password: 'p' }, now: () => now });
    tokens = 0;
    await client.json('/v2/x/tags/list', 'repository:x:pull', 'tags');
    await client.json('/v2/x/tags/list', 'repository:x:pull', 'tags');
    expect(tokens).toBe(1);
    now += 50_000;
    await client.json('/v2/x/tags/list', 'repository:x:pull', 'tags');
    expect(tokens).toBe(1);
    now += 10_000; // within the 5 s margin of the 60 s expiry
    await client.json('/v2/x/tags/list', 'repository:x:pull', 'tags');
    expect(tokens).toBe(2);
    await client.json('/v2/y/tags/list', 'repository:y:pull', 'tags');
    expect(tokens).toBe(3);
  });

  it('follows a redirect to another host without sending it the Authorization header', async () => {
    const client = new RegistryClient({ url: base, credentials: { username: 'u', password: 'p' } });
    storeSaw.length = 0;
    const { body } = await client.json<{ tags: string[] }>('/v2/moved/tags/list', 'repository:moved:pull', 'tags');
    expect(body.tags).toEqual(['1']);
    expect(storeSaw).toEqual([undefined]);
  });
});
