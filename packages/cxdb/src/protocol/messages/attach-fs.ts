/**
 * ATTACH_FS (msg_type 10): attach a file-system snapshot (a Merkle tree already in the blob store) to
 * an existing turn; descendants without their own snapshot inherit it.
 *
 * ```text
 * request   turn_id u64, fs_root_hash [32]   (40 bytes)
 * response  the same 40 bytes, echoed
 * ```
 * @module
 */

import { WireReader, WireWriter } from "./wire.js";

/** ATTACH_FS request and response. */
export interface AttachFsMessage {
  /** Turn id (u64). */
  turnId: bigint;
  /** Root tree hash (32 bytes, BLAKE3-256 of the root tree blob). */
  fsRootHash: Uint8Array;
}

function encode(message: AttachFsMessage): Uint8Array {
  return new WireWriter(40).u64(message.turnId).hash(message.fsRootHash).finish();
}

function decode(payload: Uint8Array, what: string): AttachFsMessage {
  const r = new WireReader(payload, what);
  const out = { turnId: r.u64("turn_id"), fsRootHash: r.hash("fs_root_hash") };
  r.end();
  return out;
}

/** Encodes an ATTACH_FS request (40 bytes). */
export function encodeAttachFsRequest(request: AttachFsMessage): Uint8Array {
  return encode(request);
}

/** Decodes an ATTACH_FS request. Throws `MalformedPayloadError` (400) unless the payload is exactly 40 bytes. */
export function decodeAttachFsRequest(payload: Uint8Array): AttachFsMessage {
  return decode(payload, "ATTACH_FS");
}

/** Encodes an ATTACH_FS response (40 bytes: the request echoed). */
export function encodeAttachFsResponse(response: AttachFsMessage): Uint8Array {
  return encode(response);
}

/** Decodes an ATTACH_FS response. Throws `MalformedPayloadError` (400) unless the payload is exactly 40 bytes. */
export function decodeAttachFsResponse(payload: Uint8Array): AttachFsMessage {
  return decode(payload, "ATTACH_FS response");
}
