/**
 * The blob CAS: bytes keyed by BLAKE3-256 of their uncompressed form, stored zstd-compressed when
 * that is smaller, written once (deduplicated).
 * @module
 */

import { Codec, decodeFromStorage, encodeForStorage } from "./codec.js";
import { HashMismatchError, NotFoundError, PayloadTooLargeError } from "./errors.js";
import { blake3, bytesToHex, type HashInput, toHashBytes, toHashHex } from "./hash.js";
import type { PayloadCache } from "./payload-cache.js";
import type { SqliteDatabase, SqliteStatement } from "./sqlite.js";

/** A blob ready to be inserted: hashed and, if worthwhile, compressed (no I/O yet). */
export interface PreparedBlob {
  /** 32 bytes. */
  hash: Buffer;
  hashHex: string;
  raw: Uint8Array;
  /** Set once {@link BlobStore.prepare} found the blob absent and encoded it. */
  codec?: number;
  stored?: Uint8Array;
}

/** What a caller already read of a blob: its codec, and its data when stored uncompressed. */
export interface KnownBlob {
  codec: number;
  data?: Uint8Array;
}

interface BlobRow {
  raw_len: number;
  codec: number;
  data: Buffer;
}

/**
 * Reads and writes the `blobs` table. Writes happen inside the caller's transaction. Decompressed
 * payloads go through a {@link PayloadCache}.
 */
export class BlobStore {
  private readonly hasStmt: SqliteStatement<{ one: number }>;
  private readonly getStmt: SqliteStatement<BlobRow>;
  private readonly insertStmt: SqliteStatement;

  constructor(
    db: SqliteDatabase,
    private readonly maxBlobBytes: number,
    private readonly now: () => number,
    private readonly cache: PayloadCache,
  ) {
    this.hasStmt = db.prepare("SELECT 1 AS one FROM blobs WHERE hash = ?");
    this.getStmt = db.prepare("SELECT raw_len, codec, data FROM blobs WHERE hash = ?");
    this.insertStmt = db.prepare(
      "INSERT OR IGNORE INTO blobs (hash, raw_len, codec, stored_len, data, created_at_unix_ms) VALUES (?, ?, ?, ?, ?, ?)",
    );
  }

  /**
   * Hashes `raw`, checks it against `expected`, and compresses it when it is not stored yet.
   * Pure CPU work plus one read: call it before opening the write transaction.
   * @throws PayloadTooLargeError over `maxBlobBytes`; HashMismatchError when `expected` differs.
   */
  prepare(raw: Uint8Array, expected?: HashInput): PreparedBlob {
    if (raw.byteLength > this.maxBlobBytes) {
      throw new PayloadTooLargeError({
        message: `blob of ${raw.byteLength} bytes is over the ${this.maxBlobBytes}-byte limit`,
      });
    }
    const digest = blake3(raw);
    const hashHex = bytesToHex(digest);
    if (expected !== undefined) {
      const want = toHashHex(expected, "content hash");
      if (want !== hashHex) {
        throw new HashMismatchError({
          message: `content hash mismatch: expected ${want}, the bytes hash to ${hashHex}`,
          expected: want,
          actual: hashHex,
        });
      }
    }
    const hash = Buffer.from(digest);
    const blob: PreparedBlob = { hash, hashHex, raw };
    if (this.hasStmt.get(hash) === undefined) Object.assign(blob, encodeForStorage(raw));
    return blob;
  }

  /**
   * Inserts a prepared blob unless it is already there (run inside a write transaction).
   * @returns true when this call stored it.
   */
  insert(blob: PreparedBlob): boolean {
    if (blob.codec === undefined || blob.stored === undefined) {
      // Found at prepare time; it may not be there any more only if blobs were deleted, which never happens.
      if (this.hasStmt.get(blob.hash) !== undefined) return false;
      Object.assign(blob, encodeForStorage(blob.raw));
    }
    const stored = blob.stored as Uint8Array;
    const info = this.insertStmt.run(
      blob.hash,
      blob.raw.byteLength,
      blob.codec as number,
      stored.byteLength,
      stored,
      this.now(),
    );
    return info.changes > 0;
  }

  /**
   * Caches the uncompressed bytes of a blob a committed write just stored compressed, so the first
   * reads of a fresh turn need not decompress it.
   */
  remember(blob: PreparedBlob): void {
    if (blob.codec === Codec.ZSTD) this.cache.put(blob.hashHex, blob.raw);
  }

  /**
   * The uncompressed bytes of a stored blob (a fresh array the caller may keep and modify): its
   * data as read when it is stored uncompressed, else from the payload cache, else read and
   * decompressed (and cached).
   * @param known the blob's codec (and its data, for an uncompressed blob) when the caller read them.
   * @throws NotFoundError when the blob is absent; UnprocessableError when stored zstd data does
   *   not decode to its length (corruption).
   */
  payload(hash: Buffer, hashHex: string, known?: KnownBlob): Uint8Array {
    return this.payloads([{ hash, hashHex, known }])[0];
  }

  /**
   * {@link payload} for many blobs at once. The payloads found in the cache are copied into one
   * fresh buffer (one allocation, not one per payload) and returned as views of it.
   */
  payloads(blobs: ReadonlyArray<{ hash: Buffer; hashHex: string; known?: KnownBlob }>): Uint8Array[] {
    const out: Uint8Array[] = new Array(blobs.length);
    const shared: number[] = [];
    let sharedBytes = 0;
    blobs.forEach(({ hash, hashHex, known }, i) => {
      if (known !== undefined && known.codec !== Codec.ZSTD && known.data !== undefined) {
        out[i] = known.data;
        return;
      }
      const cached = known === undefined || known.codec === Codec.ZSTD ? this.cache.get(hashHex) : undefined;
      if (cached !== undefined) {
        out[i] = cached;
        shared.push(i);
        sharedBytes += cached.byteLength;
        return;
      }
      out[i] = this.read(hash, hashHex);
    });
    if (shared.length === 1) out[shared[0]] = new Uint8Array(out[shared[0]]);
    else if (shared.length > 1) {
      const buffer = new Uint8Array(sharedBytes);
      let at = 0;
      for (const i of shared) {
        const bytes = out[i];
        buffer.set(bytes, at);
        out[i] = buffer.subarray(at, at + bytes.byteLength);
        at += bytes.byteLength;
      }
    }
    return out;
  }

  /** Reads and decodes a blob (caching it when it was compressed). */
  private read(hash: Buffer, hashHex: string): Uint8Array {
    const row = this.getStmt.get(hash);
    if (row === undefined) throw new NotFoundError({ message: `blob not found: ${hashHex}` });
    const raw = decodeFromStorage(
      row.codec,
      new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
      row.raw_len,
    );
    if (row.codec === Codec.ZSTD) this.cache.put(hashHex, raw);
    return raw;
  }

  /** True when a blob with this hash is stored. */
  has(hash: HashInput): boolean {
    return this.hasStmt.get(toHashBytes(hash)) !== undefined;
  }

  /**
   * The uncompressed bytes of a blob.
   * @throws NotFoundError when no blob has this hash.
   */
  get(hash: HashInput): Uint8Array {
    const key = toHashBytes(hash);
    return this.payload(key, key.toString("hex"));
  }
}
