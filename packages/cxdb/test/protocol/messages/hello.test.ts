import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MalformedPayloadError } from "../../../src/protocol/errors.js";
import {
  decodeHelloRequest,
  decodeHelloResponse,
  encodeHelloRequest,
  encodeHelloResponse,
} from "../../../src/protocol/messages/hello.js";
import { text, u16, u64 } from "../helpers/arbitraries.js";

describe("HELLO codec", () => {
  it("round-trips requests", () => {
    fc.assert(
      fc.property(u16, text(), text(), (protocolVersion, clientTag, clientMetaJson) => {
        const request = { protocolVersion, clientTag, clientMetaJson };
        expect(decodeHelloRequest(encodeHelloRequest(request))).toEqual(request);
      }),
    );
  });

  it("round-trips responses", () => {
    fc.assert(
      fc.property(u64, u16, (sessionId, protocolVersion) => {
        const response = { sessionId, protocolVersion };
        expect(decodeHelloResponse(encodeHelloResponse(response))).toEqual(response);
      }),
    );
  });

  it("decodes an empty payload as an old client", () => {
    expect(decodeHelloRequest(new Uint8Array(0))).toEqual({ protocolVersion: 0, clientTag: "", clientMetaJson: "" });
  });

  it("refuses a client tag that is not UTF-8", () => {
    const payload = Uint8Array.from([1, 0, 1, 0, 0xff, 0, 0, 0, 0]);
    expect(() => decodeHelloRequest(payload)).toThrow(MalformedPayloadError);
    expect(() => decodeHelloRequest(payload)).toThrow(/client_tag is not valid UTF-8/);
  });

  it("refuses to encode a tag longer than a u16 length", () => {
    expect(() => encodeHelloRequest({ protocolVersion: 1, clientTag: "x".repeat(65_536), clientMetaJson: "" })).toThrow(
      RangeError,
    );
  });
});
