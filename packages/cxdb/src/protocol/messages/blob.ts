/**
 * GET_BLOB (msg_type 9) and PUT_BLOB (msg_type 11): the content-addressed blob store.
 *
 * ```text
 * GET_BLOB request   hash [32]                       (BLAKE3-256 of the uncompressed bytes)
 * GET_BLOB response  raw_len u32, raw [uncompressed]
 * PUT_BLOB request   hash [32], raw_len u32, raw [uncompressed]
 * PUT_BLOB response  hash [32], was_new u8 (1 = newly stored, 0 = already present)   (33 bytes)
 * ```
 * @module
 */

import { WireReader, WireWriter } from "./wire.js";

/** GET_BLOB request. */
export interface GetBlobRequest {
  /** BLAKE3-256 of the blob's uncompressed bytes (32 bytes). */
  hash: Uint8Array;
}

/** GET_BLOB response. */
export interface GetBlobResponse {
  /** The blob's uncompressed bytes. */
  bytes: Uint8Array;
}

/** PUT_BLOB request. */
export interface PutBlobRequest {
  /** BLAKE3-256 of `bytes` (32 bytes); the server verifies it. */
  hash: Uint8Array;
  /** Uncompressed bytes. */
  bytes: Uint8Array;
}

/** PUT_BLOB response (33 bytes). */
export interface PutBlobResponse {
  /** The blob's hash (32 bytes). */
  hash: Uint8Array;
  /** True when the blob was not stored before. */
  wasNew: boolean;
}

/** Encodes a GET_BLOB request (32 bytes). */
export function encodeGetBlobRequest(request: GetBlobRequest): Uint8Array {
  return new WireWriter(32).hash(request.hash).finish();
}

/** Decodes a GET_BLOB request. Throws `MalformedPayloadError` (400) unless the payload is exactly 32 bytes. */
export function decodeGetBlobRequest(payload: Uint8Array): GetBlobRequest {
  const r = new WireReader(payload, "GET_BLOB");
  const hash = r.hash("hash");
  r.end();
  return { hash };
}

/** Encodes a GET_BLOB response. */
export function encodeGetBlobResponse(response: GetBlobResponse): Uint8Array {
  return new WireWriter(4 + response.bytes.byteLength).u32(response.bytes.byteLength).bytes(response.bytes).finish();
}

/** Decodes a GET_BLOB response. Throws `MalformedPayloadError` (400) when malformed. */
export function decodeGetBlobResponse(payload: Uint8Array): GetBlobResponse {
  const r = new WireReader(payload, "GET_BLOB response");
  const bytes = r.bytes(r.u32("raw_len"), "raw").slice();
  r.end();
  return { bytes };
}

/** Encodes a PUT_BLOB request. */
export function encodePutBlobRequest(request: PutBlobRequest): Uint8Array {
  return new WireWriter(36 + request.bytes.byteLength)
    .hash(request.hash)
    .u32(request.bytes.byteLength)
    .bytes(request.bytes)
    .finish();
}

/** Decodes a PUT_BLOB request (`bytes` is a view into the frame). Throws `MalformedPayloadError` (400) when malformed. */
export function decodePutBlobRequest(payload: Uint8Array): PutBlobRequest {
  const r = new WireReader(payload, "PUT_BLOB");
  const hash = r.hash("hash");
  const bytes = r.bytes(r.u32("raw_len"), "raw");
  r.end();
  return { hash, bytes };
}

/** Encodes the 33-byte PUT_BLOB response. */
export function encodePutBlobResponse(response: PutBlobResponse): Uint8Array {
  return new WireWriter(33)
    .hash(response.hash)
    .u8(response.wasNew ? 1 : 0)
    .finish();
}

/** Decodes the 33-byte PUT_BLOB response (`was_new` non-zero = true). Throws `MalformedPayloadError` (400) when malformed. */
export function decodePutBlobResponse(payload: Uint8Array): PutBlobResponse {
  const r = new WireReader(payload, "PUT_BLOB response");
  const out = { hash: r.hash("hash"), wasNew: r.u8("was_new") !== 0 };
  r.end();
  return out;
}
