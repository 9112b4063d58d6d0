import { describe, expect, it } from "vitest";
import { startNoIncomingRule } from "../../../src/validation/rules/start-no-incoming.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("start_no_incoming", () => {
  it("§11.2 Start node has no incoming edges", () => {
    expect(runRule(startNoIncomingRule, pipeline("  start -> a -> exit"))).toEqual([]);
    const diagnostics = runRule(startNoIncomingRule, pipeline("  start -> a -> exit\n  a -> start"));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "start_no_incoming",
        severity: "error",
        edge: { from: "a", to: "start" },
        loc: { line: 6, column: 8 },
      }),
    ]);
    expect(diagnostics[0].message).toContain("enters the start node 'start'");
  });
});
