/**
 * Checking an append before it touches the database: type and version, encoding and compression,
 * zstd decoding with the declared length, msgpack validity, BLAKE3 against the supplied hash, and
 * blob compression. Everything here is CPU work plus one blob-existence read, so the write
 * transaction that follows stays short.
 * @module
 */
import type { BlobStore, PreparedBlob } from "./blobs.js";
import { zstdDecompress, zstdFrameContentSize } from "./codec.js";
import { InvalidArgumentError, PayloadTooLargeError, UnprocessableError } from "./errors.js";
import { toHashBytes } from "./hash.js";
import { toId } from "./ids.js";
import { decodeMsgpack } from "./msgpack.js";
import { encodeMsgpack } from "./msgpack-encode.js";
import type { AppendInput } from "./types.js";

/** Encoding codes (u32). */
export const Encoding = { MSGPACK: 1 } as const;

/** Compression codes of payloads as sent (u32). */
export const Compression = { NONE: 0, ZSTD: 1 } as const;

/** Longest idempotency key, in bytes. */
export const MAX_IDEMPOTENCY_KEY_BYTES = 1024;

/** Longest type id, in bytes of UTF-8. */
export const MAX_TYPE_ID_BYTES = 1024;

/** An append that passed every check that does not need the database's state. */
export interface PreparedAppend {
  /** Explicit parent turn id, 0 = the head. */
  parentTurnId: number;
  typeId: string;
  typeVersion: number;
  encoding: number;
  compression: number;
  blob: PreparedBlob;
  /** Idempotency key bytes, undefined when none. */
  idempotencyKey?: Buffer;
  /** 32-byte file-system root, undefined when none. */
  fsRootHash?: Buffer;
}

/**
 * Checks and prepares one append.
 * @throws InvalidArgumentError for a bad type id/version, parent id or key; UnprocessableError for
 *   an unsupported encoding/compression, bad zstd, a length mismatch or bad msgpack;
 *   HashMismatchError when `contentHash` differs; PayloadTooLargeError over the blob limit.
 */
export function prepareAppend(input: AppendInput, blobs: BlobStore, maxBlobBytes: number): PreparedAppend {
  if (typeof input !== "object" || input === null)
    throw new InvalidArgumentError({ message: "append input must be an object" });
  const { typeId, typeVersion } = input;
  if (typeof typeId !== "string" || typeId === "" || Buffer.byteLength(typeId) > MAX_TYPE_ID_BYTES) {
    throw new InvalidArgumentError({
      message: `type_id must be a non-empty string of at most ${MAX_TYPE_ID_BYTES} bytes`,
    });
  }
  if (!Number.isInteger(typeVersion) || typeVersion < 0 || typeVersion > 0xffffffff) {
    throw new InvalidArgumentError({ message: `type_version must be a u32, got ${String(typeVersion)}` });
  }
  const encoding = input.encoding ?? Encoding.MSGPACK;
  if (encoding !== Encoding.MSGPACK) {
    throw new UnprocessableError({ message: `unsupported encoding ${String(encoding)} (only 1 = msgpack)` });
  }
  const compression = input.compression ?? Compression.NONE;
  if (compression !== Compression.NONE && compression !== Compression.ZSTD) {
    throw new UnprocessableError({ message: `unsupported compression ${String(compression)} (0 = none, 1 = zstd)` });
  }
  const declaredLen = input.uncompressedLen;
  if (declaredLen !== undefined && (!Number.isInteger(declaredLen) || declaredLen < 0)) {
    throw new InvalidArgumentError({ message: `uncompressed_len must be a u32, got ${String(declaredLen)}` });
  }

  let raw: Uint8Array;
  if (input.payload instanceof Uint8Array) {
    raw = input.payload;
    if (compression === Compression.ZSTD) {
      const expected = declaredLen ?? zstdFrameContentSize(raw);
      if (expected === undefined) {
        throw new UnprocessableError({
          message: "zstd frame does not declare its size and uncompressed_len is missing",
        });
      }
      if (expected > maxBlobBytes) {
        throw new PayloadTooLargeError({
          message: `payload of ${expected} bytes is over the ${maxBlobBytes}-byte limit`,
        });
      }
      raw = zstdDecompress(raw, expected);
    } else if (declaredLen !== undefined && declaredLen !== raw.byteLength) {
      throw new UnprocessableError({
        message: `uncompressed length mismatch: payload has ${raw.byteLength} bytes, uncompressed_len says ${declaredLen}`,
      });
    }
  } else {
    if (compression !== Compression.NONE) {
      throw new InvalidArgumentError({ message: "compression applies to payload bytes, not to a value to encode" });
    }
    if (input.payload === undefined) throw new InvalidArgumentError({ message: "payload is required" });
    raw = encodeMsgpack(input.payload);
  }
  decodeMsgpack(raw);
  const blob = blobs.prepare(raw, input.contentHash);

  const prepared: PreparedAppend = {
    parentTurnId: input.parentTurnId === undefined ? 0 : toId(input.parentTurnId, "parent_turn_id"),
    typeId,
    typeVersion,
    encoding,
    compression,
    blob,
  };
  const key = input.idempotencyKey;
  if (key !== undefined && key.length > 0) {
    const bytes = typeof key === "string" ? Buffer.from(key, "utf8") : Buffer.from(key);
    if (bytes.byteLength > MAX_IDEMPOTENCY_KEY_BYTES) {
      throw new InvalidArgumentError({ message: `idempotency key is over ${MAX_IDEMPOTENCY_KEY_BYTES} bytes` });
    }
    prepared.idempotencyKey = bytes;
  }
  if (input.fsRootHash !== undefined) prepared.fsRootHash = toHashBytes(input.fsRootHash, "fs_root_hash");
  return prepared;
}
