/**
 * `tool_command_present`: tool nodes say which command to run (attractor-spec §4.10).
 * @module
 */
import type { Diagnostic, LintContext, LintRule } from "../diagnostic.js";
import { resolveHandlerType } from "../handler-resolution.js";
import { nodeDiagnostic } from "../locate.js";

const RULE = "tool_command_present";

/**
 * WARNING for each node that resolves to the `tool` handler without a non-empty `tool_command`:
 * the handler returns FAIL ("No tool_command specified") at run time. Only a warning, because a
 * pipeline may route that failure on purpose (an `outcome=fail` edge).
 */
export const toolCommandPresentRule: LintRule = {
  name: RULE,
  apply(graph, context: LintContext): Diagnostic[] {
    return [...graph.nodes.values()]
      .filter(
        (node) =>
          resolveHandlerType(node, context.knownHandlerTypes) === "tool" && !node.attrs.get("tool_command")?.trim(),
      )
      .map((node) =>
        nodeDiagnostic(RULE, graph, node, {
          severity: "warning",
          message: `tool node '${node.id}' has no tool_command; it will fail when it runs`,
          fix: `add tool_command="..." to '${node.id}'`,
        }),
      );
  },
};
