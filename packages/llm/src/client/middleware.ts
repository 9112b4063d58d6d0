/**
 * Middleware (unified-llm-spec §2.3): wraps provider calls to inspect or change requests,
 * responses and stream events. The first registered runs first on the way in and last on the
 * way out.
 * @module
 */
import type { CallOptions, Request } from "../types/request.js";
import type { Response } from "../types/response.js";
import type { StreamEvent } from "../types/stream-event.js";

/** The rest of the chain for a non-streaming call. */
export type CompleteNext = (request: Request, options?: CallOptions) => Promise<Response>;
/** The rest of the chain for a streaming call. */
export type StreamNext = (request: Request, options?: CallOptions) => AsyncIterable<StreamEvent>;

/**
 * A middleware. Either hook may be omitted; a call of that kind then passes through. A stream
 * hook returns an async iterable, typically an async generator over `next(...)`'s events.
 */
export interface Middleware {
  name?: string;
  complete?(request: Request, next: CompleteNext, options?: CallOptions): Promise<Response>;
  stream?(request: Request, next: StreamNext, options?: CallOptions): AsyncIterable<StreamEvent>;
}

/** Composes `middleware` around `last` for `complete` (first registered = outermost). */
export function composeComplete(middleware: readonly Middleware[], last: CompleteNext): CompleteNext {
  return middleware.reduceRight<CompleteNext>((next, m) => {
    const hook = m.complete;
    return hook ? (request, options) => hook.call(m, request, next, options) : next;
  }, last);
}

/** Composes `middleware` around `last` for `stream` (first registered = outermost). */
export function composeStream(middleware: readonly Middleware[], last: StreamNext): StreamNext {
  return middleware.reduceRight<StreamNext>((next, m) => {
    const hook = m.stream;
    return hook ? (request, options) => hook.call(m, request, next, options) : next;
  }, last);
}
