import { describe, expect, it } from "vitest";
import { terminalNodeRule } from "../../../src/validation/rules/terminal-node.js";
import { runRule } from "../../helpers/lint.js";

describe("terminal_node", () => {
  it("§11.2 Exactly one exit node (shape=Msquare or id matching exit/end) is required", () => {
    expect(runRule(terminalNodeRule, "digraph G { x -> e; e [shape=Msquare] }")).toEqual([]);
    expect(runRule(terminalNodeRule, "digraph G { x -> exit }")).toEqual([]);
    expect(runRule(terminalNodeRule, "digraph G { x -> end }")).toEqual([]);
    const missing = runRule(terminalNodeRule, "digraph G { a -> b }");
    expect(missing.map((d) => [d.severity, d.message])).toEqual([["error", "pipeline has no exit node"]]);
  });

  it("warns (rather than rejects) several exit nodes, as kilroy's success/failure exits need", () => {
    const diagnostics = runRule(
      terminalNodeRule,
      "digraph G {\n  route -> ok\n  route -> failed\n  ok [shape=Msquare]\n  failed [shape=Msquare]\n}",
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      rule: "terminal_node",
      severity: "warning",
      nodeId: "failed",
      loc: { line: 5, column: 17 },
    });
    expect(diagnostics[0].message).toContain("'ok' (shape=Msquare), 'failed' (shape=Msquare)");
  });
});
