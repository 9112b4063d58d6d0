/**
 * `start_no_incoming` (attractor-spec §7.2, ERROR): no edge enters the start node.
 * @module
 */
import { findStartNodes } from "../../model/attributes.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { edgeDiagnostic } from "../locate.js";

const RULE = "start_no_incoming";

/** Reports each edge into a start node, at the edge. */
export const startNoIncomingRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    return findStartNodes(graph).flatMap((start) =>
      graph.incoming(start.id).map((edge) =>
        edgeDiagnostic(RULE, graph, edge, {
          severity: "error",
          message: `edge ${edge.from} -> ${edge.to} enters the start node '${start.id}'; the start node must have no incoming edges`,
          fix: "loop back to the first real stage instead of the start node",
        }),
      ),
    );
  },
};
