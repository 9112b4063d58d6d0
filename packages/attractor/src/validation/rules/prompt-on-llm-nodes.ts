/**
 * `prompt_on_llm_nodes` (attractor-spec §7.2, WARNING): LLM stages say what to do.
 * @module
 */
import { isExitNode, isStartNode } from "../../model/attributes.js";
import type { Diagnostic, LintContext, LintRule } from "../diagnostic.js";
import { resolveHandlerType } from "../handler-resolution.js";
import { nodeDiagnostic } from "../locate.js";

const RULE = "prompt_on_llm_nodes";

/**
 * For nodes that resolve to the `codergen` handler (start and exit nodes found by id excluded): WARNING when neither `prompt` nor `label` is
 * set (the LLM would get only the node id); INFO when only `label` is set, since the label is
 * then used as the prompt (§2.6). §7.2 asks for "prompt or label" and §11.2 for a prompt; the two
 * severities satisfy both.
 */
export const promptOnLlmNodesRule: LintRule = {
  name: RULE,
  apply(graph, context: LintContext): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (resolveHandlerType(node, context.knownHandlerTypes) !== "codergen" || isStartNode(node) || isExitNode(node))
        continue;
      if (node.attrs.get("prompt")?.trim()) continue;
      const label = node.attrs.get("label")?.trim();
      diagnostics.push(
        nodeDiagnostic(RULE, graph, node, {
          severity: label ? "info" : "warning",
          message: label
            ? `LLM node '${node.id}' has no prompt; its label "${label}" is used as the prompt`
            : `LLM node '${node.id}' has neither a prompt nor a label; the model would only see the node id`,
          fix: `add prompt="..." to '${node.id}'`,
          attr: label ? "label" : undefined,
        }),
      );
    }
    return diagnostics;
  },
};
