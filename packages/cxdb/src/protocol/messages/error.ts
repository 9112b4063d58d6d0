/**
 * ERROR (msg_type 255): the server's answer to any failed request, echoing its req_id.
 *
 * ```text
 * code u32 (HTTP-style; see protocol/errors.ts), detail_len u32, detail [utf-8 text]
 * ```
 * @module
 */

import { utf8Bytes, WireReader, WireWriter } from "./wire.js";

/** Decoded ERROR payload. */
export interface ErrorResponse {
  /** HTTP-style code (u32). */
  code: number;
  /** Human-readable detail naming the problem. */
  detail: string;
}

const lenientUtf8 = new TextDecoder("utf-8");

/** Encodes an ERROR payload. */
export function encodeErrorResponse(response: ErrorResponse): Uint8Array {
  const detail = utf8Bytes(response.detail);
  return new WireWriter(8 + detail.byteLength).u32(response.code).u32(detail.byteLength).bytes(detail).finish();
}

/**
 * Decodes an ERROR payload. Invalid UTF-8 in the detail is replaced rather than rejected, since an
 * error should always be reportable. Throws `MalformedPayloadError` (400) when truncated or over-long.
 */
export function decodeErrorResponse(payload: Uint8Array): ErrorResponse {
  const r = new WireReader(payload, "ERROR");
  const code = r.u32("code");
  const detail = lenientUtf8.decode(r.bytes(r.u32("detail_len"), "detail"));
  r.end();
  return { code, detail };
}
