/**
 * zstd through @bokuweb/zstd-wasm: the blob compression policy and a guarded decompressor for
 * untrusted frames (the declared length is checked before any memory is allocated for it).
 * @module
 */
import { compressUsingDict, createCCtx, createDCtx, decompressUsingDict, init } from "@bokuweb/zstd-wasm";
import { UnprocessableError } from "./errors.js";

/** Blob codecs as stored (CXDB's `codec u16`). */
export const Codec = { NONE: 0, ZSTD: 1 } as const;

/** Blobs smaller than this many bytes are stored uncompressed (CXDB's policy). */
export const MIN_COMPRESS_BYTES = 128;

/** zstd level used for stored blobs (CXDB's default). */
export const ZSTD_LEVEL = 3;

let ready: Promise<void> | undefined;

/**
 * One compression and one decompression context, reused by every call (JS is single-threaded, and
 * each call runs to completion). `ZSTD_compress`/`ZSTD_decompress` would allocate and free a
 * context per call: reusing them halves the cost of compressing a 10 KB turn.
 */
let contexts: { cctx: number; dctx: number } | undefined;

/** An empty dictionary: the `*_usingDict` entry points with no dictionary are plain zstd. */
const NO_DICT = new Uint8Array(0);

/** Loads the zstd WebAssembly module (once). */
export function initCompression(): Promise<void> {
  ready ??= init();
  return ready;
}

function zstdContexts(): { cctx: number; dctx: number } {
  contexts ??= { cctx: createCCtx(), dctx: createDCtx() };
  return contexts;
}

/**
 * Compresses `raw` for storage: zstd level 3, kept only when strictly smaller; blobs under
 * {@link MIN_COMPRESS_BYTES} stay raw.
 * @returns the codec and the bytes to store.
 */
export function encodeForStorage(raw: Uint8Array): { codec: number; stored: Uint8Array } {
  if (raw.byteLength < MIN_COMPRESS_BYTES) return { codec: Codec.NONE, stored: raw };
  const packed = compressUsingDict(zstdContexts().cctx, raw, NO_DICT, ZSTD_LEVEL);
  return packed.byteLength < raw.byteLength
    ? { codec: Codec.ZSTD, stored: packed }
    : { codec: Codec.NONE, stored: raw };
}

/**
 * Decompresses one or more zstd frames that must yield exactly `expectedLen` bytes.
 * @throws UnprocessableError when the data is not zstd, declares another size, or does not
 *   decompress to `expectedLen` bytes.
 */
export function zstdDecompress(data: Uint8Array, expectedLen: number): Uint8Array {
  const declared = zstdFrameContentSize(data);
  if (declared !== undefined && declared !== expectedLen) {
    throw new UnprocessableError({
      message: `zstd frame declares ${declared} bytes, uncompressed_len says ${expectedLen}`,
    });
  }
  let out: Uint8Array;
  try {
    out = decompressUsingDict(zstdContexts().dctx, data, NO_DICT, { defaultHeapSize: Math.max(1, expectedLen) });
  } catch (cause) {
    throw new UnprocessableError({ message: `zstd decode failed: ${(cause as Error).message}`, cause });
  }
  if (out.byteLength !== expectedLen) {
    throw new UnprocessableError({
      message: `uncompressed length mismatch: got ${out.byteLength} bytes, uncompressed_len says ${expectedLen}`,
    });
  }
  return out;
}

/** Decompresses a blob this store wrote (its length is known). */
export function decodeFromStorage(codec: number, stored: Uint8Array, rawLen: number): Uint8Array {
  return codec === Codec.ZSTD ? zstdDecompress(stored, rawLen) : stored;
}

/**
 * Reads the Frame_Content_Size of the first zstd frame (RFC 8878 §3.1.1.1).
 * @returns the size, or undefined when the frame does not declare one.
 * @throws UnprocessableError when `data` does not start with a zstd frame header.
 */
export function zstdFrameContentSize(data: Uint8Array): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 5 || view.getUint32(0, true) !== 0xfd2fb528) {
    throw new UnprocessableError({ message: "payload is not a zstd frame (bad magic number)" });
  }
  const descriptor = data[4];
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const dictFlag = descriptor & 3;
  const offset = 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][dictFlag];
  const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag];
  if (fcsBytes === 0) return undefined;
  if (data.byteLength < offset + fcsBytes) {
    throw new UnprocessableError({ message: "truncated zstd frame header" });
  }
  switch (fcsBytes) {
    case 1:
      return data[offset];
    case 2:
      return view.getUint16(offset, true) + 256;
    case 4:
      return view.getUint32(offset, true);
    default: {
      const size = view.getBigUint64(offset, true);
      return size > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(size);
    }
  }
}
