/**
 * Reads what a run directory (attractor-spec §5.6) says about each node: the checkpoint's outcomes
 * first, then each node's `status.json` (Appendix C), then bare `completed_nodes` entries.
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import {
  type Checkpoint,
  loadCheckpoint,
  type Outcome,
  outcomeFromJson,
  type StageStatus,
} from "@darkfactory/attractor";
import { CliError, ExitCode, withExitCode } from "./cli/errors.js";
import { systemReason } from "./cli/files.js";

/** What is known about one node of a run. */
export interface NodeRunStatus {
  /**
   * The node's latest outcome, or `completed` when the checkpoint lists the node as completed but
   * no outcome was recorded for it anywhere.
   */
  status: StageStatus | "completed";
  /** A custom outcome word the stage reported (`"outcome": "process"`); `status` is then how the engine treats it. */
  customOutcome?: string;
  failureReason?: string;
  /** Where the status was read from. */
  source: "checkpoint" | "status.json" | "completed_nodes";
}

/** The state of a run as far as rendering needs it. */
export interface RunStatusReport {
  /** The run directory as given. */
  dir: string;
  /** The checkpoint's `current_node` (the last completed node), if any. */
  currentNode: string | undefined;
  /** Statuses of the nodes the run reached; nodes never visited are absent. */
  nodes: Map<string, NodeRunStatus>;
  /** Problems that did not stop the reading, e.g. a malformed `status.json`: one line each. */
  warnings: string[];
}

const NODE_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads `dir/checkpoint.json` and, for nodes the checkpoint has no outcome for,
 * `dir/<node_id>/status.json`.
 *
 * The checkpoint is read by the engine's `loadCheckpoint` (snake_case or camelCase fields:
 * `current_node` and `completed_nodes` required, `node_outcomes` optional, each entry
 * `{ outcome | status, failure_reason? }`); status files by `outcomeFromJson`. A missing
 * `checkpoint.json` is fine (the run has not finished a node yet) as long as the directory holds
 * a `manifest.json` or a `status.json`. A malformed `status.json` is skipped with a warning:
 * stages write those themselves.
 *
 * @param dir Run directory, resolved against `cwd` when relative; messages show it as given.
 * @param nodeIds The pipeline's node ids (only these are looked up).
 * @throws CliError (exit code 2) when `dir` is missing or not a directory, `checkpoint.json` is
 *   unreadable or malformed, or the directory does not look like a run directory at all.
 */
export async function readRunStatus(dir: string, nodeIds: Iterable<string>, cwd: string): Promise<RunStatusReport> {
  const root = path.resolve(cwd, dir);
  try {
    if (!(await stat(root)).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  } catch (cause) {
    throw invalid(`cannot read run directory ${dir}: ${systemReason(cause)}`, cause);
  }
  const result: RunStatusReport = { dir, currentNode: undefined, nodes: new Map(), warnings: [] };

  const checkpointFile = path.join(root, "checkpoint.json");
  const hasCheckpoint = await exists(checkpointFile);
  let completed: readonly string[] = [];
  if (hasCheckpoint) {
    const checkpoint = readCheckpoint(checkpointFile);
    result.currentNode = checkpoint.currentNode || undefined;
    completed = checkpoint.completedNodes;
    for (const [id, outcome] of Object.entries(checkpoint.nodeOutcomes)) {
      result.nodes.set(id, fromOutcome(outcome, "checkpoint"));
    }
  }

  let statusFiles = 0;
  for (const id of nodeIds) {
    if (result.nodes.has(id) || !NODE_ID.test(id)) continue;
    const shown = path.join(dir, id, "status.json");
    let text: string | undefined;
    try {
      text = await readOptional(path.join(root, id, "status.json"), shown);
    } catch (error) {
      result.warnings.push(`ignoring ${shown}: ${systemReason((error as Error).cause ?? error)}`);
      continue;
    }
    if (text === undefined) continue;
    statusFiles++;
    const status = parseStatusFile(text);
    if (typeof status === "string") result.warnings.push(`ignoring ${shown}: ${status}`);
    else result.nodes.set(id, status);
  }

  for (const id of completed) {
    if (!result.nodes.has(id)) result.nodes.set(id, { status: "completed", source: "completed_nodes" });
  }

  if (!hasCheckpoint && statusFiles === 0 && !(await exists(path.join(root, "manifest.json")))) {
    throw invalid(
      `${dir} does not look like a run directory: it has no checkpoint.json, manifest.json or <node>/status.json`,
    );
  }
  return result;
}

/** The checkpoint's part of the story; `CheckpointError`s become invalid-input errors (exit 2). */
function readCheckpoint(file: string): Pick<Checkpoint, "currentNode" | "completedNodes" | "nodeOutcomes"> {
  try {
    return loadCheckpoint(file);
  } catch (error) {
    throw withExitCode(error, ExitCode.INVALID_INPUT);
  }
}

function fromOutcome(outcome: Outcome, source: NodeRunStatus["source"]): NodeRunStatus {
  const status: NodeRunStatus = { status: outcome.status, source };
  if (outcome.customOutcome !== undefined) status.customOutcome = outcome.customOutcome;
  if (outcome.failureReason !== undefined) status.failureReason = outcome.failureReason;
  return status;
}

/** Parses an Appendix C status file; returns the reason as a string when it is unusable. */
function parseStatusFile(text: string): NodeRunStatus | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    return `not valid JSON (${(cause as Error).message})`;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return `expected an object, found ${typeName(raw)}`;
  const outcome = outcomeFromJson(raw);
  return outcome ? fromOutcome(outcome, "status.json") : `no "outcome" or "status" word`;
}

/** Reads a file, `undefined` when it does not exist. Throws CliError (exit 2) on other failures. */
async function readOptional(file: string, shown: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw invalid(`cannot read ${shown}: ${systemReason(cause)}`, cause);
  }
}

function invalid(message: string, cause?: unknown): CliError {
  return new CliError({ message, exitCode: ExitCode.INVALID_INPUT, cause });
}

/** True when `file` exists (whatever it is); false only on ENOENT, so other failures surface when it is read. */
async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
