import { describe, expect, it } from "vitest";
import { evaluateCondition } from "../../src/conditions/evaluate-condition.js";
import { parseCondition } from "../../src/conditions/parse-condition.js";
import { ConditionSyntaxError, Context, type Outcome } from "../../src/index.js";

const success: Outcome = { status: "success" };
const fail: Outcome = { status: "fail" };

describe("evaluateCondition", () => {
  it("§11.9 `=` (equals) operator works for string comparison", () => {
    const ctx = new Context({ "context.tests_passed": "true" });
    expect(evaluateCondition("context.tests_passed=true", success, ctx)).toBe(true);
    expect(evaluateCondition("context.tests_passed=false", success, ctx)).toBe(false);
  });

  it("§11.9 `!=` (not equals) operator works", () => {
    const ctx = new Context({ loop_state: "running" });
    expect(evaluateCondition("context.loop_state!=exhausted", success, ctx)).toBe(true);
    ctx.set("loop_state", "exhausted");
    expect(evaluateCondition("context.loop_state!=exhausted", success, ctx)).toBe(false);
  });

  it("§11.9 `&&` (AND) conjunction works with multiple clauses", () => {
    const ctx = new Context({ tests_passed: "true" });
    expect(evaluateCondition("outcome=success && context.tests_passed=true", success, ctx)).toBe(true);
    expect(evaluateCondition("outcome=success && context.tests_passed=true", fail, ctx)).toBe(false);
    expect(evaluateCondition("outcome=success && context.tests_passed=false", success, ctx)).toBe(false);
  });

  it("§11.9 `outcome` variable resolves to the current node's outcome status", () => {
    const ctx = new Context();
    expect(evaluateCondition("outcome=fail", fail, ctx)).toBe(true);
    expect(evaluateCondition("outcome=success", fail, ctx)).toBe(false);
    expect(evaluateCondition("outcome=partial_success", { status: "partial_success" }, ctx)).toBe(true);
  });

  it("§11.9 `preferred_label` variable resolves to the outcome's preferred label", () => {
    const ctx = new Context();
    expect(evaluateCondition("preferred_label=Fix", { status: "success", preferredLabel: "Fix" }, ctx)).toBe(true);
    expect(evaluateCondition("preferred_label=Fix", success, ctx)).toBe(false);
  });

  it("§11.9 `context.*` variables resolve to context values (missing keys = empty string)", () => {
    const ctx = new Context({ "context.a": "1", b: "2" });
    expect(evaluateCondition("context.a=1", success, ctx)).toBe(true);
    expect(evaluateCondition("context.b=2", success, ctx)).toBe(true);
    expect(evaluateCondition('context.missing=""', success, ctx)).toBe(true);
    expect(evaluateCondition("context.missing=x", success, ctx)).toBe(false);
    expect(evaluateCondition("context.missing!=x", success, ctx)).toBe(true);
  });

  it("§11.9 Empty condition always evaluates to true (unconditional edge)", () => {
    expect(evaluateCondition("", fail, new Context())).toBe(true);
    expect(evaluateCondition("   ", fail, new Context())).toBe(true);
  });

  it("compares exactly and case-sensitively", () => {
    expect(evaluateCondition("outcome=SUCCESS", success, new Context())).toBe(false);
    expect(evaluateCondition("context.x=a", success, new Context({ x: "a " }))).toBe(false);
  });

  it("compares against a custom outcome word from status.json", () => {
    const outcome: Outcome = { status: "success", customOutcome: "needs_dod" };
    expect(evaluateCondition("outcome=needs_dod", outcome, new Context())).toBe(true);
    expect(evaluateCondition("outcome=success", outcome, new Context())).toBe(false);
  });

  it("treats == like =", () => {
    expect(evaluateCondition('outcome == "success"', success, new Context())).toBe(true);
    expect(evaluateCondition('outcome == "success"', fail, new Context())).toBe(false);
  });

  it("treats a bare key as true when it resolves to a non-empty string", () => {
    expect(evaluateCondition("context.flag", success, new Context({ flag: "yes" }))).toBe(true);
    expect(evaluateCondition("context.flag", success, new Context({ flag: "" }))).toBe(false);
    expect(evaluateCondition("context.flag", success, new Context())).toBe(false);
    // bool("false") is true in the spec's pseudo-code: any non-empty string is truthy.
    expect(evaluateCondition("context.flag", success, new Context({ flag: false }))).toBe(true);
  });

  it("accepts an already parsed expression", () => {
    const expr = parseCondition("outcome=retry");
    expect(evaluateCondition(expr, { status: "retry" }, new Context())).toBe(true);
    expect(evaluateCondition(expr, success, new Context())).toBe(false);
  });

  it("gives the same answer for a cached condition when the context changes", () => {
    const ctx = new Context({ n: "1" });
    expect(evaluateCondition("context.n=1", success, ctx)).toBe(true);
    ctx.set("n", "2");
    expect(evaluateCondition("context.n=1", success, ctx)).toBe(false);
  });

  it("throws ConditionSyntaxError for a condition that does not parse", () => {
    expect(() => evaluateCondition("outcome=success || outcome=fail", success, new Context())).toThrow(
      ConditionSyntaxError,
    );
  });
});
