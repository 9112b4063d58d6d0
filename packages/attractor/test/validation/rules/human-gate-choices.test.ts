import { describe, expect, it } from "vitest";
import { humanGateChoicesRule } from "../../../src/validation/rules/human-gate-choices.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("human_gate_choices", () => {
  it("rejects a human gate with no outgoing edges", () => {
    const diagnostics = runRule(humanGateChoicesRule, pipeline("  start -> review\n  review [shape=hexagon]"));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "human_gate_choices",
        severity: "error",
        nodeId: "review",
        message: "human gate 'review' has no outgoing edges, so there is nothing to choose",
        loc: { line: 5, column: 12 },
      }),
    ]);
  });

  it("accepts gates with choices, including type=wait.human", () => {
    const source = pipeline('  start -> r -> exit [label="[A] Approve"]\n  r [type="wait.human"]');
    expect(runRule(humanGateChoicesRule, source)).toEqual([]);
  });
});
