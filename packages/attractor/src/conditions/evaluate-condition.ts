/**
 * Evaluation of edge conditions against an outcome and the run context (attractor-spec §10.3, §10.5).
 * @module
 */
import type { Context } from "../engine/context.js";
import type { Outcome } from "../engine/outcome.js";
import { parseCondition } from "./parse-condition.js";
import type { ConditionClause, ConditionExpr } from "./types.js";
import { resolveConditionKey } from "./variable-resolution.js";

/** Parsed conditions by source text. Cleared when it grows past {@link CACHE_LIMIT} entries. */
const cache = new Map<string, ConditionExpr>();
const CACHE_LIMIT = 4096;

/**
 * Evaluates a condition (attractor-spec §10.5). Clauses are AND-combined left to right and
 * string comparison is exact and case-sensitive; a bare key is true when it resolves to a
 * non-empty string (so a context value `false` is truthy, as `bool("false")` in the spec).
 * An empty condition is always true. Parsed strings are cached, so calling this for every edge
 * of every step is cheap.
 * @param condition the condition text, or an expression from {@link parseCondition}.
 * @throws ConditionSyntaxError when `condition` is a string that does not parse (the
 *   `condition_syntax` lint rule reports these before a run starts).
 */
export function evaluateCondition(condition: string | ConditionExpr, outcome: Outcome, context: Context): boolean {
  const expr = typeof condition === "string" ? cachedParse(condition) : condition;
  return expr.clauses.every((clause) => evaluateClause(clause, outcome, context));
}

function evaluateClause(clause: ConditionClause, outcome: Outcome, context: Context): boolean {
  const actual = resolveConditionKey(clause.key, outcome, context);
  switch (clause.type) {
    case "truthy":
      return actual !== "";
    case "comparison":
      return clause.operator === "=" ? actual === clause.literal : actual !== clause.literal;
    default: {
      const never: never = clause;
      return never;
    }
  }
}

function cachedParse(text: string): ConditionExpr {
  let expr = cache.get(text);
  if (!expr) {
    expr = parseCondition(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, expr);
  }
  return expr;
}
