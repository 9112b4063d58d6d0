import { describe, expect, it } from "vitest";
import { conditionSyntaxRule } from "../../../src/validation/rules/condition-syntax.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("condition_syntax", () => {
  it("§11.2 Condition expressions on edges parse without errors", () => {
    const ok = pipeline('  start -> a [condition="outcome=success && context.x!=y"]\n  a -> exit [condition=""]');
    expect(runRule(conditionSyntaxRule, ok)).toEqual([]);
    const bad = pipeline('  start -> a\n  a -> exit [condition="outcome=success || outcome=partial_success"]');
    expect(runRule(conditionSyntaxRule, bad)).toEqual([
      expect.objectContaining({
        rule: "condition_syntax",
        severity: "error",
        edge: { from: "a", to: "exit" },
        message:
          'edge a -> exit: invalid condition "outcome=success || outcome=partial_success": disjunction is not supported: use separate edges (column 17)',
        fix: "write one edge per alternative, each with its own condition",
        // The value's quote is at column 24 of line 6; column 17 of the condition is column 41.
        loc: { line: 6, column: 41 },
      }),
    ]);
  });

  it("reports a condition shared by a chained edge statement once", () => {
    const diagnostics = runRule(conditionSyntaxRule, pipeline('  start -> a -> exit [condition="x > 1"]'));
    expect(diagnostics).toHaveLength(1);
  });

  it("checks manager.stop_condition, which uses the same language", () => {
    const diagnostics = runRule(
      conditionSyntaxRule,
      pipeline('  m [shape=house, manager.stop_condition="context.done contains yes"]\n  start -> m -> exit'),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ nodeId: "m", severity: "error", loc: { line: 5, column: 56 } }),
    ]);
    expect(diagnostics[0].message).toContain("manager.stop_condition of node 'm'");
  });
});
