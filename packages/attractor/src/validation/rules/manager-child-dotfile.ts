/**
 * `manager_child_dotfile`: manager loops name the child pipeline they supervise (attractor-spec §4.11).
 * @module
 */
import type { Diagnostic, LintContext, LintRule } from "../diagnostic.js";
import { resolveHandlerType } from "../handler-resolution.js";
import { nodeDiagnostic } from "../locate.js";

const RULE = "manager_child_dotfile";

/**
 * WARNING for each `stack.manager_loop` node when neither it nor the graph sets
 * `stack.child_dotfile`: there is no child pipeline to start (a child may still be started by
 * other means when `stack.child_autostart=false`, hence not an error).
 */
export const managerChildDotfileRule: LintRule = {
  name: RULE,
  apply(graph, context: LintContext): Diagnostic[] {
    if (graph.attrs.get("stack.child_dotfile")) return [];
    return [...graph.nodes.values()]
      .filter(
        (node) =>
          resolveHandlerType(node, context.knownHandlerTypes) === "stack.manager_loop" &&
          !node.attrs.get("stack.child_dotfile"),
      )
      .map((node) =>
        nodeDiagnostic(RULE, graph, node, {
          severity: "warning",
          message: `manager node '${node.id}' has no stack.child_dotfile (on the node or the graph): it has no child pipeline to supervise`,
          fix: `set stack.child_dotfile="child.dot" on the graph or on '${node.id}'`,
        }),
      );
  },
};
