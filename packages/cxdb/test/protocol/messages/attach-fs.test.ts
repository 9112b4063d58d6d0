import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeAttachFsRequest,
  decodeAttachFsResponse,
  encodeAttachFsRequest,
  encodeAttachFsResponse,
} from "../../../src/protocol/messages/attach-fs.js";
import { hash, u64 } from "../helpers/arbitraries.js";

describe("ATTACH_FS codec", () => {
  it("round-trips the 40-byte request and its echo", () => {
    fc.assert(
      fc.property(u64, hash, (turnId, fsRootHash) => {
        const message = { turnId, fsRootHash };
        const request = encodeAttachFsRequest(message);
        expect(request.byteLength).toBe(40);
        expect(decodeAttachFsRequest(request)).toEqual(message);
        expect(decodeAttachFsResponse(encodeAttachFsResponse(message))).toEqual(message);
      }),
    );
  });
});
