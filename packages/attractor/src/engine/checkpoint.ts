/**
 * Checkpoints (attractor-spec §5.3): the serializable state after each completed node, written
 * atomically to `{logs_root}/checkpoint.json`, and read back for resume.
 * @module
 */
import { readFileSync } from "node:fs";
import { CheckpointError } from "../errors.js";
import type { FidelityMode } from "../handlers/types.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { ContextValue } from "./context.js";
import { isStageStatus, type Outcome } from "./outcome.js";

/** Where the run stands when the checkpoint is written. */
export type RunStatus = "running" | "success" | "fail" | "cancelled";

/** attractor-spec §5.3 Checkpoint, plus the state resume needs (outcomes, restarts, status). */
export interface Checkpoint {
  /** ISO-8601 time of writing. */
  timestamp: string;
  runId: string;
  pipeline: string;
  /** Id of the last completed node. */
  currentNode: string;
  completedNodes: string[];
  /** Retry counters per node. */
  nodeRetries: Record<string, number>;
  /** Latest outcome per node (without context updates, which are already in `context`). */
  nodeOutcomes: Record<string, Outcome>;
  context: Record<string, ContextValue>;
  logs: string[];
  /** How many `loop_restart` edges the run has taken. */
  restartCount: number;
  /** Fidelity the last node ran with (resume degrades `full` to `summary:high`, §5.3). */
  lastFidelity: FidelityMode | undefined;
  status: RunStatus;
  failureReason?: string;
}

const OUTCOME_JSON = new WeakMap<Outcome, Record<string, unknown>>();

/** Serializes with the spec's snake_case field names (§5.3 `save`). */
export function checkpointToJson(cp: Checkpoint): Record<string, unknown> {
  const outcomes: Record<string, unknown> = {};
  for (const [id, o] of Object.entries(cp.nodeOutcomes)) {
    // Recorded outcomes never change and the checkpoint is rewritten after every node: convert each once.
    let json = OUTCOME_JSON.get(o);
    if (!json) {
      json = outcomeToJson(o, false);
      OUTCOME_JSON.set(o, json);
    }
    outcomes[id] = json;
  }
  return {
    version: 1,
    timestamp: cp.timestamp,
    run_id: cp.runId,
    pipeline: cp.pipeline,
    status: cp.status,
    ...(cp.failureReason ? { failure_reason: cp.failureReason } : {}),
    current_node: cp.currentNode,
    completed_nodes: cp.completedNodes,
    node_retries: cp.nodeRetries,
    node_outcomes: outcomes,
    restart_count: cp.restartCount,
    last_fidelity: cp.lastFidelity ?? null,
    context: cp.context,
    logs: cp.logs,
  };
}

/**
 * Writes `checkpoint.json` atomically (temp file + fsync + rename). Compact JSON: it is rewritten
 * after every node and grows with the run (`jq . checkpoint.json` pretty-prints it).
 */
export function saveCheckpoint(path: string, cp: Checkpoint): void {
  writeFileAtomic(path, `${JSON.stringify(checkpointToJson(cp))}\n`);
}

/**
 * Reads a checkpoint. Accepts the spec's snake_case fields and the camelCase spelling some
 * other implementations write.
 * @throws CheckpointError when the file is missing, not JSON, or lacks `current_node`/`completed_nodes`.
 */
export function loadCheckpoint(path: string): Checkpoint {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    const reason =
      (cause as NodeJS.ErrnoException).code === "ENOENT"
        ? "no checkpoint.json there"
        : String((cause as Error).message);
    throw new CheckpointError({ message: `cannot read checkpoint ${path}: ${reason}`, path, cause });
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new CheckpointError({ message: `checkpoint ${path} is not a JSON object`, path });
  }
  const r = raw as Record<string, unknown>;
  const pick = (snake: string, camel: string): unknown => (snake in r ? r[snake] : r[camel]);
  const currentNode = pick("current_node", "currentNode");
  const completed = pick("completed_nodes", "completedNodes");
  if (typeof currentNode !== "string" || !Array.isArray(completed) || !completed.every((c) => typeof c === "string")) {
    throw new CheckpointError({
      message: `checkpoint ${path} is malformed: it needs "current_node" (string) and "completed_nodes" (array of node ids)`,
      path,
    });
  }
  const outcomes: Record<string, Outcome> = {};
  const rawOutcomes = pick("node_outcomes", "nodeOutcomes");
  if (rawOutcomes && typeof rawOutcomes === "object") {
    for (const [id, o] of Object.entries(rawOutcomes as Record<string, unknown>)) {
      const parsed = outcomeFromJson(o);
      if (parsed) outcomes[id] = parsed;
    }
  }
  const status = r.status;
  const lastFidelity = pick("last_fidelity", "lastFidelity");
  return {
    timestamp: typeof r.timestamp === "string" ? r.timestamp : new Date(0).toISOString(),
    runId: String(pick("run_id", "runId") ?? ""),
    pipeline: String(r.pipeline ?? ""),
    currentNode,
    completedNodes: completed as string[],
    nodeRetries: asRecord(pick("node_retries", "nodeRetries")) as Record<string, number>,
    nodeOutcomes: outcomes,
    context: asRecord(r.context),
    logs: Array.isArray(r.logs) ? r.logs.map(String) : [],
    restartCount: Number(pick("restart_count", "restartCount") ?? 0) || 0,
    lastFidelity: typeof lastFidelity === "string" ? (lastFidelity as FidelityMode) : undefined,
    status: status === "success" || status === "fail" || status === "cancelled" ? status : "running",
    failureReason:
      typeof pick("failure_reason", "failureReason") === "string"
        ? (pick("failure_reason", "failureReason") as string)
        : undefined,
  };
}

/**
 * The Appendix C status-file shape of an outcome. `outcome` holds the custom word when there is
 * one (and `status` then holds the standard status).
 */
export function outcomeToJson(o: Outcome, withContext = true): Record<string, unknown> {
  const json: Record<string, unknown> = { outcome: o.customOutcome ?? o.status };
  if (o.customOutcome) json.status = o.status;
  if (o.preferredLabel) json.preferred_label = o.preferredLabel;
  if (o.suggestedNextIds?.length) json.suggested_next_ids = o.suggestedNextIds;
  if (withContext && o.contextUpdates && Object.keys(o.contextUpdates).length > 0)
    json.context_updates = o.contextUpdates;
  if (o.notes) json.notes = o.notes;
  if (o.failureReason) json.failure_reason = o.failureReason;
  return json;
}

/**
 * Reads an Appendix C status object (also the camelCase spelling). An `outcome` word that is not
 * a standard status becomes `customOutcome` with status success (`partial` and `failure`/`failed`
 * are read as partial_success and fail). Returns undefined when there is no outcome word.
 */
export function outcomeFromJson(value: unknown): Outcome | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const word = typeof v.outcome === "string" ? v.outcome : typeof v.status === "string" ? v.status : undefined;
  if (word === undefined || word.trim() === "") return undefined;
  const outcome: Outcome = { status: "success" };
  const lower = word.trim().toLowerCase();
  const synonym: Record<string, Outcome["status"]> = { partial: "partial_success", failure: "fail", failed: "fail" };
  if (isStageStatus(lower)) outcome.status = lower;
  else if (synonym[lower]) outcome.status = synonym[lower];
  else {
    outcome.customOutcome = word.trim();
    if (typeof v.status === "string" && isStageStatus(v.status)) outcome.status = v.status;
  }
  const label = v.preferred_label ?? v.preferredLabel;
  if (typeof label === "string" && label) outcome.preferredLabel = label;
  const next = v.suggested_next_ids ?? v.suggestedNextIds;
  if (Array.isArray(next)) outcome.suggestedNextIds = next.map(String);
  const updates = v.context_updates ?? v.contextUpdates;
  if (updates && typeof updates === "object" && !Array.isArray(updates))
    outcome.contextUpdates = updates as Record<string, unknown>;
  if (typeof v.notes === "string") outcome.notes = v.notes;
  const reason = v.failure_reason ?? v.failureReason;
  if (typeof reason === "string" && reason) outcome.failureReason = reason;
  return outcome;
}

function asRecord(value: unknown): Record<string, ContextValue> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? { ...(value as Record<string, ContextValue>) }
    : {};
}
