import { describe, expect, it } from "vitest";
import { FaultInjector } from "../../../src/kit/faults/fault-injector.js";

const probe = { path: "/v1/responses", model: "gpt-5-mini" };

describe("FaultInjector", () => {
  it("fires on the nth matching request only", () => {
    const faults = new FaultInjector([{ path: "/v1/*", nth: 2, fault: { kind: "server_error" } }]);
    const picks = [1, 2, 3].map(() => faults.pick(probe)?.fault.kind);
    expect(picks).toEqual([undefined, "server_error", undefined]);
    expect(faults.list()[0]).toMatchObject({ id: "f1", matched: 3, fired: 1 });
  });

  it("counts only requests that match its path and model globs", () => {
    const faults = new FaultInjector([{ model: "gpt-4*", nth: 1, fault: { kind: "rate_limit" } }]);
    expect(faults.pick(probe)).toBeUndefined();
    expect(faults.pick({ path: "/v1/models" })).toBeUndefined();
    expect(faults.pick({ path: "/v1/chat/completions", model: "gpt-4.1" })?.fault.kind).toBe("rate_limit");
  });

  it("stops after `times`, and the first rule that fires wins", () => {
    const faults = new FaultInjector([
      { times: 2, fault: { kind: "rate_limit", retryAfterSeconds: 0 } },
      { fault: { kind: "server_error", status: 503 } },
    ]);
    const picks = [1, 2, 3].map(() => faults.pick(probe)?.fault.kind);
    expect(picks).toEqual(["rate_limit", "rate_limit", "server_error"]);
    expect(faults.list().map((r) => r.matched)).toEqual([3, 3]);
  });

  it("fires with a seeded probability: the same seed gives the same requests", () => {
    const run = (seed: number) => {
      const faults = new FaultInjector([{ probability: 0.3, fault: { kind: "hang" } }], seed);
      return Array.from({ length: 200 }, () => (faults.pick(probe) ? 1 : 0));
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
    const rate = a.reduce((s: number, x) => s + x, 0) / a.length;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeLessThan(0.4);
  });

  it("a rule's own seed overrides the twin's", () => {
    const pattern = (twinSeed: number) => {
      const faults = new FaultInjector([{ probability: 0.5, seed: 7, fault: { kind: "hang" } }], twinSeed);
      return Array.from({ length: 50 }, () => Boolean(faults.pick(probe)));
    };
    expect(pattern(1)).toEqual(pattern(2));
  });

  it("add, clear and reset to the initial rules", () => {
    const faults = new FaultInjector([{ fault: { kind: "overloaded" } }]);
    const [added] = faults.add([{ path: "/v1/models", fault: { kind: "hang" } }]);
    expect(added.id).toBe("f2");
    expect(faults.clear("f2")).toBe(1);
    expect(faults.clear("nope")).toBe(0);
    faults.pick(probe);
    faults.add([{ fault: { kind: "hang" } }]);
    faults.reset();
    expect(faults.list()).toEqual([{ id: "f1", fault: { kind: "overloaded" }, matched: 0, fired: 0 }]);
    expect(faults.clear()).toBe(1);
    expect(faults.pick(probe)).toBeUndefined();
  });
});
