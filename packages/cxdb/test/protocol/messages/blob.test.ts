import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeGetBlobRequest,
  decodeGetBlobResponse,
  decodePutBlobRequest,
  decodePutBlobResponse,
  encodeGetBlobRequest,
  encodeGetBlobResponse,
  encodePutBlobRequest,
  encodePutBlobResponse,
} from "../../../src/protocol/messages/blob.js";
import { bytes, hash } from "../helpers/arbitraries.js";

describe("GET_BLOB / PUT_BLOB codecs", () => {
  it("round-trip requests and responses", () => {
    fc.assert(
      fc.property(hash, bytes(2048), fc.boolean(), (h, data, wasNew) => {
        expect(decodeGetBlobRequest(encodeGetBlobRequest({ hash: h }))).toEqual({ hash: h });
        expect(decodeGetBlobResponse(encodeGetBlobResponse({ bytes: data }))).toEqual({ bytes: data });
        expect(decodePutBlobRequest(encodePutBlobRequest({ hash: h, bytes: data }))).toEqual({ hash: h, bytes: data });
        const response = encodePutBlobResponse({ hash: h, wasNew });
        expect(response.byteLength).toBe(33);
        expect(decodePutBlobResponse(response)).toEqual({ hash: h, wasNew });
      }),
    );
  });

  it("refuses to encode a hash that is not 32 bytes", () => {
    expect(() => encodeGetBlobRequest({ hash: new Uint8Array(31) })).toThrow(RangeError);
  });
});
