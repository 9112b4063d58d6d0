/**
 * Edge selection (attractor-spec §3.3) and failure routing (§3.7).
 * @module
 */
import { evaluateCondition } from "../conditions/evaluate-condition.js";
import { readInt } from "../model/attributes.js";
import type { Edge, Graph, Node } from "../model/graph.js";
import { normalizeLabel } from "../model/labels.js";
import type { Context } from "./context.js";
import type { EdgeSelectionReason } from "./events.js";
import { distancesToExit } from "./exit-distance.js";
import type { Outcome } from "./outcome.js";

/** A chosen edge and the §3.3 step that chose it. */
export interface EdgeChoice {
  edge: Edge;
  reason: EdgeSelectionReason;
}

function hasCondition(edge: Edge): boolean {
  return (edge.attrs.get("condition") ?? "").trim() !== "";
}

/** §3.3 `best_by_weight_then_lexical`: highest weight, then target id ascending. */
export function bestByWeightThenLexical(edges: readonly Edge[]): Edge {
  let best = edges[0];
  for (let i = 1; i < edges.length; i++) {
    const e = edges[i];
    const dw = (readInt(e.attrs, "weight") ?? 0) - (readInt(best.attrs, "weight") ?? 0);
    if (dw > 0 || (dw === 0 && e.to < best.to)) best = e;
  }
  return best;
}

/**
 * Selects the next edge out of `node` (§3.3): (1) edges whose condition holds, best by weight
 * then target id; (2) the first unconditional edge whose normalized label equals the outcome's
 * preferred label; (3) the first unconditional edge to a suggested next id; (4-5) the best
 * unconditional edge by weight then target id.
 * @returns undefined when no edge is eligible. Conditions that fail to parse count as false
 *   (validation reports them before a run starts).
 */
export function selectEdge(graph: Graph, node: Node, outcome: Outcome, context: Context): EdgeChoice | undefined {
  const edges = graph.outgoing(node.id);
  if (edges.length === 0) return undefined;
  const matched = edges.filter((e) => hasCondition(e) && safeEvaluate(e, outcome, context));
  if (matched.length > 0) {
    const edge = bestByWeightThenLexical(matched);
    return { edge, reason: "condition" };
  }
  const unconditional = edges.filter((e) => !hasCondition(e));
  if (outcome.preferredLabel) {
    const wanted = normalizeLabel(outcome.preferredLabel);
    const edge = unconditional.find((e) => normalizeLabel(e.attrs.get("label") ?? "") === wanted);
    if (edge) return { edge, reason: "preferred_label" };
  }
  for (const id of outcome.suggestedNextIds ?? []) {
    const edge = unconditional.find((e) => e.to === id);
    if (edge) return { edge, reason: "suggested_next_id" };
  }
  if (unconditional.length === 0) return undefined;
  const edge = bestByWeightThenLexical(unconditional);
  const tie = unconditional.some(
    (e) => e !== edge && (readInt(e.attrs, "weight") ?? 0) === (readInt(edge.attrs, "weight") ?? 0),
  );
  return { edge, reason: tie ? "lexical" : "weight" };
}

/**
 * Failure routing for a FAIL outcome (§3.7): an edge whose condition holds (such as
 * `outcome=fail`), else the node's `retry_target`, else its `fallback_retry_target`.
 * Unconditional edges are not followed after a failure.
 * @returns an edge choice, a node id to jump to, or undefined (the pipeline fails).
 */
export function routeFailure(
  graph: Graph,
  node: Node,
  outcome: Outcome,
  context: Context,
): { edge: Edge; reason: EdgeSelectionReason } | { target: string; reason: EdgeSelectionReason } | undefined {
  const matched = graph.outgoing(node.id).filter((e) => hasCondition(e) && safeEvaluate(e, outcome, context));
  if (matched.length > 0) return { edge: bestByWeightThenLexical(matched), reason: "fail_edge" };
  for (const key of ["retry_target", "fallback_retry_target"]) {
    const target = node.attrs.get(key);
    if (target && graph.nodes.has(target)) return { target, reason: "retry_target" };
  }
  return undefined;
}

/**
 * Simulation routing: when no edge is eligible because the stage could not produce the words
 * the conditions expect (a custom outcome, a context flag), pick the outgoing edge whose target
 * is closest to an exit node, so a simulated run still walks the pipeline to its end.
 */
export function selectEdgeTowardExit(graph: Graph, node: Node): Edge | undefined {
  const distance = distancesToExit(graph);
  let best: Edge | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const edge of graph.outgoing(node.id)) {
    const d = distance.get(edge.to) ?? Number.POSITIVE_INFINITY;
    if (d < bestDistance || (d === bestDistance && best && edge.to < best.to)) {
      best = edge;
      bestDistance = d;
    }
  }
  return best;
}

function safeEvaluate(edge: Edge, outcome: Outcome, context: Context): boolean {
  try {
    return evaluateCondition(edge.attrs.get("condition") ?? "", outcome, context);
  } catch {
    return false;
  }
}
