/**
 * CQL (CXDB Query Language) syntax tree, fields and operators, shaped like CXDB's serialised AST.
 *
 * ```text
 * query      = or_expr ;
 * or_expr    = and_expr { "OR" and_expr } ;
 * and_expr   = unary { "AND" unary } ;
 * unary      = [ "NOT" ] primary ;
 * primary    = comparison | "(" or_expr ")" ;
 * comparison = field op value | field "IN" "(" value { "," value } ")" ;
 * op         = "=" | "!=" | "^=" | "~=" | "^~=" | ">" | ">=" | "<" | "<=" ;
 * value      = string ('…' or "…", \ escapes) | number | true | false ;
 * ```
 * Keywords are case-insensitive. `created` takes relative times (`"-24h"`, `"-7d"`, `"-30m"`),
 * ISO-8601 times, dates (`"2025-01-30"`) or Unix ms.
 * @module
 */
import type { CqlPosition } from "../errors.js";

/** Comparison operators: `=` eq, `!=` neq, `^=` starts, `~=` eq_ci, `^~=` starts_ci, `>` gt, `>=` gte, `<` lt, `<=` lte, `IN` in. */
export type CqlOperator = "eq" | "neq" | "starts" | "eq_ci" | "starts_ci" | "gt" | "gte" | "lt" | "lte" | "in";

/** A literal. */
export type CqlValue =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "date"; value: string; relative: boolean }
  | { type: "list"; values: CqlValue[] };

/** A parsed expression. */
export type CqlExpression =
  | { type: "and"; left: CqlExpression; right: CqlExpression }
  | { type: "or"; left: CqlExpression; right: CqlExpression }
  | { type: "not"; inner: CqlExpression }
  | { type: "comparison"; field: CqlField; operator: CqlOperator; value: CqlValue; position: CqlPosition };

/** A parsed query: the text and its tree. */
export interface CqlQuery {
  raw: string;
  ast: CqlExpression;
}

/** What a field compares as. */
export type CqlFieldKind = "string" | "label" | "exact_string" | "id" | "date" | "number" | "boolean";

/** Every field CQL knows: what it is and which operators it takes. */
export const CQL_FIELDS = {
  id: { kind: "id", operators: ["eq", "neq", "in"] },
  tag: { kind: "string", operators: ["eq", "neq", "starts", "eq_ci", "starts_ci", "in"] },
  title: { kind: "string", operators: ["eq", "neq", "starts", "eq_ci", "starts_ci", "in"] },
  label: { kind: "label", operators: ["eq", "neq", "in"] },
  user: { kind: "string", operators: ["eq", "neq", "starts", "eq_ci", "starts_ci", "in"] },
  service: { kind: "string", operators: ["eq", "neq", "starts", "eq_ci", "starts_ci", "in"] },
  host: { kind: "string", operators: ["eq", "neq", "starts", "eq_ci", "starts_ci", "in"] },
  trace_id: { kind: "exact_string", operators: ["eq", "neq"] },
  parent: { kind: "id", operators: ["eq", "neq", "in"] },
  root: { kind: "id", operators: ["eq", "neq", "in"] },
  created: { kind: "date", operators: ["eq", "neq", "gt", "gte", "lt", "lte"] },
  depth: { kind: "number", operators: ["eq", "neq", "gt", "gte", "lt", "lte"] },
  is_live: { kind: "boolean", operators: ["eq", "neq"] },
} as const satisfies Record<string, { kind: CqlFieldKind; operators: readonly CqlOperator[] }>;

/** A CQL field name. */
export type CqlField = keyof typeof CQL_FIELDS;

/** Operator spellings, for messages. */
export const OPERATOR_TEXT: Record<CqlOperator, string> = {
  eq: "=",
  neq: "!=",
  starts: "^=",
  eq_ci: "~=",
  starts_ci: "^~=",
  gt: ">",
  gte: ">=",
  lt: "<",
  lte: "<=",
  in: "IN",
};
