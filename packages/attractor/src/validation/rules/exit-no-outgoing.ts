/**
 * `exit_no_outgoing` (attractor-spec §7.2, ERROR): no edge leaves the exit node.
 * @module
 */
import { findExitNodes } from "../../model/attributes.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { edgeDiagnostic } from "../locate.js";

const RULE = "exit_no_outgoing";

/** Reports each edge out of an exit node, at the edge. */
export const exitNoOutgoingRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    return findExitNodes(graph).flatMap((exit) =>
      graph.outgoing(exit.id).map((edge) =>
        edgeDiagnostic(RULE, graph, edge, {
          severity: "error",
          message: `edge ${edge.from} -> ${edge.to} leaves the exit node '${exit.id}'; the exit node must have no outgoing edges`,
          fix: "remove the edge: reaching the exit node ends the run",
        }),
      ),
    );
  },
};
