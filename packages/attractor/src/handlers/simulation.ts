/**
 * Simulated stage outcomes for codergen nodes without an LLM backend. A simulated stage
 * succeeds and, where its outgoing edges route on what an LLM would have reported (a custom
 * outcome word, a preferred label, a context flag), reports what takes the shortest way to an
 * exit node, so `--simulate` walks any pipeline to its end deterministically.
 * @module
 */

import { parseCondition } from "../conditions/parse-condition.js";
import type { ConditionExpr } from "../conditions/types.js";
import type { Context } from "../engine/context.js";
import { selectEdge } from "../engine/edge-selection.js";
import { distancesToExit } from "../engine/exit-distance.js";
import { isStageStatus, type Outcome } from "../engine/outcome.js";
import { readBool, readInt } from "../model/attributes.js";
import type { Edge, Graph, Node } from "../model/graph.js";

/**
 * The outcome a simulated stage reports: success, plus whatever makes edge selection follow the
 * outgoing edge closest to an exit (loop restarts last). Plain success when nothing helps.
 */
export function simulateOutcome(node: Node, graph: Graph, context: Context): Outcome {
  const plain: Outcome = { status: "success" };
  const edges = graph.outgoing(node.id);
  if (edges.length < 2 && !edges.some((e) => e.attrs.get("condition"))) return plain;
  const distance = distancesToExit(graph);
  const ranked = [...edges].sort(
    (a, b) =>
      Number(readBool(a.attrs, "loop_restart")) - Number(readBool(b.attrs, "loop_restart")) ||
      (distance.get(a.to) ?? Number.POSITIVE_INFINITY) - (distance.get(b.to) ?? Number.POSITIVE_INFINITY) ||
      (readInt(b.attrs, "weight") ?? 0) - (readInt(a.attrs, "weight") ?? 0) ||
      (a.to < b.to ? -1 : 1),
  );
  for (const edge of ranked) {
    const candidate = outcomeFor(edge);
    if (!candidate) continue;
    const trial = context.clone();
    trial.applyUpdates(candidate.contextUpdates);
    if (selectEdge(graph, node, candidate, trial)?.edge === edge) return candidate;
  }
  return plain;
}

/** An outcome that satisfies `edge`'s condition (or picks it by label), or undefined if none can. */
function outcomeFor(edge: Edge): Outcome | undefined {
  const text = edge.attrs.get("condition") ?? "";
  if (text.trim() === "") {
    const label = edge.attrs.get("label");
    return label ? { status: "success", preferredLabel: label } : { status: "success", suggestedNextIds: [edge.to] };
  }
  let expr: ConditionExpr;
  try {
    expr = parseCondition(text);
  } catch {
    return undefined;
  }
  let word = "success";
  let label: string | undefined;
  const updates: Record<string, unknown> = {};
  for (const clause of expr.clauses) {
    if (clause.type === "truthy") updates[contextKey(clause.key)] = "true";
    else if (clause.operator === "=") {
      if (clause.key === "outcome") word = clause.literal;
      else if (clause.key === "preferred_label") label = clause.literal;
      else updates[contextKey(clause.key)] = clause.literal;
    }
  }
  // A simulated LLM stage never fails or asks to be retried.
  if (word === "fail" || word === "retry") return undefined;
  const outcome: Outcome = isStageStatus(word) ? { status: word } : { status: "success", customOutcome: word };
  if (label) outcome.preferredLabel = label;
  if (Object.keys(updates).length > 0) outcome.contextUpdates = updates;
  return outcome;
}

function contextKey(key: string): string {
  return key.startsWith("context.") ? key.slice("context.".length) : key;
}
