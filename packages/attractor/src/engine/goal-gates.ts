/**
 * Goal gate enforcement (attractor-spec §3.4).
 * @module
 */
import { readBool } from "../model/attributes.js";
import type { Graph, Node } from "../model/graph.js";
import { isSuccessful, type Outcome } from "./outcome.js";

/**
 * The first visited `goal_gate=true` node whose latest outcome is neither SUCCESS nor
 * PARTIAL_SUCCESS, or undefined when every gate is satisfied (§3.4).
 */
export function findUnsatisfiedGoalGate(graph: Graph, nodeOutcomes: ReadonlyMap<string, Outcome>): Node | undefined {
  for (const [id, outcome] of nodeOutcomes) {
    const node = graph.nodes.get(id);
    if (node && readBool(node.attrs, "goal_gate") && !isSuccessful(outcome.status)) return node;
  }
  return undefined;
}

/**
 * Where to go when `node` fails or its goal gate is unsatisfied: node `retry_target`, node
 * `fallback_retry_target`, then (with `includeGraph`) graph `retry_target` and
 * `fallback_retry_target` (§3.4, §3.7). Targets that do not exist are skipped.
 */
export function resolveRetryTarget(node: Node, graph: Graph, includeGraph: boolean): string | undefined {
  const candidates = [node.attrs.get("retry_target"), node.attrs.get("fallback_retry_target")];
  if (includeGraph) candidates.push(graph.attrs.get("retry_target"), graph.attrs.get("fallback_retry_target"));
  return candidates.find((id): id is string => !!id && graph.nodes.has(id));
}
