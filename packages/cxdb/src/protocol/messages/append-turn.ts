/**
 * APPEND_TURN (msg_type 5): append one turn to a context.
 *
 * ```text
 * request  context_id u64, parent_turn_id u64 (0 = current head),
 *          type_id_len u32, type_id [utf-8], type_version u32,
 *          encoding u32 (1 = msgpack), compression u32 (0 = none, 1 = zstd), uncompressed_len u32,
 *          content_hash [32] (BLAKE3-256 of the uncompressed bytes),
 *          payload_len u32, payload [as sent, compressed when compression = 1],
 *          idem_len u32, idem [bytes],
 *          fs_root_hash [32]   only when the frame's flags & 1
 * response context_id u64, new_turn_id u64, new_depth u32, content_hash [32]   (52 bytes)
 * ```
 * @module
 */

import { FLAG_HAS_FS_ROOT } from "../frame.js";
import { utf8Bytes, WireReader, WireWriter } from "./wire.js";

/** Decoded APPEND_TURN request. */
export interface AppendTurnRequest {
  /** Context id (u64). */
  contextId: bigint;
  /** Explicit parent turn id (u64); 0 = the context's current head. */
  parentTurnId: bigint;
  /** Declared type id, e.g. `"cxdb.ConversationItem"`. */
  typeId: string;
  /** Declared type version (u32). */
  typeVersion: number;
  /** Encoding (u32): 1 = msgpack (`Encoding` in store/append.ts). */
  encoding: number;
  /** Compression of `payload` (u32): 0 = none, 1 = zstd (`Compression` in store/append.ts). */
  compression: number;
  /** Length of the uncompressed payload (u32). */
  uncompressedLen: number;
  /** BLAKE3-256 of the uncompressed payload (32 bytes). */
  contentHash: Uint8Array;
  /** Payload bytes as sent (compressed when `compression` is 1). */
  payload: Uint8Array;
  /** Idempotency key bytes; empty = none. */
  idempotencyKey: Uint8Array;
  /** File-system snapshot root (32 bytes) to attach to the new turn; sets frame flag bit 0. */
  fsRootHash?: Uint8Array;
}

/** APPEND_TURN response (52 bytes). */
export interface AppendTurnResponse {
  /** Context id (u64). */
  contextId: bigint;
  /** The new turn's id (u64), or the existing turn's for a repeated idempotency key. */
  newTurnId: bigint;
  /** The new turn's depth (u32). */
  newDepth: number;
  /** BLAKE3-256 of the uncompressed payload (32 bytes). */
  contentHash: Uint8Array;
}

/** Frame flags for an APPEND_TURN request: {@link FLAG_HAS_FS_ROOT} when `fsRootHash` is set. */
export function appendTurnFlags(request: AppendTurnRequest): number {
  return request.fsRootHash === undefined ? 0 : FLAG_HAS_FS_ROOT;
}

/** Encodes an APPEND_TURN request payload; send it with {@link appendTurnFlags}. */
export function encodeAppendTurnRequest(request: AppendTurnRequest): Uint8Array {
  const typeId = utf8Bytes(request.typeId);
  const w = new WireWriter(96 + typeId.byteLength + request.payload.byteLength + request.idempotencyKey.byteLength)
    .u64(request.contextId)
    .u64(request.parentTurnId)
    .u32(typeId.byteLength)
    .bytes(typeId)
    .u32(request.typeVersion)
    .u32(request.encoding)
    .u32(request.compression)
    .u32(request.uncompressedLen)
    .hash(request.contentHash)
    .u32(request.payload.byteLength)
    .bytes(request.payload)
    .u32(request.idempotencyKey.byteLength)
    .bytes(request.idempotencyKey);
  if (request.fsRootHash !== undefined) w.hash(request.fsRootHash);
  return w.finish();
}

/**
 * Decodes an APPEND_TURN request; `flags` is the frame's flags (bit 0: an fs_root_hash follows).
 * Throws `MalformedPayloadError` (400) when truncated, over-long or the type id is not UTF-8. `payload` and
 * `idempotencyKey` are views into the frame buffer.
 */
export function decodeAppendTurnRequest(payload: Uint8Array, flags: number): AppendTurnRequest {
  const r = new WireReader(payload, "APPEND_TURN");
  const contextId = r.u64("context_id");
  const parentTurnId = r.u64("parent_turn_id");
  const typeId = r.utf8(r.u32("type_id_len"), "type_id");
  const typeVersion = r.u32("type_version");
  const encoding = r.u32("encoding");
  const compression = r.u32("compression");
  const uncompressedLen = r.u32("uncompressed_len");
  const contentHash = r.hash("content_hash");
  const body = r.bytes(r.u32("payload_len"), "payload");
  const idempotencyKey = r.bytes(r.u32("idem_len"), "idem");
  const request: AppendTurnRequest = {
    contextId,
    parentTurnId,
    typeId,
    typeVersion,
    encoding,
    compression,
    uncompressedLen,
    contentHash,
    payload: body,
    idempotencyKey,
  };
  if ((flags & FLAG_HAS_FS_ROOT) !== 0) request.fsRootHash = r.hash("fs_root_hash (flags & 1)");
  r.end();
  return request;
}

/** Encodes the 52-byte APPEND_TURN response. */
export function encodeAppendTurnResponse(response: AppendTurnResponse): Uint8Array {
  return new WireWriter(52)
    .u64(response.contextId)
    .u64(response.newTurnId)
    .u32(response.newDepth)
    .hash(response.contentHash)
    .finish();
}

/** Decodes the 52-byte APPEND_TURN response. Throws `MalformedPayloadError` (400) when malformed. */
export function decodeAppendTurnResponse(payload: Uint8Array): AppendTurnResponse {
  const r = new WireReader(payload, "APPEND_TURN response");
  const out = {
    contextId: r.u64("context_id"),
    newTurnId: r.u64("new_turn_id"),
    newDepth: r.u32("new_depth"),
    contentHash: r.hash("content_hash"),
  };
  r.end();
  return out;
}
