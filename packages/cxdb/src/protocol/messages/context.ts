/**
 * CTX_CREATE (2), CTX_FORK (3) and GET_HEAD (4): the three requests that answer a context head.
 *
 * ```text
 * CTX_CREATE request   base_turn_id u64      (0 = empty context)
 * CTX_FORK request     base_turn_id u64      (turn the new context starts from)
 * GET_HEAD request     context_id u64
 * response (all three) context_id u64, head_turn_id u64, head_depth u32   (20 bytes)
 * ```
 *
 * Upstream, create and fork are one operation: a new context whose head is `base_turn_id`.
 * @module
 */

import { WireReader, WireWriter } from "./wire.js";

/** CTX_CREATE / CTX_FORK request. */
export interface BaseTurnRequest {
  /** Turn id (u64) the new context's head points at; 0 = empty context. */
  baseTurnId: bigint;
}

/** GET_HEAD request. */
export interface GetHeadRequest {
  /** Context id (u64). */
  contextId: bigint;
}

/** The 20-byte response of CTX_CREATE, CTX_FORK and GET_HEAD. */
export interface ContextHeadResponse {
  /** Context id (u64). */
  contextId: bigint;
  /** Head turn id (u64); 0 for an empty context. */
  headTurnId: bigint;
  /** Depth of the head turn (u32); 0 for an empty context and for a first turn. */
  headDepth: number;
}

function encodeU64(value: bigint): Uint8Array {
  return new WireWriter(8).u64(value).finish();
}

function decodeU64(payload: Uint8Array, message: string, field: string): bigint {
  const r = new WireReader(payload, message);
  const value = r.u64(field);
  r.end();
  return value;
}

/** Encodes a CTX_CREATE request (8 bytes). */
export function encodeCtxCreateRequest(request: BaseTurnRequest): Uint8Array {
  return encodeU64(request.baseTurnId);
}

/** Decodes a CTX_CREATE request. Throws `MalformedPayloadError` (400) unless the payload is exactly 8 bytes. */
export function decodeCtxCreateRequest(payload: Uint8Array): BaseTurnRequest {
  return { baseTurnId: decodeU64(payload, "CTX_CREATE", "base_turn_id") };
}

/** Encodes a CTX_FORK request (8 bytes). */
export function encodeCtxForkRequest(request: BaseTurnRequest): Uint8Array {
  return encodeU64(request.baseTurnId);
}

/** Decodes a CTX_FORK request. Throws `MalformedPayloadError` (400) unless the payload is exactly 8 bytes. */
export function decodeCtxForkRequest(payload: Uint8Array): BaseTurnRequest {
  return { baseTurnId: decodeU64(payload, "CTX_FORK", "base_turn_id") };
}

/** Encodes a GET_HEAD request (8 bytes). */
export function encodeGetHeadRequest(request: GetHeadRequest): Uint8Array {
  return encodeU64(request.contextId);
}

/** Decodes a GET_HEAD request. Throws `MalformedPayloadError` (400) unless the payload is exactly 8 bytes. */
export function decodeGetHeadRequest(payload: Uint8Array): GetHeadRequest {
  return { contextId: decodeU64(payload, "GET_HEAD", "context_id") };
}

/** Encodes the 20-byte context head response. */
export function encodeContextHeadResponse(response: ContextHeadResponse): Uint8Array {
  return new WireWriter(20).u64(response.contextId).u64(response.headTurnId).u32(response.headDepth).finish();
}

/** Decodes the 20-byte context head response. Throws `MalformedPayloadError` (400) when malformed. */
export function decodeContextHeadResponse(payload: Uint8Array): ContextHeadResponse {
  const r = new WireReader(payload, "context head response");
  const out = { contextId: r.u64("context_id"), headTurnId: r.u64("head_turn_id"), headDepth: r.u32("head_depth") };
  r.end();
  return out;
}
