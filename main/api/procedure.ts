// The building blocks of Berth's typed API. A procedure is a zod schema for
// its input plus a handler; the router is a plain object of areas, so the
// client's types are inferred from it and nothing is declared twice.
import type { z } from 'zod';
import type { ApiContext } from './context';

export interface QueryProcedure<I extends z.ZodType, O> {
  kind: 'query';
  input: I;
  run: (input: z.output<I>, ctx: ApiContext) => Promise<O>;
}

export interface MutationProcedure<I extends z.ZodType, O> {
  kind: 'mutation';
  input: I;
  run: (input: z.output<I>, ctx: ApiContext) => Promise<O>;
}

export interface SubscriptionProcedure<I extends z.ZodType, E> {
  kind: 'subscription';
  input: I;
  // The signal aborts when the client unsubscribes or its connection goes away.
  run: (input: z.output<I>, ctx: ApiContext, signal: AbortSignal) => AsyncIterable<E>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any input schema and output
export type AnyProcedure = QueryProcedure<any, any> | MutationProcedure<any, any> | SubscriptionProcedure<any, any>;
export type Area = Record<string, AnyProcedure>;
export type Router = Record<string, Area>;

export const query = <I extends z.ZodType, O>(input: I, run: QueryProcedure<I, O>['run']): QueryProcedure<I, O> => ({ kind: 'query', input, run });
export const mutation = <I extends z.ZodType, O>(input: I, run: MutationProcedure<I, O>['run']): MutationProcedure<I, O> => ({ kind: 'mutation', input, run });
export const subscription = <I extends z.ZodType, E>(input: I, run: SubscriptionProcedure<I, E>['run']): SubscriptionProcedure<I, E> => ({ kind: 'subscription', input, run });

export interface SubscriptionHandlers<E> {
  onData: (event: E) => void;
  onError?: (error: ApiErrorShape) => void;
  onEnd?: () => void;
}

export type Unsubscribe = () => void;

/** The client side of a router: what the renderer (and tests) call. */
export type ClientOf<R extends Router> = {
  [A in keyof R]: {
    [P in keyof R[A]]: R[A][P] extends QueryProcedure<infer I, infer O>
      ? { query: (input: z.input<I>) => Promise<O> }
      : R[A][P] extends MutationProcedure<infer I, infer O>
        ? { mutate: (input: z.input<I>) => Promise<O> }
        : R[A][P] extends SubscriptionProcedure<infer I, infer E>
          ? { subscribe: (input: z.input<I>, handlers: SubscriptionHandlers<E>) => Unsubscribe }
          : never;
  };
};

export type ApiErrorCode =
  | 'BAD_INPUT' // the caller sent something the schema refuses
  | 'NOT_FOUND' // no such procedure, container, image, host
  | 'UNAVAILABLE' // the engine or host cannot be reached right now
  | 'ENGINE' // the engine answered with an error
  | 'LIMIT' // too many subscriptions on one connection
  | 'INTERNAL';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
}

/** An error whose message is meant for the user: it says what went wrong and what to do. */
export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
