/**
 * What the runner does around each node (attractor-spec §3.2 steps 3-5) and at loop restarts:
 * record outcomes, checkpoint, and (re)initialize the context.
 * @module
 */
import { type Checkpoint, saveCheckpoint } from "./checkpoint.js";
import { Context } from "./context.js";
import { type Outcome, outcomeWord } from "./outcome.js";
import type { RunState } from "./run-state.js";

/** §3.2 steps 3-4: record completion and merge the outcome into the context. */
export function record(state: RunState, nodeId: string, outcome: Outcome): void {
  state.completedNodes.push(nodeId);
  if (outcome.status === "skipped") return;
  const { jumpTo: _jump, ...stored } = outcome;
  state.nodeOutcomes.set(nodeId, stored);
  state.history.push({ nodeId, outcome: stored });
  state.context.applyUpdates(outcome.contextUpdates);
  state.context.set("outcome", outcomeWord(outcome));
  if (outcome.preferredLabel) state.context.set("preferred_label", outcome.preferredLabel);
}

/** §3.2 step 5: write the checkpoint atomically and announce it. */
export function saveState(state: RunState, nodeId: string, status: Checkpoint["status"], failureReason?: string): void {
  const checkpoint: Checkpoint = {
    timestamp: new Date().toISOString(),
    runId: state.runId,
    pipeline: state.graph.name,
    currentNode: nodeId,
    completedNodes: state.completedNodes,
    nodeRetries: Object.fromEntries(state.nodeRetries),
    nodeOutcomes: Object.fromEntries(state.nodeOutcomes),
    context: state.context.toObject(),
    logs: [...state.context.logs],
    restartCount: state.restartCount,
    lastFidelity: state.lastFidelity,
    status,
    failureReason,
  };
  saveCheckpoint(state.dir.checkpointPath, checkpoint);
  state.emit({ type: "checkpoint_saved", nodeId, path: state.dir.checkpointPath });
}

/** §3.1 INITIALIZE: mirror graph attributes into the context (`graph.*`), then `--set` values. */
export function initContext(state: RunState, initialContext: Record<string, unknown> | undefined): void {
  for (const [key, value] of state.graph.attrs) {
    if (key !== "model_stylesheet") state.context.set(`graph.${key}`, value);
  }
  state.context.set("graph.goal", state.graph.goal);
  state.context.set("internal.run_id", state.runId);
  state.context.set("internal.loop_restart_count", state.restartCount);
  state.context.applyUpdates(initialContext);
}

/**
 * `loop_restart` (§2.7): a fresh run starting at `target`, with stage logs in `restart-{n}/`.
 * Context keys named in graph `loop_restart_persist_keys` (comma-separated) survive.
 */
export function restartRun(
  state: RunState,
  initialContext: Record<string, unknown> | undefined,
  from: string,
  target: string,
): void {
  state.restartCount++;
  const persist = (state.graph.attrs.get("loop_restart_persist_keys") ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  const kept = Object.fromEntries(persist.filter((k) => state.context.has(k)).map((k) => [k, state.context.get(k)]));
  state.context = new Context();
  initContext(state, initialContext);
  state.context.applyUpdates(kept);
  state.completedNodes = [];
  state.nodeOutcomes = new Map();
  state.nodeRetries = new Map();
  state.history = [];
  state.visits = new Map();
  state.dir.startRestart(state.restartCount);
  state.emit({
    type: "loop_restart",
    from,
    to: target,
    restartCount: state.restartCount,
    logsRoot: state.dir.stageRoot,
  });
}
