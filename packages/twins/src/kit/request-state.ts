/**
 * What the kit remembers about one request while it is served (its journal entry, the stream
 * fault to apply, the body sent), keyed by the fastify request.
 * @module
 */
import type { FastifyRequest } from "fastify";
import type { Fault } from "./faults/types.js";
import type { JournalEntry } from "./journal.js";

/** Per-request state of the kit. */
export interface TwinRequestState {
  entry: JournalEntry;
  /** Arrival time, epoch ms. */
  startedMs: number;
  /** A stream fault (`slow`, `stream_cut`, `malformed_sse`) to apply when the answer is sent. */
  streamFault?: Fault;
  /** The response headers as sent (fastify hands them to `writeHead`, so they are captured on the way). */
  responseHeaders?: Record<string, unknown>;
  /** The response body text as sent (JSON text, or the whole SSE text). */
  responseText?: string;
  /** A paced stream's pieces as sent so far (joined when the journal entry is read). */
  responseChunks?: string[];
  /** The kit cut the connection on purpose (a `stream_cut` fault). */
  cut?: boolean;
}

const states = new WeakMap<FastifyRequest, TwinRequestState>();

/** Attaches `state` to `request`. */
export function setRequestState(request: FastifyRequest, state: TwinRequestState): void {
  states.set(request, state);
}

/** The kit's state of `request`, or undefined for a request the kit did not see arrive. */
export function requestState(request: FastifyRequest): TwinRequestState | undefined {
  return states.get(request);
}
