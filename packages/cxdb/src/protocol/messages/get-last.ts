/**
 * GET_LAST (msg_type 6): the last `limit` turns of a context, oldest first.
 *
 * ```text
 * request  context_id u64, limit u32, include_payload u32 (0 = metadata only, non-zero = with payload)
 * response count u32, then per turn:
 *          turn_id u64, parent_turn_id u64, depth u32, type_id_len u32, type_id [utf-8],
 *          type_version u32, encoding u32, compression u32, uncompressed_len u32, content_hash [32],
 *          and only with include_payload: payload_len u32, payload [uncompressed]
 * ```
 *
 * With include_payload the server sends the uncompressed bytes, `compression` 0 and
 * `uncompressed_len` = payload length; without it, the turn's stored compression and length.
 * @module
 */

import { utf8Bytes, WireReader, WireWriter } from "./wire.js";

/** GET_LAST request. */
export interface GetLastRequest {
  /** Context id (u64). */
  contextId: bigint;
  /** Maximum number of turns (u32). */
  limit: number;
  /** Whether each item carries its uncompressed payload (wire: u32, non-zero = true). */
  includePayload: boolean;
}

/** One turn of a GET_LAST response. */
export interface TurnItem {
  /** Turn id (u64). */
  turnId: bigint;
  /** Parent turn id (u64); 0 for a root turn. */
  parentTurnId: bigint;
  /** Depth (u32); 0 for a root turn. */
  depth: number;
  /** Declared type id. */
  typeId: string;
  /** Declared type version (u32). */
  typeVersion: number;
  /** Encoding (u32); 1 = msgpack. */
  encoding: number;
  /** Compression (u32); always 0 when `payload` is present. */
  compression: number;
  /** Uncompressed payload length (u32). */
  uncompressedLen: number;
  /** BLAKE3-256 of the uncompressed payload (32 bytes). */
  contentHash: Uint8Array;
  /** Uncompressed payload; present only when the request set include_payload. */
  payload?: Uint8Array;
}

/** GET_LAST response. */
export interface GetLastResponse {
  /** Turns, oldest → newest. */
  turns: TurnItem[];
}

/** Encodes a GET_LAST request (16 bytes). */
export function encodeGetLastRequest(request: GetLastRequest): Uint8Array {
  return new WireWriter(16)
    .u64(request.contextId)
    .u32(request.limit)
    .u32(request.includePayload ? 1 : 0)
    .finish();
}

/** Decodes a GET_LAST request. Throws `MalformedPayloadError` (400) unless the payload is exactly 16 bytes. */
export function decodeGetLastRequest(payload: Uint8Array): GetLastRequest {
  const r = new WireReader(payload, "GET_LAST");
  const out = { contextId: r.u64("context_id"), limit: r.u32("limit"), includePayload: r.u32("include_payload") !== 0 };
  r.end();
  return out;
}

/**
 * Encodes a GET_LAST response. Every item must carry `payload` when `includePayload` is true, and
 * none is written otherwise; a missing payload throws a `RangeError`.
 */
export function encodeGetLastResponse(response: GetLastResponse, includePayload: boolean): Uint8Array {
  const w = new WireWriter(4 + response.turns.length * 96).u32(response.turns.length);
  for (const turn of response.turns) {
    const typeId = utf8Bytes(turn.typeId);
    w.u64(turn.turnId)
      .u64(turn.parentTurnId)
      .u32(turn.depth)
      .u32(typeId.byteLength)
      .bytes(typeId)
      .u32(turn.typeVersion)
      .u32(turn.encoding)
      .u32(turn.compression)
      .u32(turn.uncompressedLen)
      .hash(turn.contentHash);
    if (includePayload) {
      if (turn.payload === undefined) throw new RangeError(`turn ${turn.turnId} has no payload`);
      w.u32(turn.payload.byteLength).bytes(turn.payload);
    }
  }
  return w.finish();
}

/**
 * Decodes a GET_LAST response; `includePayload` must match the request (the layout differs).
 * Throws `MalformedPayloadError` (400) when malformed.
 */
export function decodeGetLastResponse(payload: Uint8Array, includePayload: boolean): GetLastResponse {
  const r = new WireReader(payload, "GET_LAST response");
  const count = r.u32("count");
  const turns: TurnItem[] = [];
  for (let i = 0; i < count; i++) {
    const turn: TurnItem = {
      turnId: r.u64(`items[${i}].turn_id`),
      parentTurnId: r.u64(`items[${i}].parent_turn_id`),
      depth: r.u32(`items[${i}].depth`),
      typeId: r.utf8(r.u32(`items[${i}].type_id_len`), `items[${i}].type_id`),
      typeVersion: r.u32(`items[${i}].type_version`),
      encoding: r.u32(`items[${i}].encoding`),
      compression: r.u32(`items[${i}].compression`),
      uncompressedLen: r.u32(`items[${i}].uncompressed_len`),
      contentHash: r.hash(`items[${i}].content_hash`),
    };
    if (includePayload) turn.payload = r.bytes(r.u32(`items[${i}].payload_len`), `items[${i}].payload`).slice();
    turns.push(turn);
  }
  r.end();
  return { turns };
}
