import { describe, expect, it } from "vitest";
import { BUILT_IN_HANDLER_TYPES, parseDot } from "../../../src/index.js";
import { edgeTargetExistsRule } from "../../../src/validation/rules/edge-target-exists.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("edge_target_exists", () => {
  it("§11.2 All edges reference valid node IDs", () => {
    expect(runRule(edgeTargetExistsRule, pipeline("  start -> exit"))).toEqual([]);
    const graph = parseDot(pipeline("  start -> exit"), { file: "g.dot" });
    graph.addEdge({ from: "start", to: "ghost", attrs: new Map(), attrLocs: new Map(), loc: { line: 9, column: 4 } });
    expect(edgeTargetExistsRule.apply(graph, { knownHandlerTypes: new Set(BUILT_IN_HANDLER_TYPES) })).toEqual([
      {
        rule: "edge_target_exists",
        severity: "error",
        message: "edge start -> ghost refers to unknown node 'ghost'",
        fix: "declare node 'ghost' or correct the edge",
        edge: { from: "start", to: "ghost" },
        file: "g.dot",
        loc: { line: 9, column: 4 },
      },
    ]);
  });

  it("reports a missing source node too", () => {
    const graph = parseDot(pipeline("  start -> exit"));
    graph.addEdge({ from: "nowhere", to: "exit", attrs: new Map(), attrLocs: new Map(), loc: { line: 1, column: 1 } });
    const [d] = edgeTargetExistsRule.apply(graph, { knownHandlerTypes: new Set(BUILT_IN_HANDLER_TYPES) });
    expect(d.message).toBe("edge nowhere -> exit refers to unknown node 'nowhere'");
  });
});
