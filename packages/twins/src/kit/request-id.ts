/**
 * Request ids as the provider gives them: the id a client sent in the request-id header is
 * echoed back; otherwise one is minted in the provider's format.
 * @module
 */
import type { FastifyInstance } from "fastify";
import type { IdSource } from "./prng.js";
import type { TwinDefinition } from "./types.js";

/** The request-id header of `definition` (default `x-request-id`). */
export function requestIdHeader(definition: TwinDefinition): string {
  return (definition.requestId?.header ?? "x-request-id").toLowerCase();
}

/** A new request id for `definition` (default `req_` + 32 hex digits). */
export function mintRequestId(definition: TwinDefinition, ids: IdSource): string {
  return definition.requestId ? definition.requestId.mint(ids) : `req_${ids.hex(32)}`;
}

/**
 * The id of a request: the header's value when the client sent a sane one (1-200 visible ASCII
 * characters), else a minted one.
 */
export function requestIdOf(headers: Record<string, unknown>, definition: TwinDefinition, ids: IdSource): string {
  const sent = headers[requestIdHeader(definition)];
  const value = Array.isArray(sent) ? sent[0] : sent;
  if (typeof value === "string" && /^[\x21-\x7e]{1,200}$/.test(value)) return value;
  return mintRequestId(definition, ids);
}

/** Makes fastify use the request id as `request.id` (so log lines carry it). */
export function requestIdGenerator(
  definition: TwinDefinition,
  ids: IdSource,
): (raw: { headers: Record<string, unknown> }) => string {
  return (raw) => requestIdOf(raw.headers, definition, ids);
}

/** Sends the request id back on every response, in the definition's header. */
export function installRequestIds(app: FastifyInstance, definition: TwinDefinition): void {
  const header = requestIdHeader(definition);
  app.addHook("onRequest", async (request, reply) => {
    reply.header(header, request.id);
  });
}
