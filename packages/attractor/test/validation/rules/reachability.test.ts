import { describe, expect, it } from "vitest";
import { reachabilityRule } from "../../../src/validation/rules/reachability.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("reachability", () => {
  it("§11.2 All nodes are reachable from start (no orphans)", () => {
    expect(runRule(reachabilityRule, pipeline("  start -> a -> b -> exit\n  b -> a"))).toEqual([]);
    const diagnostics = runRule(
      reachabilityRule,
      pipeline("  start -> a -> exit\n  orphan [prompt=x]\n  orphan -> exit"),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "reachability",
        severity: "error",
        nodeId: "orphan",
        message: "node 'orphan' cannot be reached from the start node 'start'",
        loc: { line: 6, column: 3 },
      }),
    ]);
  });

  it("§11.12 orphan node is reported (ERROR per the §7.2 table)", () => {
    const diagnostics = runRule(reachabilityRule, pipeline("  start -> exit\n  lonely [prompt=x]"));
    expect(diagnostics.map((d) => [d.nodeId, d.severity])).toEqual([["lonely", "error"]]);
  });

  it("stays silent without a start node (start_node reports that)", () => {
    expect(runRule(reachabilityRule, "digraph G { a -> b; c }")).toEqual([]);
  });
});
