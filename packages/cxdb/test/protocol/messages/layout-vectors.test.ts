/**
 * The codec against its own hand-written layout vectors (test/fixtures/protocol/): decoding gives the
 * documented values, encoding gives the documented bytes, and every cut or padded payload is refused.
 */
import { describe, expect, it } from "vitest";
import { MalformedPayloadError } from "../../../src/protocol/errors.js";
import { codecCases } from "../helpers/codec-cases.js";
import { fixtureBytes, loadLayoutFixtures, revive } from "../helpers/layout-fixtures.js";

const fixtures = loadLayoutFixtures();

describe("own layout vectors", () => {
  it("covers every message codec", () => {
    const covered = new Set(fixtures.map((f) => `${f.msg_type}/${f.direction}`));
    for (const key of ["1/request", "2/request", "3/request", "4/request", "5/request", "6/request", "9/request"]) {
      expect(covered, key).toContain(key);
    }
    for (const key of ["10/request", "11/request", "1/response", "2/response", "5/response", "6/response"]) {
      expect(covered, key).toContain(key);
    }
    for (const key of ["9/response", "10/response", "11/response", "255/response"]) {
      expect(covered, key).toContain(key);
    }
  });

  for (const fixture of fixtures) {
    const codec = codecCases[`${fixture.msg_type}/${fixture.direction}`]!;
    const bytes = fixtureBytes(fixture);
    const include = fixture.include_payload ?? false;

    describe(fixture.name, () => {
      it("decodes to the documented values", () => {
        expect(codec.decode(bytes, fixture.flags, include)).toEqual(revive(fixture.decoded));
      });

      if (fixture.encode !== false) {
        it("encodes to the documented bytes and flags", () => {
          const { payload, flags } = codec.encode(revive(fixture.decoded), include);
          expect(Buffer.from(payload).toString("hex")).toBe(Buffer.from(bytes).toString("hex"));
          expect(flags).toBe(fixture.flags);
        });
      }

      it("refuses every truncation and trailing bytes with a 400 naming the message", () => {
        const cuts = fixture.name === "hello_request_tag_meta" ? [] : [0];
        for (let cut = 1; cut < bytes.byteLength; cut++) cuts.push(cut);
        for (const cut of cuts) {
          if (bytes.byteLength === 0) break;
          expectMalformedPayloadError(() => codec.decode(bytes.subarray(0, cut), fixture.flags, include));
        }
        const padded = new Uint8Array(bytes.byteLength + 1);
        padded.set(bytes);
        expectMalformedPayloadError(() => codec.decode(padded, fixture.flags, include));
      });
    });
  }
});

function expectMalformedPayloadError(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MalformedPayloadError);
  expect((caught as MalformedPayloadError).binaryCode).toBe(400);
  expect((caught as MalformedPayloadError).message).toMatch(/truncated|trailing/);
}
