/**
 * `terminal_node` (attractor-spec §7.2, ERROR): the pipeline has exactly one exit node.
 * @module
 */
import { findExitNodes, handlerTypeOf } from "../../model/attributes.js";
import type { Node } from "../../model/graph.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { graphDiagnostic, nodeDiagnostic } from "../locate.js";

const RULE = "terminal_node";

/**
 * ERROR when there is no exit node (at the graph's opening brace). An exit node is one with
 * `shape=Msquare`, `type=exit`, or id `exit`/`end` (`isExitNode`).
 *
 * Several exit nodes give a WARNING at each exit after the first, not the ERROR of §7.2 ("exactly
 * one"): kilroy, a published implementation, requires only at least one, and its own demo
 * pipelines end in separate success and failure exits (corpus `demo/tmux-agent-test/*.dot`). The
 * engine stops at whichever exit is reached and checks goal gates there, so such pipelines run
 * correctly; the warning keeps the spec's intent visible.
 */
export const terminalNodeRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const exits = findExitNodes(graph);
    if (exits.length === 1) return [];
    if (exits.length === 0) {
      return [
        graphDiagnostic(RULE, graph, {
          severity: "error",
          message: "pipeline has no exit node",
          fix: "add an exit node, e.g. exit [shape=Msquare]",
        }),
      ];
    }
    const list = exits.map((n) => `'${n.id}' (${why(n)})`).join(", ");
    return exits.slice(1).map((node) =>
      nodeDiagnostic(RULE, graph, node, {
        severity: "warning",
        message: `pipeline has ${exits.length} exit nodes: ${list}; attractor-spec §7.2 expects exactly one (the run ends at whichever is reached)`,
        fix: "route every finished path to a single exit node, recording the result in the context",
        attr: node.attrs.has("type") ? "type" : node.attrs.has("shape") ? "shape" : undefined,
      }),
    );
  },
};

function why(node: Node): string {
  if (node.attrs.get("type") === "exit") return "type=exit";
  if (handlerTypeOf(node) === "exit") return "shape=Msquare";
  return "by its id";
}
