/**
 * Resume from a checkpoint (attractor-spec §5.3).
 * @module
 */
import { existsSync } from "node:fs";
import { CheckpointError } from "../errors.js";
import { findStartNodes, isExitNode } from "../model/attributes.js";
import type { Edge } from "../model/graph.js";
import { type Checkpoint, loadCheckpoint } from "./checkpoint.js";
import { Context } from "./context.js";
import type { Outcome } from "./outcome.js";
import { restartRun } from "./run-bookkeeping.js";
import type { RunDirectory } from "./run-directory.js";
import type { RunState } from "./run-state.js";
import { nextStep } from "./traversal.js";

/**
 * §5.3 resume: restore context, completed nodes, retry counters and outcomes, then decide the
 * next node as the live run would have. A run that failed at a stage retries that stage.
 */
export function restore(
  state: RunState,
  cp: Checkpoint,
  initialContext: Record<string, unknown> | undefined,
): { kind: "continue"; current: string; incoming: Edge | undefined } | { kind: "finish"; outcome: Outcome } {
  const { graph } = state;
  for (const id of [cp.currentNode, ...cp.completedNodes]) {
    if (id && !graph.nodes.has(id)) {
      throw new CheckpointError({
        message: `checkpoint refers to node '${id}', which is not in pipeline '${graph.name}': resume with the DOT file the run started from`,
        path: state.dir.checkpointPath,
      });
    }
  }
  state.context = new Context(cp.context, cp.logs);
  state.context.applyUpdates(initialContext);
  state.completedNodes = [...cp.completedNodes];
  state.nodeRetries = new Map(Object.entries(cp.nodeRetries));
  state.nodeOutcomes = new Map(
    cp.completedNodes.filter((id) => cp.nodeOutcomes[id]).map((id) => [id, cp.nodeOutcomes[id]]),
  );
  for (const [id, o] of Object.entries(cp.nodeOutcomes)) if (!state.nodeOutcomes.has(id)) state.nodeOutcomes.set(id, o);
  state.history = cp.completedNodes
    .filter((id) => cp.nodeOutcomes[id])
    .map((id) => ({ nodeId: id, outcome: cp.nodeOutcomes[id] }));
  state.restartCount = cp.restartCount;
  if (cp.restartCount > 0) state.dir.startRestart(cp.restartCount);
  state.lastFidelity = cp.lastFidelity;

  if (cp.status === "success")
    return { kind: "finish", outcome: { status: "success", notes: "Pipeline already completed" } };
  if (!cp.currentNode) {
    const start = findStartNodes(graph)[0];
    return { kind: "continue", current: start.id, incoming: undefined };
  }
  const node = graph.nodes.get(cp.currentNode)!;
  const last: Outcome = cp.nodeOutcomes[cp.currentNode] ?? { status: "success" };
  if (isExitNode(node)) return { kind: "finish", outcome: { status: "success", notes: "Pipeline completed" } };
  if (cp.status === "fail" && last.status === "fail") {
    // Resuming a failed run retries the stage that failed.
    return { kind: "continue", current: node.id, incoming: undefined };
  }
  const step = nextStep(graph, node, last, state.context, { simulated: state.simulated });
  if (step.kind === "finish") return { kind: "finish", outcome: step.outcome };
  if (step.kind === "jump") return { kind: "continue", current: step.target, incoming: undefined };
  if (step.kind === "restart") restartRun(state, initialContext, node.id, step.edge.to);
  return { kind: "continue", current: step.edge.to, incoming: step.edge };
}

/**
 * The checkpoint to resume from. A run directory with a manifest but no checkpoint yet (the
 * process died before the first node completed) resumes from the start.
 * @throws CheckpointError when there is neither, or the checkpoint is unreadable.
 */
export function checkpointToResume(dir: RunDirectory): Checkpoint | undefined {
  if (!existsSync(dir.checkpointPath) && existsSync(dir.manifestPath)) return undefined;
  return loadCheckpoint(dir.checkpointPath);
}
