/**
 * The parsed form of an edge condition (attractor-spec §10.2).
 * @module
 */

/** How a comparison was written. `==` is accepted as a synonym of `=`; the `condition_style` lint warns about it. */
export type ComparisonSpelling = "=" | "==" | "!=";

/** `key = literal` or `key != literal` (attractor-spec §10.2 Clause). */
export interface ComparisonClause {
  type: "comparison";
  /** The key as written: `outcome`, `preferred_label`, `context.<path>` or an identifier path. */
  key: string;
  /** `=` for equality (also when written `==`), `!=` for inequality. */
  operator: "=" | "!=";
  /** The operator exactly as written. */
  spelling: ComparisonSpelling;
  /** The literal, unescaped when it was quoted. */
  literal: string;
  /** True when the literal was written in double quotes. */
  quoted: boolean;
  /** 1-based column of the key in the condition text. */
  column: number;
  /** 1-based column of the literal in the condition text. */
  literalColumn: number;
}

/** A bare key: true when the key resolves to a non-empty string (attractor-spec §10.5 `bool(resolve_key(...))`). */
export interface TruthyClause {
  type: "truthy";
  key: string;
  /** 1-based column of the key in the condition text. */
  column: number;
}

/** One clause of a condition. */
export type ConditionClause = ComparisonClause | TruthyClause;

/**
 * A parsed condition: clauses AND-combined left to right (attractor-spec §10.3). An empty
 * condition has no clauses and is always true.
 */
export interface ConditionExpr {
  /** The text the expression was parsed from. */
  source: string;
  clauses: ConditionClause[];
}
