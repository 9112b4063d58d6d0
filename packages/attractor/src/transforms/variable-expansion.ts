/**
 * Variable expansion transform (attractor-spec §9.2): `$goal` in node prompts becomes the graph goal.
 * @module
 */
import type { Graph } from "../model/graph.js";
import type { Transform } from "./types.js";

/**
 * Replaces every `$goal` in each node's `prompt` with the graph's `goal` attribute (an empty
 * string when unset). A plain string replace: other `$names` and runtime `${context.x}`
 * placeholders are left as written. Returns a clone; never reports diagnostics.
 */
export const variableExpansionTransform: Transform = {
  name: "variable_expansion",
  apply(graph: Graph): Graph {
    const copy = graph.clone();
    const goal = copy.goal;
    for (const node of copy.nodes.values()) {
      const prompt = node.attrs.get("prompt");
      if (prompt?.includes("$goal")) node.attrs.set("prompt", prompt.replaceAll("$goal", goal));
    }
    return copy;
  },
};
