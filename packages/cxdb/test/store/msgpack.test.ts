// The msgpack reader and writer: round trips (fast-check), integer widths, Go's encodings, limits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeMsgpack, MsgFloat, MsgMap, type MsgValue, tagOf } from "../../src/store/msgpack.js";
import { encodeMsgpack, MAX_ENCODE_DEPTH } from "../../src/store/msgpack-encode.js";

/** A decoded value back to plain JS (maps as Map) for comparison. */
function plain(value: MsgValue): unknown {
  if (value instanceof MsgMap) return new Map(value.entries.map(([k, v]) => [plain(k), plain(v)]));
  if (value instanceof MsgFloat) return value.value;
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 32 }),
  fc.maxSafeInteger(),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n - 1n }),
  fc.bigInt({ min: -(2n ** 63n), max: -(2n ** 53n) }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  fc.string(),
  fc.uint8Array({ maxLength: 300 }),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("map")),
  array: fc.array(tie("value"), { maxLength: 20 }),
  map: fc.array(fc.tuple(fc.nat(1000), tie("value")), { maxLength: 20 }).map((entries) => new Map(entries)),
})).value;

describe("msgpack", () => {
  it("round-trips any value through encodeMsgpack and decodeMsgpack", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(plain(decodeMsgpack(encodeMsgpack(v)))).toEqual(v);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws anything but a CXDB error on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeMsgpack(bytes);
        } catch (error) {
          expect((error as Error).name).toBe("UnprocessableError");
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("uses the smallest integer encodings, fixed width for bigint", () => {
    const hexOf = (v: unknown) => Buffer.from(encodeMsgpack(v)).toString("hex");
    expect([0, 127, 128, 255, 256, 65536, -1, -33, -129].map(hexOf)).toEqual([
      "00",
      "7f",
      "cc80",
      "ccff",
      "cd0100",
      "ce00010000",
      "ff",
      "d0df",
      "d1ff7f",
    ]);
    expect(hexOf(1n)).toBe("cf0000000000000001");
    expect(hexOf(1.5)).toBe("cb3ff8000000000000");
    expect(hexOf({ a: 1, b: undefined })).toBe("81a16101");
    expect(hexOf(new Map([[30, "x"]]))).toBe("811ea178");
  });

  it("accepts integer and digit-string tags, and refuses what it cannot encode", () => {
    expect([tagOf(7), tagOf("30"), tagOf(3n), tagOf("x"), tagOf(-1), tagOf("1e3")]).toEqual([
      7,
      30,
      3,
      undefined,
      undefined,
      undefined,
    ]);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => encodeMsgpack(cyclic)).toThrow(`deeper than ${MAX_ENCODE_DEPTH}`);
    expect(() => encodeMsgpack(new Date())).toThrow(/cannot encode a Date/);
    expect(() => encodeMsgpack(2n ** 64n)).toThrow(/does not fit in 64 bits/);
    const deep = new Uint8Array(300).fill(0x91);
    expect(() => decodeMsgpack(deep)).toThrow(/nesting deeper than/);
  });
});
