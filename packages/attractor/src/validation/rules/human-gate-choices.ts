/**
 * `human_gate_choices`: human gates offer at least one choice (attractor-spec §4.6).
 * @module
 */
import type { Diagnostic, LintContext, LintRule } from "../diagnostic.js";
import { resolveHandlerType } from "../handler-resolution.js";
import { nodeDiagnostic } from "../locate.js";

const RULE = "human_gate_choices";

/**
 * ERROR for each `wait.human` node without outgoing edges: its choices are its outgoing edges,
 * so it could only fail ("No outgoing edges for human gate").
 */
export const humanGateChoicesRule: LintRule = {
  name: RULE,
  apply(graph, context: LintContext): Diagnostic[] {
    return [...graph.nodes.values()]
      .filter(
        (node) =>
          resolveHandlerType(node, context.knownHandlerTypes) === "wait.human" && graph.outgoing(node.id).length === 0,
      )
      .map((node) =>
        nodeDiagnostic(RULE, graph, node, {
          severity: "error",
          message: `human gate '${node.id}' has no outgoing edges, so there is nothing to choose`,
          fix: `add one labelled edge per choice, e.g. ${node.id} -> next [label="[A] Approve"]`,
        }),
      );
  },
};
