import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FLAG_HAS_FS_ROOT } from "../../../src/protocol/frame.js";
import {
  type AppendTurnRequest,
  appendTurnFlags,
  decodeAppendTurnRequest,
  decodeAppendTurnResponse,
  encodeAppendTurnRequest,
  encodeAppendTurnResponse,
} from "../../../src/protocol/messages/append-turn.js";
import { bytes, hash, text, u32, u64 } from "../helpers/arbitraries.js";

const request: fc.Arbitrary<AppendTurnRequest> = fc
  .record({
    contextId: u64,
    parentTurnId: u64,
    typeId: text(),
    typeVersion: u32,
    encoding: u32,
    compression: u32,
    uncompressedLen: u32,
    contentHash: hash,
    payload: bytes(1024),
    idempotencyKey: bytes(64),
    fsRootHash: fc.option(hash, { nil: undefined }),
  })
  .map((r) => {
    if (r.fsRootHash === undefined) delete r.fsRootHash;
    return r;
  });

describe("APPEND_TURN codec", () => {
  it("round-trips requests, with the fs root signalled by flags & 1", () => {
    fc.assert(
      fc.property(request, (req) => {
        const flags = appendTurnFlags(req);
        expect(flags).toBe(req.fsRootHash === undefined ? 0 : FLAG_HAS_FS_ROOT);
        expect(decodeAppendTurnRequest(encodeAppendTurnRequest(req), flags)).toEqual(req);
      }),
    );
  });

  it("round-trips the 52-byte response", () => {
    fc.assert(
      fc.property(u64, u64, u32, hash, (contextId, newTurnId, newDepth, contentHash) => {
        const response = { contextId, newTurnId, newDepth, contentHash };
        const encoded = encodeAppendTurnResponse(response);
        expect(encoded.byteLength).toBe(52);
        expect(decodeAppendTurnResponse(encoded)).toEqual(response);
      }),
    );
  });

  it("reads the fs root only when flags & 1 (other flag bits are ignored)", () => {
    const req = fc.sample(request, { seed: 7, numRuns: 1 })[0]!;
    req.fsRootHash = new Uint8Array(32).fill(0xbb);
    const encoded = encodeAppendTurnRequest(req);
    expect(decodeAppendTurnRequest(encoded, 0x8001).fsRootHash).toEqual(req.fsRootHash);
    expect(() => decodeAppendTurnRequest(encoded, 0)).toThrow(/32 unexpected trailing bytes/);
    delete req.fsRootHash;
    expect(() => decodeAppendTurnRequest(encodeAppendTurnRequest(req), 1)).toThrow(/fs_root_hash/);
  });

  it("names the field a declared length runs past", () => {
    const req = fc.sample(request, { seed: 3, numRuns: 1 })[0]!;
    const encoded = encodeAppendTurnRequest({ ...req, payload: new Uint8Array(4) });
    const typeLen = Buffer.byteLength(req.typeId);
    const payloadLenAt = 8 + 8 + 4 + typeLen + 4 + 12 + 32;
    new DataView(encoded.buffer).setUint32(payloadLenAt, 0xffff_fff0, true);
    expect(() => decodeAppendTurnRequest(encoded, 0)).toThrow(
      /APPEND_TURN: truncated payload: payload needs 4294967280/,
    );
  });
});
