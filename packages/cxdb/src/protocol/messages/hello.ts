/**
 * HELLO (msg_type 1): the handshake.
 *
 * ```text
 * request  (empty, or)  protocol_version u16, client_tag_len u16, client_tag [utf-8],
 *                       client_meta_json_len u32, client_meta_json [utf-8]
 * response              session_id u64, protocol_version u16
 * ```
 * @module
 */

import { utf8Bytes, WireReader, WireWriter } from "./wire.js";

/** Decoded HELLO request. An empty payload (older clients) decodes as version 0, empty tag, no meta. */
export interface HelloRequest {
  /** Client's protocol version (u16); CXDB clients send 1. */
  protocolVersion: number;
  /** Client identifier, e.g. `"dotrunner"` (at most 65535 UTF-8 bytes). */
  clientTag: string;
  /** Optional client metadata as JSON text; `""` when absent. */
  clientMetaJson: string;
}

/** HELLO response. */
export interface HelloResponse {
  /** Server-assigned session id (u64). */
  sessionId: bigint;
  /** Server protocol version (u16); 1. */
  protocolVersion: number;
}

/** Encodes a HELLO request in the long form. Throws a `RangeError` when the tag exceeds 65535 bytes. */
export function encodeHelloRequest(request: HelloRequest): Uint8Array {
  const tag = utf8Bytes(request.clientTag);
  const meta = utf8Bytes(request.clientMetaJson);
  return new WireWriter(8 + tag.byteLength + meta.byteLength)
    .u16(request.protocolVersion)
    .u16(tag.byteLength)
    .bytes(tag)
    .u32(meta.byteLength)
    .bytes(meta)
    .finish();
}

/** Decodes a HELLO request (empty or long form). Throws `MalformedPayloadError` (400) when malformed. */
export function decodeHelloRequest(payload: Uint8Array): HelloRequest {
  if (payload.byteLength === 0) return { protocolVersion: 0, clientTag: "", clientMetaJson: "" };
  const r = new WireReader(payload, "HELLO");
  const protocolVersion = r.u16("protocol_version");
  const tagLen = r.u16("client_tag_len");
  const clientTag = r.utf8(tagLen, "client_tag");
  const metaLen = r.u32("client_meta_json_len");
  const clientMetaJson = r.utf8(metaLen, "client_meta_json");
  r.end();
  return { protocolVersion, clientTag, clientMetaJson };
}

/** Encodes a HELLO response (10 bytes). */
export function encodeHelloResponse(response: HelloResponse): Uint8Array {
  return new WireWriter(10).u64(response.sessionId).u16(response.protocolVersion).finish();
}

/** Decodes a HELLO response. Throws `MalformedPayloadError` (400) when malformed. */
export function decodeHelloResponse(payload: Uint8Array): HelloResponse {
  const r = new WireReader(payload, "HELLO response");
  const out = { sessionId: r.u64("session_id"), protocolVersion: r.u16("protocol_version") };
  r.end();
  return out;
}
