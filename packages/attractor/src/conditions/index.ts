/**
 * The condition expression language (attractor-spec §10). Kept as a folder entry point because
 * `engine/edge-selection.ts` imports `evaluateCondition` from here.
 * @module
 */
export { evaluateCondition } from "./evaluate-condition.js";
export { parseCondition } from "./parse-condition.js";
export type { ComparisonClause, ComparisonSpelling, ConditionClause, ConditionExpr, TruthyClause } from "./types.js";
export { resolveConditionKey } from "./variable-resolution.js";
