/**
 * `edge_target_exists` (attractor-spec §7.2, ERROR): every edge joins existing nodes.
 * @module
 */
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { edgeDiagnostic } from "../locate.js";

const RULE = "edge_target_exists";

/**
 * Reports each edge whose target (or source) is not a node of the graph. The DOT parser declares
 * every node an edge mentions, so this catches graphs built or rewritten by code (custom transforms).
 */
export const edgeTargetExistsRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const edge of graph.edges) {
      for (const end of new Set([edge.to, edge.from])) {
        if (graph.nodes.has(end)) continue;
        diagnostics.push(
          edgeDiagnostic(RULE, graph, edge, {
            severity: "error",
            message: `edge ${edge.from} -> ${edge.to} refers to unknown node '${end}'`,
            fix: `declare node '${end}' or correct the edge`,
          }),
        );
      }
    }
    return diagnostics;
  },
};
