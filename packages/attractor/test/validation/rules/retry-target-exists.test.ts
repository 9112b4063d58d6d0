import { describe, expect, it } from "vitest";
import { retryTargetExistsRule } from "../../../src/validation/rules/retry-target-exists.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("retry_target_exists", () => {
  it("accepts targets that are nodes", () => {
    const source = pipeline("  plan; a [retry_target=plan, fallback_retry_target=start]", "retry_target=plan");
    expect(runRule(retryTargetExistsRule, source)).toEqual([]);
  });

  it("warns about missing targets on nodes and the graph, with a did-you-mean", () => {
    const source = pipeline(
      '  implement\n  test [retry_target="implemnt", fallback_retry_target="nowhere_at_all"]',
      'retry_target="plann"',
    );
    expect(runRule(retryTargetExistsRule, source).map((d) => [d.nodeId, d.message, d.fix, d.loc])).toEqual([
      [
        undefined,
        "graph retry_target 'plann' is not a node of this graph",
        "point retry_target at an existing node id",
        { line: 2, column: 39 },
      ],
      [
        "test",
        "node 'test': retry_target 'implemnt' is not a node of this graph; did you mean 'implement'?",
        'write retry_target="implement"',
        { line: 6, column: 22 },
      ],
      [
        "test",
        "node 'test': fallback_retry_target 'nowhere_at_all' is not a node of this graph",
        "point fallback_retry_target at an existing node id",
        { line: 6, column: 56 },
      ],
    ]);
  });
});
