import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeContextHeadResponse,
  decodeCtxCreateRequest,
  decodeCtxForkRequest,
  decodeGetHeadRequest,
  encodeContextHeadResponse,
  encodeCtxCreateRequest,
  encodeCtxForkRequest,
  encodeGetHeadRequest,
} from "../../../src/protocol/messages/context.js";
import { u32, u64 } from "../helpers/arbitraries.js";

describe("CTX_CREATE / CTX_FORK / GET_HEAD codecs", () => {
  it("round-trip their 8-byte requests", () => {
    fc.assert(
      fc.property(u64, (id) => {
        expect(decodeCtxCreateRequest(encodeCtxCreateRequest({ baseTurnId: id }))).toEqual({ baseTurnId: id });
        expect(decodeCtxForkRequest(encodeCtxForkRequest({ baseTurnId: id }))).toEqual({ baseTurnId: id });
        expect(decodeGetHeadRequest(encodeGetHeadRequest({ contextId: id }))).toEqual({ contextId: id });
        expect(encodeGetHeadRequest({ contextId: id }).byteLength).toBe(8);
      }),
    );
  });

  it("round-trip the 20-byte context head response", () => {
    fc.assert(
      fc.property(u64, u64, u32, (contextId, headTurnId, headDepth) => {
        const response = { contextId, headTurnId, headDepth };
        const bytes = encodeContextHeadResponse(response);
        expect(bytes.byteLength).toBe(20);
        expect(decodeContextHeadResponse(bytes)).toEqual(response);
      }),
    );
  });

  it("refuses u64 values out of range when encoding", () => {
    expect(() => encodeCtxCreateRequest({ baseTurnId: -1n })).toThrow(RangeError);
    expect(() => encodeCtxCreateRequest({ baseTurnId: 1n << 64n })).toThrow(RangeError);
  });
});
