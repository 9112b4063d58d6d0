/**
 * Stylesheet application transform (attractor-spec §8.5, §9.2): fills `llm_model`,
 * `llm_provider` and `reasoning_effort` on nodes that do not set them.
 * @module
 */
import { StylesheetSyntaxError } from "../errors.js";
import type { Graph } from "../model/graph.js";
import { parseStylesheet } from "../stylesheet/parse-stylesheet.js";
import { resolveStyle } from "../stylesheet/resolve-style.js";
import { STYLE_PROPERTIES, type StylesheetRule } from "../stylesheet/types.js";
import type { Transform } from "./types.js";

/**
 * Resolves each model property per node in the order of attractor-spec §8.5: an explicit
 * (non-empty) node attribute wins; else the stylesheet value by specificity; else the graph-level
 * attribute of the same name. Only properties the node lacks are set, and their `attrLocs` point
 * at the `model_stylesheet` (or graph attribute) they came from. A stylesheet that does not
 * parse is ignored here (the `stylesheet_syntax` lint rule reports it). Returns a clone.
 */
export const stylesheetTransform: Transform = {
  name: "stylesheet_application",
  apply(graph: Graph): Graph {
    const copy = graph.clone();
    const rules = parseOrEmpty(copy.attrs.get("model_stylesheet") ?? "");
    const stylesheetLoc = copy.attrLocs.get("model_stylesheet");
    for (const node of copy.nodes.values()) {
      const style = rules.length > 0 ? resolveStyle(node, rules) : {};
      for (const property of STYLE_PROPERTIES) {
        if (node.attrs.get(property)) continue;
        const fromStyle = style[property];
        const value = fromStyle ?? copy.attrs.get(property);
        if (!value) continue;
        node.attrs.set(property, value);
        const loc = fromStyle !== undefined ? stylesheetLoc : copy.attrLocs.get(property);
        if (loc) node.attrLocs.set(property, loc);
      }
    }
    return copy;
  },
};

function parseOrEmpty(text: string): StylesheetRule[] {
  if (text.trim() === "") return [];
  try {
    return parseStylesheet(text);
  } catch (error) {
    if (error instanceof StylesheetSyntaxError) return [];
    throw error;
  }
}
