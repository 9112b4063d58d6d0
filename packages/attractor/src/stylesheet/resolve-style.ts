/**
 * Selector matching and specificity (attractor-spec §8.3): which stylesheet value wins for a node.
 * @module
 */
import { classesOf, shapeOf } from "../model/attributes.js";
import type { Node } from "../model/graph.js";
import type { ResolvedStyle, StyleProperty, StyleSelector, StylesheetRule } from "./types.js";

/**
 * True when `selector` matches `node`: `*` always, a shape name when `shapeOf(node)` equals it
 * (so `box` matches nodes without a shape), `.class` when `classesOf(node)` (explicit `class`
 * plus subgraph-derived classes) contains it, `#id` when the id equals it. Matching is case-sensitive.
 */
export function selectorMatches(selector: StyleSelector, node: Node): boolean {
  switch (selector.type) {
    case "universal":
      return true;
    case "shape":
      return shapeOf(node) === selector.shape;
    case "class":
      return classesOf(node).includes(selector.className);
    case "id":
      return node.id === selector.id;
    default: {
      const never: never = selector;
      return never;
    }
  }
}

/**
 * The winning stylesheet value of each property for `node` (attractor-spec §8.3): the matching
 * rule with the highest specificity wins, and among equal specificity the later rule wins (and
 * within a rule, the later declaration). Node attributes are not consulted here; the
 * stylesheet transform only applies values the node lacks (§8.5).
 * @returns only the properties some matching rule sets.
 */
export function resolveStyle(node: Node, rules: readonly StylesheetRule[]): ResolvedStyle {
  const style: ResolvedStyle = {};
  const winning: Partial<Record<StyleProperty, number>> = {};
  for (const rule of rules) {
    if (!selectorMatches(rule.selector, node)) continue;
    const specificity = rule.selector.specificity;
    for (const declaration of rule.declarations) {
      const current = winning[declaration.property];
      if (current === undefined || specificity >= current) {
        winning[declaration.property] = specificity;
        style[declaration.property] = declaration.value;
      }
    }
  }
  return style;
}
