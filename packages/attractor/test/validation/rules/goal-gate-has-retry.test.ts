import { describe, expect, it } from "vitest";
import { goalGateHasRetryRule } from "../../../src/validation/rules/goal-gate-has-retry.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("goal_gate_has_retry", () => {
  it("warns for a goal gate with no retry target on the node or the graph", () => {
    const diagnostics = runRule(goalGateHasRetryRule, pipeline("  check [goal_gate=true]\n  other [goal_gate=false]"));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "goal_gate_has_retry",
        severity: "warning",
        nodeId: "check",
        loc: { line: 5, column: 20 },
      }),
    ]);
  });

  it("accepts node-level or graph-level retry targets (§3.4 consults both)", () => {
    expect(runRule(goalGateHasRetryRule, pipeline("  a; check [goal_gate=true, retry_target=a]"))).toEqual([]);
    expect(runRule(goalGateHasRetryRule, pipeline("  a; check [goal_gate=true, fallback_retry_target=a]"))).toEqual([]);
    expect(runRule(goalGateHasRetryRule, pipeline("  a; check [goal_gate=true]", "retry_target=a"))).toEqual([]);
  });
});
