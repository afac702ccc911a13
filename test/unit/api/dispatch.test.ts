import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION, serveApi } from '../../../main/api/dispatch';
import type { ApiContext } from '../../../main/api/context';
import { ApiError, mutation, query, subscription } from '../../../main/api/procedure';
import { createClient, RemoteError } from '../../../renderer/src/rpc/client';
import { pipePair } from '../../support/pipe-pair';

const noEngines: ApiContext = {
  engine: (host) => {
    throw new ApiError('NOT_FOUND', `No host named "${host}".`);
  },
};

function testRouter() {
  const live = { open: 0, closed: 0 };
  const router = {
    math: {
      add: query(z.object({ a: z.number(), b: z.number() }).strict(), async ({ a, b }) => a + b),
      rename: mutation(z.object({ name: z.string().min(1, 'a name is needed') }), async ({ name }) => ({ renamed: name })),
      broken: query(z.object({}), async () => {
        throw new Error('secret path /home/u/.docker/config.json');
      }),
      host: query(z.object({ host: z.string() }), async ({ host }, ctx) => ctx.engine(host).status()),
    },
    ticks: {
      count: subscription(z.object({ every: z.number().int().positive() }), async function* ({ every }, _ctx, signal) {
        live.open++;
        try {
          for (let i = 0; !signal.aborted; i++) {
            yield i;
            await new Promise((resolve) => setTimeout(resolve, every));
          }
        } finally {
          live.closed++;
        }
      }),
      three: subscription(z.object({}), async function* () {
        yield 1;
        yield 2;
        yield 3;
      }),
    },
  };
  return { router, live };
}

function connect() {
  const { router, live } = testRouter();
  const pipes = pipePair();
  const internal: string[] = [];
  serveApi(router, noEngines, pipes.server, { onInternalError: (path) => internal.push(path) });
  const client = createClient<typeof router>(pipes.client);
  return { api: client.api, pipes, live, internal };
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('the API dispatcher', () => {
  it('answers queries and mutations with their results', async () => {
    const { api } = connect();
    await expect(api.math.add.query({ a: 2, b: 40 })).resolves.toBe(42);
    await expect(api.math.rename.mutate({ name: 'web' })).resolves.toEqual({ renamed: 'web' });
  });

  it('refuses invalid input with a message naming the field', async () => {
    const { api } = connect();
    const error = await api.math.rename.mutate({ name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('name: a name is needed') });
    // Extra keys are refused too: a compromised renderer gets no slack.
    await expect(api.math.add.query({ a: 1, b: 2, c: 3 } as never)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('refuses unknown procedures, and subscriptions called as queries', async () => {
    const { api } = connect();
    // Paths a compromised renderer could try, reached through the client's untyped side.
    const raw = api as unknown as Record<string, Record<string, { query: (i: unknown) => Promise<unknown> }>>;
    const call = (area: string, name: string) => raw[area]![name]!.query({});
    await expect(call('math', 'constructor')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('__proto__', 'toString')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('ticks', 'three')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('ticks.three') });
  });

  it('answers malformed messages and keeps serving', async () => {
    const { api, pipes } = connect();
    pipes.sendRaw({ t: 'call', id: -1, path: 'math.add' });
    pipes.sendRaw('not json at all');
    pipes.sendRaw(undefined);
    await until(() => pipes.sent.filter((m) => m.t === 'error' && m.id === 0).length === 3);
    expect(pipes.sent[0]).toMatchObject({ t: 'error', id: 0, error: { code: 'BAD_INPUT' } });
    await expect(api.math.add.query({ a: 1, b: 1 })).resolves.toBe(2);
  });

  it('hides internal error details from the client and reports them to the log', async () => {
    const { api, internal } = connect();
    const error = (await api.math.broken.query({}).catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('.docker');
    expect(internal).toEqual(['math.broken']);
  });

  it('passes user-facing errors from the domain through', async () => {
    const { api } = connect();
    await expect(api.math.host.query({ host: 'nas' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No host named "nas".' });
  });

  it('streams subscription events and stops the producer when the client unsubscribes', async () => {
    const { api, live } = connect();
    const seen: number[] = [];
    const stop = api.ticks.count.subscribe({ every: 2 }, { onData: (n) => seen.push(n) });
    await until(() => seen.length >= 3);
    expect(seen.slice(0, 3)).toEqual([0, 1, 2]);
    stop();
    await until(() => live.closed === 1);
    expect(live.open).toBe(1);
  });

  it('ends finite subscriptions', async () => {
    const { api } = connect();
    const seen: number[] = [];
    await new Promise<void>((resolve) => api.ticks.three.subscribe({}, { onData: (n) => seen.push(n), onEnd: resolve }));
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops every subscription when the connection closes', async () => {
    const { api, live, pipes } = connect();
    const errors: string[] = [];
    for (let i = 0; i < 5; i++) api.ticks.count.subscribe({ every: 2 }, { onData: () => {}, onError: (e) => errors.push(e.code) });
    await until(() => live.open === 5);
    pipes.close();
    await until(() => live.closed === 5);
    expect(errors).toEqual(Array(5).fill('UNAVAILABLE'));
  });

  it('limits how many subscriptions one connection may hold', async () => {
    const { api, live, pipes } = connect();
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) api.ticks.count.subscribe({ every: 50 }, { onData: () => {} });
    const refused = await new Promise<RemoteError>((resolve) => api.ticks.count.subscribe({ every: 50 }, { onData: () => {}, onError: (e) => resolve(e as RemoteError) }));
    expect(refused.code).toBe('LIMIT');
    expect(live.open).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION);
    pipes.close();
  });
});
