/**
 * `start_node` (attractor-spec §7.2, ERROR): the pipeline has exactly one start node.
 * @module
 */
import { findStartNodes, handlerTypeOf } from "../../model/attributes.js";
import type { Node } from "../../model/graph.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { graphDiagnostic, nodeDiagnostic } from "../locate.js";

const RULE = "start_node";

/**
 * Reports a missing start node (at the graph's opening brace) or, when there are several, one
 * error at each start node after the first. A start node is one with `shape=Mdiamond`,
 * `type=start`, or id `start`/`Start` (`isStartNode`).
 */
export const startNodeRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const starts = findStartNodes(graph);
    if (starts.length === 1) return [];
    if (starts.length === 0) {
      return [
        graphDiagnostic(RULE, graph, {
          severity: "error",
          message: "pipeline has no start node",
          fix: "add a start node, e.g. start [shape=Mdiamond]",
        }),
      ];
    }
    const list = starts.map((n) => `'${n.id}' (${why(n)})`).join(", ");
    return starts.slice(1).map((node) =>
      nodeDiagnostic(RULE, graph, node, {
        severity: "error",
        message: `pipeline has ${starts.length} start nodes: ${list}; exactly one is allowed`,
        fix: `keep one start node and give '${node.id}' another id or shape`,
        attr: node.attrs.has("type") ? "type" : node.attrs.has("shape") ? "shape" : undefined,
      }),
    );
  },
};

function why(node: Node): string {
  if (node.attrs.get("type") === "start") return "type=start";
  if (handlerTypeOf(node) === "start") return "shape=Mdiamond";
  return "by its id";
}
