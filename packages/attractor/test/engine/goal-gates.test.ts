import { describe, expect, it } from "vitest";
import type { Outcome } from "../../src/index.js";
import { findUnsatisfiedGoalGate, parseDot, resolveRetryTarget } from "../../src/index.js";

const outcomes = (entries: Record<string, Outcome["status"]>) =>
  new Map(Object.entries(entries).map(([id, status]) => [id, { status } as Outcome]));

describe("findUnsatisfiedGoalGate (§3.4)", () => {
  const g = parseDot(`digraph G { a [goal_gate=true]; b [goal_gate=true]; c; d [goal_gate=false] }`);

  it("§11.4 is satisfied when every visited gate ended SUCCESS or PARTIAL_SUCCESS", () => {
    expect(findUnsatisfiedGoalGate(g, outcomes({ a: "success", b: "partial_success", c: "fail" }))).toBeUndefined();
  });

  it.each(["fail", "retry", "skipped"] as const)("reports a gate that ended %s", (status) => {
    expect(findUnsatisfiedGoalGate(g, outcomes({ a: "success", b: status }))?.id).toBe("b");
  });

  it("returns the first unsatisfied gate in completion order", () => {
    expect(findUnsatisfiedGoalGate(g, outcomes({ b: "fail", a: "fail" }))?.id).toBe("b");
  });

  it("ignores failures of nodes that are not gates (goal_gate unset or false)", () => {
    expect(findUnsatisfiedGoalGate(g, outcomes({ c: "fail", d: "fail" }))).toBeUndefined();
  });

  it("ignores gates that were never visited", () => {
    expect(findUnsatisfiedGoalGate(g, outcomes({}))).toBeUndefined();
  });

  it("uses the latest outcome: a gate that failed and later succeeded is satisfied", () => {
    const map = outcomes({ a: "fail" });
    map.set("a", { status: "success" });
    expect(findUnsatisfiedGoalGate(g, map)).toBeUndefined();
  });
});

describe("resolveRetryTarget (§3.4 step 3)", () => {
  const withGraph = (graphAttrs: string, nodeAttrs: string) =>
    parseDot(`digraph G { ${graphAttrs} gate [goal_gate=true ${nodeAttrs}]; r1; r2; g1; g2 }`);

  it("prefers the node retry_target", () => {
    const g = withGraph("retry_target=g1; fallback_retry_target=g2;", ", retry_target=r1, fallback_retry_target=r2");
    expect(resolveRetryTarget(g.nodes.get("gate")!, g, true)).toBe("r1");
  });

  it("then the node fallback_retry_target", () => {
    const g = withGraph("retry_target=g1;", ", fallback_retry_target=r2");
    expect(resolveRetryTarget(g.nodes.get("gate")!, g, true)).toBe("r2");
  });

  it("then the graph retry_target, then the graph fallback_retry_target", () => {
    const g1 = withGraph("retry_target=g1; fallback_retry_target=g2;", "");
    expect(resolveRetryTarget(g1.nodes.get("gate")!, g1, true)).toBe("g1");
    const g2 = withGraph("fallback_retry_target=g2;", "");
    expect(resolveRetryTarget(g2.nodes.get("gate")!, g2, true)).toBe("g2");
  });

  it("skips targets that name no node", () => {
    const g = withGraph("retry_target=g1;", ", retry_target=ghost");
    expect(resolveRetryTarget(g.nodes.get("gate")!, g, true)).toBe("g1");
  });

  it("does not look at the graph level without includeGraph", () => {
    const g = withGraph("retry_target=g1;", "");
    expect(resolveRetryTarget(g.nodes.get("gate")!, g, false)).toBeUndefined();
  });

  it("returns undefined when no level names a target", () => {
    const g = withGraph("", "");
    expect(resolveRetryTarget(g.nodes.get("gate")!, g, true)).toBeUndefined();
  });
});
