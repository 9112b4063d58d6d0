/**
 * What happens after a node completes (attractor-spec §3.2 steps 6-8, §3.7): follow an edge,
 * jump to a node, restart the loop, or finish.
 * @module
 */
import { handlerTypeOf, readBool } from "../model/attributes.js";
import type { Edge, Graph, Node } from "../model/graph.js";
import type { Context } from "./context.js";
import { routeFailure, selectEdge, selectEdgeTowardExit } from "./edge-selection.js";
import type { EdgeSelectionReason } from "./events.js";
import { type Outcome, outcomeWord } from "./outcome.js";

/** The traversal decision after a node. */
export type Step =
  | { kind: "follow"; edge: Edge; reason: EdgeSelectionReason }
  | { kind: "jump"; target: string; reason: EdgeSelectionReason }
  | { kind: "restart"; edge: Edge; reason: EdgeSelectionReason }
  | { kind: "finish"; outcome: Outcome; warning?: string };

/** Options of {@link nextStep}. */
export interface NextStepOptions {
  /** In simulation, a node whose conditions cannot match walks toward the exit instead of failing. */
  simulated: boolean;
  /** A node id the handler asked to continue at (the parallel handler's join node). */
  jumpTo?: string;
}

/**
 * Decides where the traversal goes after `node` finished with `outcome`.
 *
 * - FAIL: §3.7 failure routing (condition edge, retry_target, fallback_retry_target), else the
 *   pipeline fails with the stage's reason.
 * - Otherwise §3.3 edge selection. A node with outgoing edges none of which is eligible fails
 *   the pipeline with a message listing the conditions (in simulation it walks toward the exit);
 *   a node with no outgoing edges ends the pipeline successfully (§3.2 step 6).
 */
export function nextStep(graph: Graph, node: Node, outcome: Outcome, context: Context, options: NextStepOptions): Step {
  if (outcome.status === "fail") {
    const route = routeFailure(graph, node, outcome, context);
    if (!route) {
      return {
        kind: "finish",
        outcome: { ...outcome, failureReason: outcome.failureReason || `stage '${node.id}' failed` },
      };
    }
    if ("edge" in route) return edgeStep(route.edge, route.reason);
    return { kind: "jump", target: route.target, reason: route.reason };
  }
  if (options.jumpTo) return { kind: "jump", target: options.jumpTo, reason: "join" };
  if (handlerTypeOf(node) === "parallel") {
    // The outgoing edges were the branches; with no fan-in to continue at, the pipeline ends.
    return {
      kind: "finish",
      outcome,
      warning: `the branches of '${node.id}' reach no fan-in or exit node: the pipeline ends after them`,
    };
  }
  const choice = selectEdge(graph, node, outcome, context);
  if (choice) return edgeStep(choice.edge, choice.reason);
  const edges = graph.outgoing(node.id);
  if (edges.length === 0) {
    return {
      kind: "finish",
      outcome: { status: "success", notes: "Pipeline completed" },
      warning: `'${node.id}' has no outgoing edges: the pipeline ends there, not at an exit node`,
    };
  }
  if (options.simulated) {
    const edge = selectEdgeTowardExit(graph, node);
    if (edge) return edgeStep(edge, "simulation");
  }
  const conditions = edges.map(
    (e) => `${e.to}: ${e.attrs.get("condition") || "(label) " + (e.attrs.get("label") ?? "")}`,
  );
  return {
    kind: "finish",
    outcome: {
      status: "fail",
      failureReason: `no outgoing edge of '${node.id}' matches outcome '${outcomeWord(outcome)}' (edges: ${conditions.join("; ")})`,
    },
  };
}

function edgeStep(edge: Edge, reason: EdgeSelectionReason): Step {
  return readBool(edge.attrs, "loop_restart") ? { kind: "restart", edge, reason } : { kind: "follow", edge, reason };
}
