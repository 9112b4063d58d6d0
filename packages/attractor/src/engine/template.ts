/**
 * Runtime text expansion for prompts: `$goal` (attractor-spec §4.5) and `${...}` references to
 * context values, which pipelines written for other implementations use.
 * @module
 */
import type { Graph } from "../model/graph.js";
import { type Context, stringify } from "./context.js";

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_.:-]*)\}|\$goal\b/g;

/**
 * Expands `$goal` and `${goal}` to the graph goal, and `${key}` / `${context.key}` to the context
 * value (tried with and without the `context.` prefix). Unknown references stay as written;
 * `$${...}` escapes to a literal `${...}`.
 */
export function expandTemplate(text: string, graph: Graph, context: Context): string {
  if (!text.includes("$")) return text;
  return text.replace(REFERENCE, (match, key: string | undefined) => {
    if (match === "$${") return "${";
    if (match === "$goal" || key === "goal") return graph.goal;
    if (key === undefined) return match;
    if (context.has(key)) return stringify(context.get(key));
    if (key.startsWith("context.") && context.has(key.slice(8))) return stringify(context.get(key.slice(8)));
    if (key.startsWith("graph.") && graph.attrs.has(key.slice(6))) return graph.attrs.get(key.slice(6)) ?? "";
    return match;
  });
}
