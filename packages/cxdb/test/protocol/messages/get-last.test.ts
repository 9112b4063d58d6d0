import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeGetLastRequest,
  decodeGetLastResponse,
  encodeGetLastRequest,
  encodeGetLastResponse,
  type TurnItem,
} from "../../../src/protocol/messages/get-last.js";
import { bytes, hash, text, u32, u64 } from "../helpers/arbitraries.js";

const item = (withPayload: boolean): fc.Arbitrary<TurnItem> =>
  fc
    .record({
      turnId: u64,
      parentTurnId: u64,
      depth: u32,
      typeId: text(60),
      typeVersion: u32,
      encoding: u32,
      compression: u32,
      uncompressedLen: u32,
      contentHash: hash,
      payload: bytes(300),
    })
    .map((t): TurnItem => {
      if (withPayload) return t;
      const { payload: _omit, ...rest } = t;
      return rest;
    });

describe("GET_LAST codec", () => {
  it("round-trips the 16-byte request", () => {
    fc.assert(
      fc.property(u64, u32, fc.boolean(), (contextId, limit, includePayload) => {
        const req = { contextId, limit, includePayload };
        const encoded = encodeGetLastRequest(req);
        expect(encoded.byteLength).toBe(16);
        expect(decodeGetLastRequest(encoded)).toEqual(req);
      }),
    );
  });

  it("treats any non-zero include_payload as true, as CXDB does", () => {
    const encoded = encodeGetLastRequest({ contextId: 1n, limit: 1, includePayload: false });
    encoded[12] = 7;
    expect(decodeGetLastRequest(encoded).includePayload).toBe(true);
  });

  it("round-trips responses with and without payloads", () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((include) => fc.tuple(fc.constant(include), fc.array(item(include), { maxLength: 8 }))),
        ([include, turns]) => {
          expect(decodeGetLastResponse(encodeGetLastResponse({ turns }, include), include)).toEqual({ turns });
        },
      ),
    );
  });

  it("refuses to encode an item without payload when payloads are included", () => {
    const [turn] = fc.sample(item(false), { seed: 1, numRuns: 1 });
    expect(() => encodeGetLastResponse({ turns: [turn!] }, true)).toThrow(RangeError);
  });
});
