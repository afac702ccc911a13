// Serves the router over one message pipe: validates every message and every
// input, runs calls, runs subscriptions until the client stops them or the
// pipe closes. Transport code only adapts its channel to a MessagePipe.
import { z } from 'zod';
import type { ApiContext } from './context';
import { ApiError, type AnyProcedure, type ApiErrorShape, type Router } from './procedure';
import { clientMessageSchema, type MessagePipe, type ServerMessage } from './protocol';

/** A connection that opens more subscriptions than this is misbehaving. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 256;

export interface DispatchOptions {
  /** Called with errors that are not the caller's fault, for the log. Never given inputs. */
  onInternalError?: (path: string, error: unknown) => void;
}

export function findProcedure(router: Router, path: string): AnyProcedure | undefined {
  const [area, name, ...rest] = path.split('.');
  if (!area || !name || rest.length > 0) return undefined;
  if (!Object.hasOwn(router, area)) return undefined;
  const procedures = router[area]!;
  return Object.hasOwn(procedures, name) ? procedures[name] : undefined;
}

export function toErrorShape(error: unknown): ApiErrorShape {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  if (error instanceof z.ZodError) return { code: 'BAD_INPUT', message: describeZodError(error) };
  return { code: 'INTERNAL', message: 'Berth hit an internal error; the details are in its log.' };
}

export function describeZodError(error: z.ZodError): string {
  const issues = error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return `Invalid input: ${issues.join('; ')}`;
}

export function serveApi(router: Router, ctx: ApiContext, pipe: MessagePipe<ServerMessage, unknown>, options: DispatchOptions = {}): void {
  const running = new Map<number, AbortController>();
  let closed = false;
  const send = (message: ServerMessage) => {
    if (!closed) pipe.send(message);
  };
  const fail = (id: number, path: string, error: unknown) => {
    const shape = toErrorShape(error);
    if (shape.code === 'INTERNAL') options.onInternalError?.(path, error);
    send({ t: 'error', id, error: shape });
  };

  pipe.onClose(() => {
    closed = true;
    for (const controller of running.values()) controller.abort();
    running.clear();
  });

  pipe.onMessage((raw) => {
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      // Without a valid id there is nobody to answer; id 0 is reserved for this.
      send({ t: 'error', id: 0, error: { code: 'BAD_INPUT', message: `Malformed message: ${describeZodError(parsed.error)}` } });
      return;
    }
    const message = parsed.data;
    if (message.t === 'unsub') {
      running.get(message.id)?.abort();
      running.delete(message.id);
      return;
    }
    const procedure = findProcedure(router, message.path);
    const wanted = message.t === 'sub' ? 'subscription' : 'query or mutation';
    if (!procedure || (message.t === 'sub') !== (procedure.kind === 'subscription')) {
      fail(message.id, message.path, new ApiError('NOT_FOUND', `No ${wanted} named "${message.path}".`));
      return;
    }
    const input = procedure.input.safeParse(message.input);
    if (!input.success) {
      fail(message.id, message.path, input.error);
      return;
    }
    if (procedure.kind !== 'subscription') {
      // Through a promise, so a handler that throws before it awaits is answered too.
      Promise.resolve()
        .then(() => procedure.run(input.data, ctx))
        .then(
        (data: unknown) => send({ t: 'result', id: message.id, data }),
        (error: unknown) => fail(message.id, message.path, error),
      );
      return;
    }
    if (running.has(message.id)) {
      fail(message.id, message.path, new ApiError('BAD_INPUT', `Subscription id ${message.id} is already in use.`));
      return;
    }
    if (running.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      fail(message.id, message.path, new ApiError('LIMIT', `Too many subscriptions on one connection (${MAX_SUBSCRIPTIONS_PER_CONNECTION}); stop some first.`));
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    void (async () => {
      try {
        for await (const event of procedure.run(input.data, ctx, controller.signal) as AsyncIterable<unknown>) {
          if (controller.signal.aborted) break;
          send({ t: 'data', id: message.id, data: event });
        }
        if (!controller.signal.aborted) send({ t: 'end', id: message.id });
      } catch (error) {
        if (!controller.signal.aborted) fail(message.id, message.path, error);
      } finally {
        if (running.get(message.id) === controller) running.delete(message.id);
      }
    })();
  });
}
