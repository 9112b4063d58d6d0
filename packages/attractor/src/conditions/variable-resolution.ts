/**
 * Variable resolution of condition keys (attractor-spec §10.4).
 * @module
 */
import { type Context, stringify } from "../engine/context.js";
import { type Outcome, outcomeWord } from "../engine/outcome.js";

const CONTEXT_PREFIX = "context.";

/**
 * Resolves a condition key to the string it compares as (attractor-spec §10.4):
 * - `outcome`: the outcome word (`outcomeWord(outcome)`: a custom outcome, else the status);
 * - `preferred_label`: the outcome's preferred label;
 * - `context.<path>`: the context value under `context.<path>`, else under `<path>`;
 * - any other key: the context value under that key.
 *
 * Missing (or null) values resolve to `""`; non-string values are rendered by `stringify` (JSON for objects).
 * Never throws.
 */
export function resolveConditionKey(key: string, outcome: Outcome, context: Context): string {
  if (key === "outcome") return outcomeWord(outcome);
  if (key === "preferred_label") return outcome.preferredLabel ?? "";
  if (key.startsWith(CONTEXT_PREFIX)) {
    return lookup(context, key) ?? lookup(context, key.slice(CONTEXT_PREFIX.length)) ?? "";
  }
  return lookup(context, key) ?? "";
}

function lookup(context: Context, key: string): string | undefined {
  const value = context.get(key);
  return value === undefined || value === null ? undefined : stringify(value);
}
