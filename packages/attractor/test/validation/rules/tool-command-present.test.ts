import { describe, expect, it } from "vitest";
import { toolCommandPresentRule } from "../../../src/validation/rules/tool-command-present.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("tool_command_present", () => {
  it("warns for tool nodes (by shape or type) without a tool_command", () => {
    const source = pipeline(
      '  a [shape=parallelogram]\n  b [type=tool, tool_command="  "]\n  c [shape=parallelogram, tool_command="make test"]',
    );
    expect(runRule(toolCommandPresentRule, source).map((d) => [d.nodeId, d.severity, d.message])).toEqual([
      ["a", "warning", "tool node 'a' has no tool_command; it will fail when it runs"],
      ["b", "warning", "tool node 'b' has no tool_command; it will fail when it runs"],
    ]);
  });

  it("ignores other nodes", () => {
    expect(runRule(toolCommandPresentRule, pipeline('  a [prompt="x"]'))).toEqual([]);
  });
});
