import { describe, expect, it } from "vitest";
import { preparePipeline } from "../../../src/prepare.js";
import { attributeTypesRule } from "../../../src/validation/rules/attribute-types.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("attribute_types", () => {
  it("accepts well-typed values", () => {
    const body = [
      '  a [max_retries=3, goal_gate=true, auto_status="false", allow_partial=TRUE, timeout="900s", reasoning_effort=low]',
      "  p [shape=component, max_parallel=4, join_policy=first_success]",
      '  m [shape=house, manager.max_cycles="10", manager.poll_interval=45s, timeout=1200]',
      "  start -> a [weight=-2, loop_restart=false]",
    ].join("\n");
    expect(runRule(attributeTypesRule, pipeline(body, "default_max_retries=2"))).toEqual([]);
  });

  it.each([
    ["max_retries", "three", "an integer (e.g. 3)"],
    ["max_parallel", "2.5", "an integer (e.g. 3)"],
    ["manager.max_cycles", "many", "an integer (e.g. 3)"],
    ["goal_gate", "yes", "a boolean (true or false)"],
    ["auto_status", "1", "a boolean (true or false)"],
    ["allow_partial", "maybe", "a boolean (true or false)"],
    ["timeout", "soon", "a duration (e.g. 900s, 15m, 2h, 250ms; a bare number is seconds)"],
    ["manager.poll_interval", "45 seconds", "a duration (e.g. 900s, 15m, 2h, 250ms; a bare number is seconds)"],
  ])("rejects node %s=%j as not %s", (key, value, expected) => {
    const [d] = runRule(attributeTypesRule, pipeline(`  n [${key}="${value}"]`));
    expect(d).toMatchObject({
      rule: "attribute_types",
      severity: "error",
      nodeId: "n",
      message: `attribute of node 'n': ${key}="${value}" is not ${expected}`,
      loc: { line: 5, column: 7 + key.length },
    });
  });

  it("checks edge and graph attributes too", () => {
    const diagnostics = runRule(
      attributeTypesRule,
      pipeline('  start -> exit [weight=high, loop_restart="sometimes"]', 'default_max_retries="lots"'),
    );
    expect(diagnostics.map((d) => [d.severity, d.message, d.edge])).toEqual([
      ["error", 'graph attribute default_max_retries="lots" is not an integer (e.g. 3)', undefined],
      [
        "error",
        'attribute of edge start -> exit: weight="high" is not an integer (e.g. 3)',
        { from: "start", to: "exit" },
      ],
      [
        "error",
        'attribute of edge start -> exit: loop_restart="sometimes" is not a boolean (true or false)',
        { from: "start", to: "exit" },
      ],
    ]);
  });

  it("warns about well-typed values out of range", () => {
    const diagnostics = runRule(attributeTypesRule, pipeline("  a [max_retries=-1]\n  p [max_parallel=0]"));
    expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ["warning", "attribute of node 'a': max_retries=-1: a negative retry count is treated as 0"],
      ["warning", "attribute of node 'p': max_parallel=0: at least one branch must run at a time"],
    ]);
  });

  it("warns about reasoning_effort and join_policy outside their values", () => {
    const diagnostics = runRule(
      attributeTypesRule,
      pipeline('  a [reasoning_effort="High"]\n  p [join_policy="quorum"]', "reasoning_effort=extreme"),
    );
    expect(diagnostics.map((d) => [d.severity, d.message, d.fix])).toEqual([
      [
        "warning",
        'graph attribute reasoning_effort="extreme" is not one of low, medium, high',
        "use one of: low, medium, high",
      ],
      [
        "warning",
        "attribute of node 'a': reasoning_effort=\"High\" is not one of low, medium, high",
        'write reasoning_effort="high"',
      ],
      [
        "warning",
        "attribute of node 'p': join_policy=\"quorum\" is not one of wait_all, first_success",
        "use one of: wait_all, first_success",
      ],
    ]);
  });

  it("reports a bad value inherited from one default block once", () => {
    const diagnostics = runRule(attributeTypesRule, pipeline('  node [timeout="forever"]\n  a; b; c'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].loc).toEqual({ line: 5, column: 17 });
  });

  it("reports a bad stylesheet value once, as the stylesheet's", () => {
    const source = pipeline(
      "  a [prompt=x]; b [prompt=y]\n  start -> a -> b -> exit",
      'model_stylesheet="* { reasoning_effort: max; }"',
    );
    const diagnostics = preparePipeline(source).diagnostics.filter((d) => d.rule === "attribute_types");
    expect(diagnostics.map((d) => d.message)).toEqual([
      'model_stylesheet: reasoning_effort="max" is not one of low, medium, high',
    ]);
  });
});
