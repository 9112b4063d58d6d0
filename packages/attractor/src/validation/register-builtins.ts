/**
 * The built-in lint rules, in the order they run (attractor-spec §7.2 first, then Dark Factory's).
 * @module
 */
import type { LintRule } from "./diagnostic.js";
import { attributeKnownRule } from "./rules/attribute-known.js";
import { attributeTypesRule } from "./rules/attribute-types.js";
import { conditionStyleRule } from "./rules/condition-style.js";
import { conditionSyntaxRule } from "./rules/condition-syntax.js";
import { edgeTargetExistsRule } from "./rules/edge-target-exists.js";
import { exitNoOutgoingRule } from "./rules/exit-no-outgoing.js";
import { fidelityValidRule } from "./rules/fidelity-valid.js";
import { goalGateHasRetryRule } from "./rules/goal-gate-has-retry.js";
import { humanGateChoicesRule } from "./rules/human-gate-choices.js";
import { managerChildDotfileRule } from "./rules/manager-child-dotfile.js";
import { promptOnLlmNodesRule } from "./rules/prompt-on-llm-nodes.js";
import { reachabilityRule } from "./rules/reachability.js";
import { retryTargetExistsRule } from "./rules/retry-target-exists.js";
import { startNoIncomingRule } from "./rules/start-no-incoming.js";
import { startNodeRule } from "./rules/start-node.js";
import { stylesheetSyntaxRule } from "./rules/stylesheet-syntax.js";
import { terminalNodeRule } from "./rules/terminal-node.js";
import { toolCommandPresentRule } from "./rules/tool-command-present.js";
import { typeKnownRule } from "./rules/type-known.js";

/**
 * The built-in rules in run order: the thirteen of attractor-spec §7.2 in table order, then
 * `attribute_types`, `attribute_known`, `condition_style`, `tool_command_present`,
 * `human_gate_choices` and `manager_child_dotfile`. Returns a new array each call.
 */
export function builtInLintRules(): LintRule[] {
  return [
    startNodeRule,
    terminalNodeRule,
    reachabilityRule,
    edgeTargetExistsRule,
    startNoIncomingRule,
    exitNoOutgoingRule,
    conditionSyntaxRule,
    stylesheetSyntaxRule,
    typeKnownRule,
    fidelityValidRule,
    retryTargetExistsRule,
    goalGateHasRetryRule,
    promptOnLlmNodesRule,
    attributeTypesRule,
    attributeKnownRule,
    conditionStyleRule,
    toolCommandPresentRule,
    humanGateChoicesRule,
    managerChildDotfileRule,
  ];
}
