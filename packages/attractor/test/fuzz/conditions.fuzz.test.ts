/** Property tests of the condition language: print/parse round trips, evaluation laws, and located errors. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateCondition } from "../../src/conditions/evaluate-condition.js";
import { parseCondition } from "../../src/conditions/parse-condition.js";
import type { ConditionClause } from "../../src/conditions/types.js";
import { ConditionSyntaxError, Context, type Outcome } from "../../src/index.js";

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/);
const path = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("."));
const key = fc.oneof(
  fc.constant("outcome"),
  fc.constant("preferred_label"),
  path.map((p) => `context.${p}`),
  path,
);
const bareLiteral = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,10}$/);
const space = fc.constantFrom("", " ", "  ", "\t");

interface ClauseSpec {
  key: string;
  op: "=" | "==" | "!=" | "truthy";
  literal: string;
  quoted: boolean;
}

const clause: fc.Arbitrary<ClauseSpec> = fc.oneof(
  fc.record({
    key,
    op: fc.constantFrom("=", "==", "!=") as fc.Arbitrary<ClauseSpec["op"]>,
    literal: bareLiteral,
    quoted: fc.constant(false),
  }),
  fc.record({
    key,
    op: fc.constantFrom("=", "==", "!=") as fc.Arbitrary<ClauseSpec["op"]>,
    literal: fc.string({ maxLength: 12 }),
    quoted: fc.constant(true),
  }),
  fc.record({ key, op: fc.constant("truthy" as const), literal: fc.constant(""), quoted: fc.constant(false) }),
);

function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

const expression = fc
  .tuple(fc.array(clause, { minLength: 1, maxLength: 4 }), fc.array(space, { minLength: 4, maxLength: 4 }))
  .map(([clauses, [s1, s2, s3, s4]]) => ({
    clauses,
    text: clauses
      .map((c) =>
        c.op === "truthy"
          ? `${s1}${c.key}${s2}`
          : `${s1}${c.key}${s2}${c.op}${s3}${c.quoted ? quote(c.literal) : c.literal}${s4}`,
      )
      .join("&&"),
  }));

const outcome: fc.Arbitrary<Outcome> = fc.record({
  status: fc.constantFrom("success", "partial_success", "retry", "fail", "skipped") as fc.Arbitrary<Outcome["status"]>,
  preferredLabel: fc.option(bareLiteral, { nil: undefined }),
});

describe("condition language (fuzz)", () => {
  it("parses printed expressions back to the same clauses", () => {
    fc.assert(
      fc.property(expression, ({ clauses, text }) => {
        const parsed = parseCondition(text).clauses;
        expect(parsed.map(summary)).toEqual(
          clauses.map((c) =>
            c.op === "truthy"
              ? { type: "truthy", key: c.key }
              : {
                  type: "comparison",
                  key: c.key,
                  operator: c.op === "!=" ? "!=" : "=",
                  literal: c.literal,
                  quoted: c.quoted,
                },
          ),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("evaluates a = clause as the negation of the matching != clause", () => {
    fc.assert(
      fc.property(key, bareLiteral, outcome, fc.dictionary(path, bareLiteral), (k, literal, out, values) => {
        const context = new Context(values);
        expect(evaluateCondition(`${k}=${literal}`, out, context)).toBe(
          !evaluateCondition(`${k}!=${literal}`, out, context),
        );
        expect(evaluateCondition(`${k}==${literal}`, out, context)).toBe(
          evaluateCondition(`${k}=${literal}`, out, context),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("evaluates a conjunction as the AND of its clauses", () => {
    fc.assert(
      fc.property(expression, outcome, fc.dictionary(path, bareLiteral), ({ text }, out, values) => {
        const context = new Context(values);
        const clauses = parseCondition(text).clauses;
        const each = clauses.map((c) => evaluateCondition({ source: "", clauses: [c] }, out, context));
        expect(evaluateCondition(text, out, context)).toBe(each.every(Boolean));
      }),
      { numRuns: 500 },
    );
  });

  it("throws only ConditionSyntaxError, with a column inside the text, on arbitrary input", () => {
    const soup = fc
      .array(
        fc.constantFrom(
          "outcome",
          "context.x",
          "a",
          "=",
          "==",
          "!=",
          "&&",
          "||",
          "!",
          ">",
          "<=",
          '"',
          "\\",
          "x y",
          " ",
          "contains",
          "or",
          "1",
          "-",
        ),
        {
          maxLength: 12,
        },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), soup), (text) => {
        try {
          parseCondition(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ConditionSyntaxError);
          const { column } = error as ConditionSyntaxError;
          expect(column).toBeGreaterThanOrEqual(1);
          expect(column).toBeLessThanOrEqual(text.length + 1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

function summary(c: ConditionClause) {
  return c.type === "truthy"
    ? { type: c.type, key: c.key }
    : { type: c.type, key: c.key, operator: c.operator, literal: c.literal, quoted: c.quoted };
}
