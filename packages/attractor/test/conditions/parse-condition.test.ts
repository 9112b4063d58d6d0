import { describe, expect, it } from "vitest";
import { parseCondition } from "../../src/conditions/parse-condition.js";
import { ConditionSyntaxError } from "../../src/index.js";

function syntaxError(text: string): ConditionSyntaxError {
  try {
    parseCondition(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionSyntaxError);
    return error as ConditionSyntaxError;
  }
  throw new Error(`expected "${text}" not to parse`);
}

describe("parseCondition", () => {
  it("parses a comparison with the key, operator, literal and 1-based columns", () => {
    expect(parseCondition("outcome=success")).toEqual({
      source: "outcome=success",
      clauses: [
        {
          type: "comparison",
          key: "outcome",
          operator: "=",
          spelling: "=",
          literal: "success",
          quoted: false,
          column: 1,
          literalColumn: 9,
        },
      ],
    });
  });

  it("parses clauses joined by && in order, with spaces around operators", () => {
    const expr = parseCondition("  outcome = success && context.tests_passed != false&&preferred_label=Fix ");
    expect(expr.clauses.map((c) => (c.type === "comparison" ? `${c.key}${c.operator}${c.literal}` : c.key))).toEqual([
      "outcome=success",
      "context.tests_passed!=false",
      "preferred_label=Fix",
    ]);
    expect(expr.clauses.map((c) => c.column)).toEqual([3, 24, 55]);
  });

  it("accepts == as a synonym of = and records the spelling for lint", () => {
    const [clause] = parseCondition('outcome == "needs_dod"').clauses;
    expect(clause).toMatchObject({ operator: "=", spelling: "==", literal: "needs_dod", quoted: true });
  });

  it("parses a bare key as a truthy check", () => {
    expect(parseCondition("context.ready && outcome=success").clauses[0]).toEqual({
      type: "truthy",
      key: "context.ready",
      column: 1,
    });
  });

  it('unescapes quoted literals (\\" \\\\ \\n \\t) and keeps spaces inside quotes', () => {
    const [clause] = parseCondition('context.msg="say \\"hi\\" \\\\ a\\nb\\tc"').clauses;
    expect(clause).toMatchObject({ literal: 'say "hi" \\ a\nb\tc', quoted: true, literalColumn: 13 });
  });

  it("accepts bare literals with digits, dots, colons and dashes", () => {
    const literals = ["0", "-1", "v1.2", "summary:high", "gpt-5.2"].map(
      (l) => (parseCondition(`context.x=${l}`).clauses[0] as { literal: string }).literal,
    );
    expect(literals).toEqual(["0", "-1", "v1.2", "summary:high", "gpt-5.2"]);
  });

  it("accepts identifier-path keys other than outcome/preferred_label/context.*", () => {
    expect(parseCondition("tool.output=done && internal.loop_restart_count=0").clauses.map((c) => c.key)).toEqual([
      "tool.output",
      "internal.loop_restart_count",
    ]);
  });

  it("gives an empty or blank condition no clauses", () => {
    expect(parseCondition("").clauses).toEqual([]);
    expect(parseCondition("   ").clauses).toEqual([]);
  });

  it.each([
    ["a=1 &&", 5, "'&&' is not followed by a clause"],
    ["&& a=1", 1, "'&&' has no clause before it"],
    ["a=1 && && b=2", 8, "empty clause between two '&&'"],
    ["=success", 1, "missing key before '='"],
    ["!= x", 1, "missing key before '!='"],
    ["outcome=", 9, "missing value after '=': write \"\" to compare with the empty string"],
    ["outcome= && b", 10, "missing value after '='"],
    ["a=1 || b=2", 5, "disjunction is not supported: use separate edges"],
    ["a=1 or b=2", 5, "disjunction is not supported: use separate edges"],
    ["a OR b", 3, "disjunction is not supported: use separate edges"],
    ["a=1 and b=2", 5, "write '&&' instead of 'and'"],
    ["context.count>3", 14, "comparison '>' is not in the condition grammar"],
    ["context.count < 3", 15, "comparison '<' is not in the condition grammar"],
    ["context.count>=3", 14, "comparison '>=' is not in the condition grammar"],
    ["context.count <= 3", 15, "comparison '<=' is not in the condition grammar"],
    ['tool.output contains "id"', 13, "operator 'contains' is not in the condition grammar"],
    ['context.x matches "a.*"', 11, "operator 'matches' is not in the condition grammar"],
    ["!context.ready", 1, "negation '!' is not in the condition grammar"],
    ["not context.ready", 1, "negation 'not' is not in the condition grammar"],
    ['context.x="open', 11, "unterminated quoted literal (opened here)"],
    ['context.x="a\\qb"', 13, "unknown escape '\\q'"],
    ["1abc=x", 1, "'1abc' is not a valid key"],
    ["a-b=x", 1, "'a-b' is not a valid key"],
    ["context.=x", 1, "'context.' must be followed by a path"],
    ["context..a=1", 1, "the path after 'context.' is identifiers separated by '.'"],
    ['"outcome"=x', 1, "keys are not quoted"],
    ["context.msg=hello world", 19, "unexpected 'world' after a complete clause"],
    ["a & b", 3, "single '&' is not an operator: write '&&'"],
    ["context.path=/tmp/x", 14, "unexpected character '/': quote literals that contain it"],
    ["a=b=c", 4, "unexpected '=' after a complete clause"],
  ])("rejects %j at column %i: %s", (text, column, detail) => {
    const error = syntaxError(text);
    expect(error.column).toBe(column);
    expect(error.detail).toContain(detail);
    expect(error.expression).toBe(text);
  });

  it("says where in the message: detail, column and the condition", () => {
    expect(syntaxError("a=1 ||").message).toBe(
      'disjunction is not supported: use separate edges at column 5 of condition "a=1 ||"',
    );
  });
});
