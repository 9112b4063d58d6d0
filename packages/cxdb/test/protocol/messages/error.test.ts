import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeErrorResponse, encodeErrorResponse } from "../../../src/protocol/messages/error.js";
import { text, u32 } from "../helpers/arbitraries.js";

describe("ERROR codec", () => {
  it("round-trips", () => {
    fc.assert(
      fc.property(u32, text(), (code, detail) => {
        expect(decodeErrorResponse(encodeErrorResponse({ code, detail }))).toEqual({ code, detail });
      }),
    );
  });

  it("decodes a detail that is not UTF-8 rather than failing", () => {
    const payload = Uint8Array.from([0x94, 1, 0, 0, 1, 0, 0, 0, 0xff]);
    expect(decodeErrorResponse(payload)).toEqual({ code: 404, detail: "\ufffd" });
  });
});
