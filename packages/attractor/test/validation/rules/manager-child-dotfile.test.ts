import { describe, expect, it } from "vitest";
import { managerChildDotfileRule } from "../../../src/validation/rules/manager-child-dotfile.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("manager_child_dotfile", () => {
  it("warns when a manager loop has no child dotfile on the node or the graph", () => {
    const diagnostics = runRule(managerChildDotfileRule, pipeline("  m [shape=house]"));
    expect(diagnostics.map((d) => [d.nodeId, d.severity])).toEqual([["m", "warning"]]);
    expect(diagnostics[0].fix).toBe(`set stack.child_dotfile="child.dot" on the graph or on 'm'`);
  });

  it("accepts a child dotfile on the node or the graph", () => {
    expect(runRule(managerChildDotfileRule, pipeline('  m [shape=house, "stack.child_dotfile"="c.dot"]'))).toEqual([]);
    expect(runRule(managerChildDotfileRule, pipeline("  m [shape=house]", 'stack.child_dotfile="c.dot"'))).toEqual([]);
  });
});
