/**
 * Runs one parallel branch (attractor-spec §4.8): from the branch's first node along the
 * graph, with an isolated context, until the branch reaches a fan-in node or an exit node
 * (the join point, not executed here) or ends.
 * @module
 */

import type { BranchOptions, BranchResult } from "../handlers/types.js";
import { handlerTypeOf, isExitNode } from "../model/attributes.js";
import type { Edge } from "../model/graph.js";
import type { Context } from "./context.js";
import { type Outcome, outcomeWord } from "./outcome.js";
import type { RunState } from "./run-state.js";
import { executeNode } from "./stage-executor.js";
import { nextStep } from "./traversal.js";

const MAX_BRANCH_VISITS = 100;

/**
 * Executes a branch and reports where it stopped. Node outcomes are recorded in the run's
 * `nodeOutcomes` (so goal gates and run reports see them) but not in `completedNodes`, which is
 * the top-level traversal.
 * @throws RunCancelledError when the run is cancelled.
 */
export async function runBranch(
  state: RunState,
  startNodeId: string,
  context: Context,
  options: BranchOptions,
): Promise<BranchResult> {
  const started = Date.now();
  const { graph } = state;
  const completed: string[] = [];
  const visits = new Map<string, number>();
  let current = startNodeId;
  let incoming: Edge | undefined = options.incoming;
  let previous: string | undefined;
  let last: Outcome = { status: "success" };

  const done = (outcome: Outcome, joinNodeId: string | undefined): BranchResult => ({
    id: startNodeId,
    outcome,
    completedNodes: completed,
    context,
    joinNodeId,
    durationMs: Date.now() - started,
  });

  for (;;) {
    // Branches interleave at node boundaries even when their stages do only synchronous I/O.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const node = graph.nodes.get(current);
    if (!node) return done({ status: "fail", failureReason: `node '${current}' does not exist` }, undefined);
    if (handlerTypeOf(node) === "parallel.fan_in" || isExitNode(node)) return done(last, node.id);
    const count = (visits.get(node.id) ?? 0) + 1;
    visits.set(node.id, count);
    if (count > MAX_BRANCH_VISITS) {
      return done({ status: "fail", failureReason: `branch loops: '${node.id}' reached ${count} times` }, undefined);
    }
    const outcome = await executeNode(state, node, {
      context,
      incoming,
      previousNodeId: previous,
      branchPath: options.branchPath,
      signal: options.signal,
    });
    completed.push(node.id);
    if (outcome.status !== "skipped") {
      const { jumpTo: _jump, ...stored } = outcome;
      state.nodeOutcomes.set(node.id, stored);
      context.applyUpdates(outcome.contextUpdates);
      context.set("outcome", outcomeWord(outcome));
      if (outcome.preferredLabel) context.set("preferred_label", outcome.preferredLabel);
      last = stored;
    }
    const step = nextStep(graph, node, outcome, context, { simulated: state.simulated, jumpTo: outcome.jumpTo });
    if (step.kind === "finish") return done(step.outcome.status === "fail" ? step.outcome : last, undefined);
    if (step.kind === "restart") {
      return done(
        {
          status: "fail",
          failureReason: `loop_restart on ${node.id} -> ${step.edge.to} is not allowed inside a parallel branch`,
        },
        undefined,
      );
    }
    const to = step.kind === "jump" ? step.target : step.edge.to;
    state.emit({
      type: "edge_selected",
      from: node.id,
      to,
      label: step.kind === "jump" ? "" : (step.edge.attrs.get("label") ?? ""),
      reason: step.reason,
      branch: options.branchPath,
    });
    previous = node.id;
    incoming = step.kind === "jump" ? undefined : step.edge;
    current = to;
  }
}
