import { describe, expect, it } from "vitest";
import { readFault, readFaultRules } from "../../../src/kit/faults/parse-fault.js";
import { ShapeError } from "../../../src/kit/shape.js";

describe("readFault / readFaultRules", () => {
  it("reads every kind, and a bare kind name", () => {
    expect(readFault("hang", [])).toEqual({ kind: "hang" });
    expect(readFault({ kind: "rate_limit", retryAfterSeconds: 0.05 }, [])).toEqual({
      kind: "rate_limit",
      retryAfterSeconds: 0.05,
    });
    expect(readFault({ kind: "slow", ttftMs: 10, tokensPerSecond: 100, jitter: 0.2 }, [])).toMatchObject({
      jitter: 0.2,
    });
    expect(readFault({ kind: "stream_cut", afterEvents: 3 }, [])).toEqual({ kind: "stream_cut", afterEvents: 3 });
  });

  it("rejects unknown kinds, keys of another kind and bad values, naming the field", () => {
    expect(() => readFault({ kind: "explode" }, ["fault"])).toThrow(/fault.kind: expected one of 'rate_limit'/);
    expect(() => readFault({ kind: "hang", afterEvents: 2 }, ["fault"])).toThrow(
      /fault.afterEvents: unknown key 'afterEvents'/,
    );
    expect(() => readFault({ kind: "server_error", status: 418 }, [])).toThrow(/status: expected 500, 502, 503 or 504/);
    expect(() => readFault({ kind: "slow", jitter: 2 }, [])).toThrow(/jitter: must be <= 1/);
    expect(() => readFault({}, [])).toThrow(ShapeError);
  });

  it("reads one rule or a list", () => {
    expect(readFaultRules({ path: "/v1/*", nth: 2, fault: "overloaded" })).toEqual([
      { path: "/v1/*", nth: 2, fault: { kind: "overloaded" } },
    ]);
    expect(readFaultRules([{ fault: "hang" }, { probability: 0.5, seed: 3, fault: "hang" }])).toHaveLength(2);
    expect(() => readFaultRules([{ fault: "hang", often: true }])).toThrow(/\[0\]\.often: unknown key/);
    expect(() => readFaultRules({ nth: 0, fault: "hang" })).toThrow(/nth: must be >= 1/);
  });
});
