/**
 * `reachability` (attractor-spec §7.2, ERROR): every node can be reached from the start node.
 * @module
 */
import { findStartNodes } from "../../model/attributes.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { nodeDiagnostic } from "../locate.js";

const RULE = "reachability";

/**
 * Reports each node that no path of edges reaches from a start node, at the node.
 *
 * Severity: ERROR, as in the §7.2 table. §11.12 lists "orphan node -> warning", but §7.2 is the
 * normative rule table and an unreachable stage is almost always a wiring mistake (a misspelt
 * edge endpoint declares a new, unreachable node). None of the 103 corpus pipelines from other
 * implementations has an unreachable node, so nothing that runs elsewhere is rejected for it.
 * Skipped when there is no start node (`start_node` reports that).
 */
export const reachabilityRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const starts = findStartNodes(graph);
    if (starts.length === 0) return [];
    const seen = new Set(starts.map((n) => n.id));
    const queue = [...seen];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      for (const edge of graph.outgoing(id)) {
        if (!seen.has(edge.to)) {
          seen.add(edge.to);
          queue.push(edge.to);
        }
      }
    }
    const from = starts.map((n) => `'${n.id}'`).join(" or ");
    return [...graph.nodes.values()]
      .filter((node) => !seen.has(node.id))
      .map((node) =>
        nodeDiagnostic(RULE, graph, node, {
          severity: "error",
          message: `node '${node.id}' cannot be reached from the start node ${from}`,
          fix: `add an edge into '${node.id}' or remove it`,
        }),
      );
  },
};
