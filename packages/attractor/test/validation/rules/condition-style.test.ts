import { describe, expect, it } from "vitest";
import { conditionStyleRule } from "../../../src/validation/rules/condition-style.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("condition_style", () => {
  it("accepts conditions in the standard style, and leaves unparsable ones to condition_syntax", () => {
    const source = pipeline(
      '  start -> a [condition="outcome=success && context.x=SUCCESS"]\n  a -> exit [condition="a || b"]',
    );
    expect(runRule(conditionStyleRule, source)).toEqual([]);
  });

  it("warns about == and points at the clause", () => {
    const diagnostics = runRule(
      conditionStyleRule,
      pipeline('  start -> exit [condition="outcome == \\"needs_dod\\""]'),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "condition_style",
        severity: "warning",
        message: `condition "outcome == "needs_dod"" on edge start -> exit uses '==': the condition language writes equality as '='`,
        fix: 'write outcome="needs_dod"',
        loc: { line: 5, column: 29 },
      }),
    ]);
  });

  it("warns about outcome literals that are case variants of a standard status", () => {
    const diagnostics = runRule(
      conditionStyleRule,
      pipeline('  start -> exit [condition="outcome!=FAIL && outcome=Needs_Work"]'),
    );
    expect(diagnostics.map((d) => [d.message, d.fix, d.loc])).toEqual([
      [
        `condition "outcome!=FAIL && outcome=Needs_Work" on edge start -> exit compares outcome with 'FAIL', which never matches: outcomes are lowercase and comparison is case-sensitive`,
        "write outcome!=fail",
        { line: 5, column: 38 },
      ],
    ]);
  });
});
