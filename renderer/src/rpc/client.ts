// The typed client for Berth's API over any message pipe. It holds no DOM or
// Node code, so the renderer, the tests and the benchmarks share it.
import type { ApiErrorShape, ClientOf, Router, SubscriptionHandlers, Unsubscribe } from '../../../main/api/procedure';
import type { ClientMessage, MessagePipe, ServerMessage } from '../../../main/api/protocol';

/** An error from the API, as the client sees it: code and a message for the user. */
export class RemoteError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

interface Pending {
  resolve: (data: unknown) => void;
  reject: (error: RemoteError) => void;
}

export interface ApiClient<R extends Router> {
  api: ClientOf<R>;
  /** Ends every call and subscription with an error; used when the pipe closes. */
  close(): void;
}

type Call = (path: string, input: unknown) => Promise<unknown>;
type Subscribe = (path: string, input: unknown, handlers: SubscriptionHandlers<unknown>) => Unsubscribe;

/**
 * The typed api object, area.procedure.{query|mutate|subscribe}, built lazily
 * from the path so the client needs no runtime copy of the router.
 */
export function proxyApi<R extends Router>(call: Call, subscribe: Subscribe): ClientOf<R> {
  return new Proxy({} as ClientOf<R>, {
    get: (_, area) =>
      new Proxy(
        {},
        {
          get: (__, procedure) => {
            const path = `${String(area)}.${String(procedure)}`;
            return {
              query: (input: unknown) => call(path, input),
              mutate: (input: unknown) => call(path, input),
              subscribe: (input: unknown, handlers: SubscriptionHandlers<unknown>) => subscribe(path, input, handlers),
            };
          },
        },
      ),
  });
}

export function createClient<R extends Router>(pipe: MessagePipe<ClientMessage, ServerMessage>): ApiClient<R> {
  let nextId = 1;
  let closed = false;
  const calls = new Map<number, Pending>();
  const subs = new Map<number, SubscriptionHandlers<unknown>>();

  pipe.onMessage((message) => {
    switch (message.t) {
      case 'result':
        calls.get(message.id)?.resolve(message.data);
        calls.delete(message.id);
        break;
      case 'error': {
        const error = new RemoteError(message.error.code, message.error.message);
        const call = calls.get(message.id);
        if (call) {
          call.reject(error);
          calls.delete(message.id);
        } else {
          subs.get(message.id)?.onError?.(error);
          subs.delete(message.id);
        }
        break;
      }
      case 'data':
        subs.get(message.id)?.onData(message.data);
        break;
      case 'end':
        subs.get(message.id)?.onEnd?.();
        subs.delete(message.id);
        break;
    }
  });

  const close = () => {
    if (closed) return;
    closed = true;
    const error = new RemoteError('UNAVAILABLE', 'The connection to Berth closed.');
    for (const call of calls.values()) call.reject(error);
    for (const sub of subs.values()) sub.onError?.(error);
    calls.clear();
    subs.clear();
  };
  pipe.onClose(close);

  const call = (path: string, input: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      if (closed) return reject(new RemoteError('UNAVAILABLE', 'The connection to Berth is closed.'));
      const id = nextId++;
      calls.set(id, { resolve, reject });
      pipe.send({ t: 'call', id, path, input });
    });

  const subscribe = (path: string, input: unknown, handlers: SubscriptionHandlers<unknown>) => {
    if (closed) {
      handlers.onError?.(new RemoteError('UNAVAILABLE', 'The connection to Berth is closed.'));
      return () => {};
    }
    const id = nextId++;
    subs.set(id, handlers);
    pipe.send({ t: 'sub', id, path, input });
    return () => {
      if (subs.delete(id) && !closed) pipe.send({ t: 'unsub', id });
    };
  };

  const api = proxyApi<R>(call, subscribe);

  return { api, close };
}
