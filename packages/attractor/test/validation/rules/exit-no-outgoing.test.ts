import { describe, expect, it } from "vitest";
import { exitNoOutgoingRule } from "../../../src/validation/rules/exit-no-outgoing.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("exit_no_outgoing", () => {
  it("§11.2 Exit node has no outgoing edges", () => {
    expect(runRule(exitNoOutgoingRule, pipeline("  start -> a -> exit"))).toEqual([]);
    const diagnostics = runRule(exitNoOutgoingRule, pipeline("  start -> a -> exit\n  exit -> a"));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "exit_no_outgoing",
        severity: "error",
        edge: { from: "exit", to: "a" },
        loc: { line: 6, column: 11 },
      }),
    ]);
  });
});
