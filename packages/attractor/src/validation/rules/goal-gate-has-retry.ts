/**
 * `goal_gate_has_retry` (attractor-spec §7.2, WARNING): goal gates have somewhere to retry.
 * @module
 */
import { readBool } from "../../model/attributes.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { nodeDiagnostic } from "../locate.js";

const RULE = "goal_gate_has_retry";

/**
 * Warns for each `goal_gate=true` node when neither the node nor the graph sets `retry_target`
 * or `fallback_retry_target`: an unsatisfied gate then fails the pipeline at the exit (§3.4
 * consults node targets first, then the graph's).
 */
export const goalGateHasRetryRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    if (graph.attrs.get("retry_target") || graph.attrs.get("fallback_retry_target")) return [];
    return [...graph.nodes.values()]
      .filter((node) => readBool(node.attrs, "goal_gate"))
      .filter((node) => !node.attrs.get("retry_target") && !node.attrs.get("fallback_retry_target"))
      .map((node) =>
        nodeDiagnostic(RULE, graph, node, {
          severity: "warning",
          message: `goal gate '${node.id}' has no retry_target or fallback_retry_target (nor does the graph): if it is unsatisfied at exit the pipeline fails`,
          fix: `add retry_target="<node to rerun>" to '${node.id}' or to the graph`,
          attr: "goal_gate",
        }),
      );
  },
};
