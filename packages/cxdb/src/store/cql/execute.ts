/**
 * CQL evaluation over context attributes. Semantics follow CXDB's executor: `!=` and `NOT` match
 * every context the positive form does not (including contexts without that attribute); `~=` and
 * `^~=` compare case-insensitively; `label` matches when any label does.
 * @module
 */
import type { CqlExpression, CqlValue } from "./ast.js";
import { parseAbsoluteDate, resolveRelativeDate } from "./parser.js";

/** The attributes of one context that CQL can see. */
export interface CqlContext {
  id: number;
  tag?: string;
  title?: string;
  labels: string[];
  user?: string;
  service?: string;
  host?: string;
  traceId?: string;
  parent?: number;
  root?: number;
  /** Unix ms. */
  created: number;
  /** Head depth. */
  depth: number;
  isLive: boolean;
}

/** True when `context` matches `expr`; `now` (Unix ms) resolves relative dates. */
export function matchesCql(expr: CqlExpression, context: CqlContext, now: number): boolean {
  switch (expr.type) {
    case "and":
      return matchesCql(expr.left, context, now) && matchesCql(expr.right, context, now);
    case "or":
      return matchesCql(expr.left, context, now) || matchesCql(expr.right, context, now);
    case "not":
      return !matchesCql(expr.inner, context, now);
    case "comparison":
      return compare(expr, context, now);
  }
}

function compare(expr: Extract<CqlExpression, { type: "comparison" }>, c: CqlContext, now: number): boolean {
  const { operator, value } = expr;
  if (operator === "neq") return !compare({ ...expr, operator: "eq" }, c, now);
  if (operator === "in")
    return value.type === "list" && value.values.some((v) => compare({ ...expr, operator: "eq", value: v }, c, now));
  switch (expr.field) {
    case "id":
      return c.id === numberOf(value);
    case "parent":
      return c.parent !== undefined && c.parent === numberOf(value);
    case "root":
      return c.root !== undefined && c.root === numberOf(value);
    case "depth":
      return ordered(c.depth, numberOf(value), operator);
    case "created":
      return ordered(c.created, timeOf(value, now), operator);
    case "is_live":
      return c.isLive === (stringOf(value) === "true");
    case "trace_id":
      return c.traceId !== undefined && c.traceId === stringOf(value);
    case "label":
      return c.labels.includes(stringOf(value));
    default:
      return text(
        expr.field === "tag"
          ? c.tag
          : expr.field === "title"
            ? c.title
            : expr.field === "user"
              ? c.user
              : expr.field === "service"
                ? c.service
                : c.host,
        stringOf(value),
        operator,
      );
  }
}

function text(actual: string | undefined, wanted: string, operator: string): boolean {
  if (actual === undefined) return false;
  switch (operator) {
    case "eq":
      return actual === wanted;
    case "starts":
      return actual.startsWith(wanted);
    case "eq_ci":
      return actual.toLowerCase() === wanted.toLowerCase();
    case "starts_ci":
      return actual.toLowerCase().startsWith(wanted.toLowerCase());
    default:
      return false;
  }
}

function ordered(actual: number, wanted: number, operator: string): boolean {
  switch (operator) {
    case "eq":
      return actual === wanted;
    case "gt":
      return actual > wanted;
    case "gte":
      return actual >= wanted;
    case "lt":
      return actual < wanted;
    case "lte":
      return actual <= wanted;
    default:
      return false;
  }
}

function numberOf(value: CqlValue): number {
  return value.type === "number" ? value.value : Number.NaN;
}

function stringOf(value: CqlValue): string {
  return value.type === "string" || value.type === "date" ? value.value : String(numberOf(value));
}

function timeOf(value: CqlValue, now: number): number {
  if (value.type === "number") return value.value;
  if (value.type === "date" && value.relative) return resolveRelativeDate(value.value, now);
  return parseAbsoluteDate(stringOf(value));
}
