import { describe, expect, it } from "vitest";
import { startNodeRule } from "../../../src/validation/rules/start-node.js";
import { FILE, runRule } from "../../helpers/lint.js";

describe("start_node", () => {
  it("§11.2 Exactly one start node (shape=Mdiamond or id matching start/Start) is required", () => {
    expect(runRule(startNodeRule, "digraph G { s [shape=Mdiamond]; s -> x }")).toEqual([]);
    expect(runRule(startNodeRule, "digraph G { start -> x }")).toEqual([]);
    expect(runRule(startNodeRule, "digraph G { Start -> x }")).toEqual([]);
    expect(runRule(startNodeRule, "digraph G { s [type=start]; s -> x }")).toEqual([]);
  });

  it("reports a missing start node at the graph's opening brace", () => {
    expect(runRule(startNodeRule, "digraph G {\n  a -> b\n}")).toEqual([
      {
        rule: "start_node",
        severity: "error",
        message: "pipeline has no start node",
        fix: "add a start node, e.g. start [shape=Mdiamond]",
        file: FILE,
        loc: { line: 1, column: 11 },
      },
    ]);
  });

  it("reports each extra start node, explaining why each counts", () => {
    const diagnostics = runRule(startNodeRule, "digraph G {\n  a [shape=Mdiamond]\n  start\n  b [shape=Mdiamond]\n}");
    expect(diagnostics.map((d) => [d.nodeId, d.severity, d.loc])).toEqual([
      ["start", "error", { line: 3, column: 3 }],
      ["b", "error", { line: 4, column: 12 }],
    ]);
    expect(diagnostics[0].message).toBe(
      "pipeline has 3 start nodes: 'a' (shape=Mdiamond), 'start' (by its id), 'b' (shape=Mdiamond); exactly one is allowed",
    );
  });
});
