// The blob CAS and payload checks: BLAKE3 keys, dedup, zstd storage policy, hash/length/zstd/msgpack errors.
import { compress } from "@bokuweb/zstd-wasm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  HashMismatchError,
  InvalidArgumentError,
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableError,
} from "../../src/store/errors.js";
import { blake3Hex } from "../../src/store/hash.js";
import type { Store } from "../../src/store/store.js";
import { FSTREE_FIXTURE, memoryStore, tagged } from "../helpers/store.js";

let store: Store;
beforeEach(async () => {
  store = await memoryStore({ maxBlobBytes: 1024 * 1024 });
});
afterEach(() => store.close());

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("putBlob / getBlob", () => {
  it("keys blobs by BLAKE3-256 of the bytes (CXDB's vectors) and deduplicates", () => {
    expect(store.putBlob(text("hello"))).toEqual({ hash: FSTREE_FIXTURE.blake3.hello, wasNew: true });
    expect(store.putBlob(text("hello"))).toEqual({ hash: FSTREE_FIXTURE.blake3.hello, wasNew: false });
    expect(store.putBlob(new Uint8Array()).hash).toBe(FSTREE_FIXTURE.blake3.empty);
    expect(store.getBlob(FSTREE_FIXTURE.blake3.hello)).toEqual(text("hello"));
    expect(store.hasBlob(FSTREE_FIXTURE.blake3.hello.toUpperCase())).toBe(true);
    expect(store.stats().blobs).toBe(2);
    expect(store.metrics.dedupHits).toBe(1);
  });

  it("stores compressible blobs zstd-compressed, small and incompressible ones raw", () => {
    const big = text("the same line again\n".repeat(500));
    store.putBlob(big);
    let stats = store.stats();
    expect(stats.blobRawBytes).toBe(big.byteLength);
    expect(stats.blobStoredBytes).toBeLessThan(big.byteLength / 5);
    expect(store.getBlob(blake3Hex(big))).toEqual(big);
    const bigStored = stats.blobStoredBytes;
    const small = text("x".repeat(100));
    const random = new Uint8Array(4096).map(() => Math.floor(Math.random() * 256));
    store.putBlob(small);
    store.putBlob(random);
    stats = store.stats();
    // The small and the random blob are stored as they are.
    expect(stats.blobStoredBytes).toBe(bigStored + 100 + 4096);
    expect(store.getBlob(blake3Hex(random))).toEqual(random);
  });

  it("rejects a supplied hash that does not match, malformed hashes and missing blobs", () => {
    expect(() => store.putBlob(text("hello"), { hash: FSTREE_FIXTURE.blake3.empty })).toThrow(HashMismatchError);
    expect(store.hasBlob(FSTREE_FIXTURE.blake3.hello)).toBe(false);
    expect(() => store.getBlob("abc")).toThrow(InvalidArgumentError);
    expect(() => store.getBlob("00".repeat(32))).toThrow(NotFoundError);
    expect(() => store.putBlob(new Uint8Array(1024 * 1024 + 1))).toThrow(PayloadTooLargeError);
  });
});

describe("append payload checks", () => {
  const base = { typeId: "t.T", typeVersion: 1 };

  it("verifies the content hash of the uncompressed bytes", () => {
    const ctx = store.createContext();
    const payload = tagged({ 1: "hi" });
    const ok = store.append(ctx.contextId, { ...base, payload, contentHash: blake3Hex(payload) });
    expect(ok.contentHash).toBe(blake3Hex(payload));
    const err = (() => {
      try {
        store.append(ctx.contextId, { ...base, payload, contentHash: "11".repeat(32) });
      } catch (e) {
        return e as HashMismatchError;
      }
    })();
    expect(err).toBeInstanceOf(HashMismatchError);
    expect(err).toMatchObject({ status: 422, binaryCode: 422, expected: "11".repeat(32), actual: blake3Hex(payload) });
    expect(store.stats().turns).toBe(1);
  });

  it("accepts zstd payloads with their uncompressed length, and rejects bad zstd and length mismatches", () => {
    const ctx = store.createContext();
    const payload = tagged({ 1: "a fairly long text ".repeat(40) });
    const packed = compress(payload, 3);
    const r = store.append(ctx.contextId, {
      ...base,
      payload: packed,
      compression: 1,
      uncompressedLen: payload.byteLength,
      contentHash: blake3Hex(payload),
    });
    expect(store.getTurn(r.turnId)).toMatchObject({ compression: 1, uncompressedLen: payload.byteLength, payload });
    expect(() => store.append(ctx.contextId, { ...base, payload: packed, compression: 1, uncompressedLen: 5 })).toThrow(
      /declares \d+ bytes, uncompressed_len says 5/,
    );
    expect(() =>
      store.append(ctx.contextId, { ...base, payload: payload, compression: 1, uncompressedLen: 10 }),
    ).toThrow(/not a zstd frame/);
    expect(() => store.append(ctx.contextId, { ...base, payload, uncompressedLen: payload.byteLength + 1 })).toThrow(
      /uncompressed length mismatch/,
    );
    expect(() => store.append(ctx.contextId, { ...base, payload, compression: 7 })).toThrow(
      /unsupported compression 7/,
    );
    expect(() => store.append(ctx.contextId, { ...base, payload, encoding: 2 })).toThrow(/unsupported encoding 2/);
    expect(store.stats().turns).toBe(1);
  });

  it("rejects bad msgpack naming the byte offset, and other malformed inputs", () => {
    const ctx = store.createContext();
    const bad = (payload: Uint8Array) => () => store.append(ctx.contextId, { ...base, payload });
    expect(bad(new Uint8Array([0xa5, 0x61]))).toThrow(
      /invalid msgpack at byte 1: truncated \(needs 5 more bytes, 1 left\)/,
    );
    expect(bad(new Uint8Array([0x82, 0x01]))).toThrow(/map of 2 entries is longer than the data/);
    expect(bad(new Uint8Array([0xc1]))).toThrow(/byte 0: byte 0xc1 is never used/);
    expect(bad(new Uint8Array([0x01, 0x02]))).toThrow(/1 trailing bytes/);
    expect(bad(new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]))).toThrow(UnprocessableError);
    expect(() => store.append(ctx.contextId, { typeId: "", typeVersion: 1, payload: 1 })).toThrow(InvalidArgumentError);
    expect(() => store.append(ctx.contextId, { typeId: "t", typeVersion: -1, payload: 1 })).toThrow(/type_version/);
    expect(() => store.append(ctx.contextId, { ...base, payload: undefined })).toThrow(/payload is required/);
    expect(() => store.append(ctx.contextId, { ...base, payload: () => 1 })).toThrow(/cannot encode a function/);
    expect(store.stats().turns).toBe(0);
  });

  it("encodes JS values as msgpack and deduplicates identical payload blobs across contexts", () => {
    const a = store.createContext();
    const b = store.createContext();
    const ra = store.append(a.contextId, { ...base, payload: new Map([[1, "same"]]) });
    const rb = store.append(b.contextId, { ...base, payload: tagged({ 1: "same" }) });
    expect(ra.contentHash).toBe(rb.contentHash);
    expect(store.stats()).toMatchObject({ turns: 2, blobs: 1 });
  });
});
