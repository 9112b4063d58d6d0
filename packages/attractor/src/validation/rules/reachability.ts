/**
 * `reachability` (attractor-spec §7.2, ERROR): every node can be reached from the start node.
 * @module
 */
import { findStartNodes, isExitNode } from "../../model/attributes.js";
import type { Graph } from "../../model/graph.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { nodeDiagnostic } from "../locate.js";

const RULE = "reachability";

/**
 * Reports each node that no path of edges reaches from a start node, at the node.
 *
 * Severity: ERROR, as in the §7.2 table. §11.12 lists "orphan node -> warning", but §7.2 is the
 * normative rule table and an unreachable stage is almost always a wiring mistake (a misspelt
 * edge endpoint declares a new, unreachable node). None of the corpus pipelines from other
 * implementations that parse (101 of 103, ../shared/corpus/pipelines) has an unreachable node, so
 * nothing that runs elsewhere is rejected for it.
 * Retry targets count as ways in: a node's `retry_target`/`fallback_retry_target` (§3.7) and,
 * from an exit node, the graph's (§3.4 goal-gate retries).
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
      for (const next of successors(graph, id)) {
        if (graph.nodes.has(next) && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
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

/** Where the traversal can go from `id`: edge targets and retry targets. */
function successors(graph: Graph, id: string): string[] {
  const node = graph.nodes.get(id);
  const next = graph.outgoing(id).map((e) => e.to);
  for (const key of ["retry_target", "fallback_retry_target"]) {
    const own = node?.attrs.get(key);
    if (own) next.push(own);
    if (node && isExitNode(node)) {
      const graphTarget = graph.attrs.get(key);
      if (graphTarget) next.push(graphTarget);
    }
  }
  return next;
}
