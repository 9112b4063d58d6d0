/**
 * The HTTP gateway's JSON (CXDB's snake_case, ids as strings or numbers) ↔ the client's camelCase
 * shapes.
 * @module
 */
import type { AppendResult, ContextHead } from "../store/types.js";
import type { ContextSummary, HttpAppendInput, TurnView } from "./http-client.js";

/** The append route's body for one turn. */
export function appendBody(input: HttpAppendInput): Record<string, unknown> {
  return {
    type_id: input.typeId,
    type_version: input.typeVersion,
    data: input.data,
    payload_base64: input.payload === undefined ? undefined : Buffer.from(input.payload).toString("base64"),
    compression: input.compression,
    uncompressed_len: input.uncompressedLen,
    parent_turn_id: input.parentTurnId,
    idempotency_key: input.idempotencyKey,
    content_hash: input.contentHash,
    fs_root_hash: input.fsRootHash,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: wire JSON.
export type Json = any;

/** Wire JSON → head. */
export function headFrom(b: Json): ContextHead {
  return { contextId: Number(b.context_id), headTurnId: Number(b.head_turn_id), headDepth: b.head_depth };
}

/** Wire JSON → result. */
export function resultFrom(b: Json): AppendResult {
  return {
    contextId: Number(b.context_id),
    turnId: Number(b.turn_id),
    parentTurnId: Number(b.parent_turn_id),
    depth: b.depth,
    contentHash: b.content_hash,
    deduplicated: b.deduplicated === true,
  };
}

/** Wire JSON → context. */
export function contextFrom(b: Json): ContextSummary {
  const out: ContextSummary = {
    ...headFrom(b),
    createdAtUnixMs: b.created_at_unix_ms,
    isLive: b.is_live === true,
    baseTurnId: Number(b.base_turn_id ?? 0),
  };
  if (b.forked_from_context_id !== undefined) out.forkedFromContextId = Number(b.forked_from_context_id);
  for (const [wire, key] of [
    ["client_tag", "clientTag"],
    ["title", "title"],
    ["labels", "labels"],
    ["session_id", "sessionId"],
    ["provenance", "provenance"],
    ["link", "link"],
  ] as const) {
    if (b[wire] !== undefined) (out as Json)[key] = b[wire];
  }
  return out;
}

/** Wire JSON → turn. */
export function turnFrom(b: Json): TurnView {
  const out: TurnView = {
    turnId: Number(b.turn_id),
    parentTurnId: Number(b.parent_turn_id),
    depth: b.depth,
    declaredType: { typeId: b.declared_type.type_id, typeVersion: b.declared_type.type_version },
  };
  if (b.decoded_as !== undefined) {
    out.decodedAs =
      b.decoded_as === null ? null : { typeId: b.decoded_as.type_id, typeVersion: b.decoded_as.type_version };
  }
  if ("data" in b) out.data = b.data;
  if (b.unknown !== undefined) out.unknown = b.unknown;
  if (b.projection_error !== undefined) out.projectionError = b.projection_error;
  if (b.content_hash_b3 !== undefined) out.contentHash = b.content_hash_b3;
  if (b.encoding !== undefined) out.encoding = b.encoding;
  if (b.uncompressed_len !== undefined) out.uncompressedLen = b.uncompressed_len;
  if (typeof b.bytes_b64 === "string") out.bytes = new Uint8Array(Buffer.from(b.bytes_b64, "base64"));
  if (b.fs_root_hash !== undefined) out.fsRootHash = b.fs_root_hash;
  return out;
}
