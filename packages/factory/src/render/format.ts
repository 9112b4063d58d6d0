/**
 * What a run's events look like as lines of text, shared by the plain and the live renderer:
 * an {@link EventFormatter} turns engine events into {@link Line}s, {@link renderLine} paints them.
 * @module
 */
import { formatDuration, type PipelineEvent, stripAcceleratorPrefix } from "@darkfactory/attractor";
import type { RunHeader, RunRecordingSummary, RunSummary } from "./types.js";

/** How a line is coloured on a terminal. */
export type Tone = "ok" | "fail" | "warn" | "info" | "dim" | "plain";

/** One line of run output, before painting. */
export interface Line {
  /** Nesting: 0 at the top level, 1 inside a parallel branch, 2 inside a branch of a branch... */
  depth: number;
  /** The branch a nested line belongs to, shown as `[name]` after the indentation. */
  branch?: string;
  /** One character: ✓ ✗ ↻ ⊘ ▸ ⇉ ↩ ⟲ ↪ ? ! i. */
  symbol: string;
  tone: Tone;
  text: string;
}

/** Status symbols of stage lines. */
export const SYMBOL = Object.freeze({
  success: "✓",
  fail: "✗",
  retry: "↻",
  skipped: "⊘",
  started: "▸",
  parallel: "⇉",
  goalGate: "↩",
  restart: "⟲",
  route: "↪",
  question: "?",
  warning: "!",
  info: "i",
  run: "▶",
} as const);

const ANSI_TONE: Record<Tone, string> = { ok: "32", fail: "31", warn: "33", info: "36", dim: "2", plain: "" };
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Paints `text` with an SGR code when `color` is on. */
export function paint(code: string, text: string, color: boolean): string {
  return color && code ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** `text` without ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * A line as text: indentation (two spaces per depth), `[branch] ` for nested lines, the symbol
 * coloured by its tone, then the text. No trailing newline.
 */
export function renderLine(line: Line, color: boolean): string {
  const indent = "  ".repeat(line.depth);
  const branch = line.branch ? `${paint("2", `[${line.branch}]`, color)} ` : "";
  return `${indent}${branch}${paint(ANSI_TONE[line.tone], line.symbol, color)} ${line.text}`;
}

/** Where a stage event happened: depth and the branch name to show. */
export function placeOf(branch: string | undefined): { depth: number; branch?: string } {
  if (!branch) return { depth: 0 };
  const segments = branch.split("/");
  // Paths pair a fan-out node with a branch (`fan/a/inner/x`); a child pipeline is one segment.
  return { depth: Math.max(1, Math.ceil(segments.length / 2)), branch: segments[segments.length - 1] };
}

/** `node` or `node  Label` (first line of the label, when it differs from the id). */
export function stageName(nodeId: string, label: string | undefined): string {
  const first = (label ?? "").split("\n", 1)[0].trim();
  return first && first !== nodeId ? `${nodeId}  ${first}` : nodeId;
}

/** The header lines: the simulation notice first, then where the logs go. */
export function headerLines(header: RunHeader): string[] {
  return [header.simulation, `logs: ${header.logsDir}`];
}

/**
 * The final summary: result, completed path, duration, logs directory, when the run failed the
 * reason, and where it was recorded.
 */
export function summaryLines(summary: RunSummary): string[] {
  const lines = [
    `result:   ${summary.status}`,
    `path:     ${summary.completedNodes.length > 0 ? summary.completedNodes.join(" -> ") : "(no stage completed)"}`,
    `duration: ${formatDuration(summary.durationMs)}`,
    `logs:     ${summary.logsDir}`,
  ];
  if (summary.status !== "success" && summary.failureReason) lines.push(`reason:   ${summary.failureReason}`);
  if (summary.recording) lines.push(`store:    ${recordingText(summary.recording)}`);
  return lines;
}

/**
 * Where the run was recorded, in one line: `context 3 in out/cxdb.sqlite`, with what went wrong
 * when recording stopped (`..., incomplete: <why> (4 turns not recorded)`).
 */
export function recordingText(recording: RunRecordingSummary): string {
  const where =
    recording.contextId === undefined
      ? `not recorded in ${recording.shown}`
      : `context ${recording.contextId} in ${recording.shown}`;
  if (recording.error === undefined) return where;
  const lost = recording.dropped > 0 ? ` (${recording.dropped} turns not recorded)` : "";
  return `${where}${recording.contextId === undefined ? ":" : ", incomplete:"} ${recording.error}${lost}`;
}

/** What a stage start is known by, until it ends. */
interface Started {
  label: string;
  startedAtMs: number;
}

/** Options of {@link EventFormatter}. */
export interface EventFormatterOptions {
  /**
   * Also produce a `▸ node  Label` line when a stage starts (the plain renderer's stand-in for a
   * spinner). Default false.
   */
  startLines?: boolean;
}

/**
 * Turns engine events into permanent lines (stage results, retries, parallel branches, goal-gate
 * jumps, loop restarts, answers, warnings). Keeps the label and start time of running stages, so
 * feed it every event in order. Events that say nothing new for a reader (checkpoints, ordinary
 * edge choices, pipeline end) produce no line.
 */
export class EventFormatter {
  readonly #started = new Map<string, Started>();
  readonly #startLines: boolean;

  constructor(options: EventFormatterOptions = {}) {
    this.#startLines = options.startLines ?? false;
  }

  /** The lines `event` produces (often none). */
  format(event: PipelineEvent): Line[] {
    const at = Date.parse(event.ts);
    switch (event.type) {
      case "pipeline_started": {
        const what = event.resumedFrom ? `resuming ${event.name} after ${event.resumedFrom}` : `running ${event.name}`;
        return [{ depth: 0, symbol: SYMBOL.run, tone: "info", text: `${what} (${event.nodeCount} nodes)` }];
      }
      case "stage_started": {
        this.#started.set(keyOf(event.nodeId, event.branch), { label: event.label, startedAtMs: at });
        if (!this.#startLines) return [];
        const attempt = event.attempt > 1 ? `  (attempt ${event.attempt})` : "";
        const text = `${stageName(event.nodeId, event.label)}${attempt}`;
        return [{ ...placeOf(event.branch), symbol: SYMBOL.started, tone: "dim", text }];
      }
      case "stage_completed": {
        const { outcome } = event;
        const skipped = outcome.status === "skipped";
        let detail = "";
        if (outcome.status === "partial_success")
          detail = ` — partial success${outcome.notes ? `: ${outcome.notes}` : ""}`;
        else if (outcome.preferredLabel)
          detail = ` → ${stripAcceleratorPrefix(outcome.preferredLabel) || outcome.preferredLabel}`;
        else if (outcome.customOutcome) detail = ` — outcome ${outcome.customOutcome}`;
        return [
          this.#stageLine(
            event,
            skipped ? SYMBOL.skipped : SYMBOL.success,
            skipped ? "dim" : "ok",
            event.durationMs,
            skipped ? " — skipped" : detail,
          ),
        ];
      }
      case "stage_failed":
        return [
          this.#stageLine(event, SYMBOL.fail, event.willRetry ? "warn" : "fail", event.durationMs, ` — ${event.error}`),
        ];
      case "stage_retrying":
        return [
          {
            ...placeOf(event.branch),
            symbol: SYMBOL.retry,
            tone: "warn",
            text: `${event.nodeId}  retrying in ${formatDuration(event.delayMs)} (attempt ${event.attempt})`,
          },
        ];
      case "parallel_started":
        return [
          {
            ...placeOf(event.branch),
            symbol: SYMBOL.parallel,
            tone: "info",
            text: `${event.nodeId}  ${event.branchCount} branch${event.branchCount === 1 ? "" : "es"} in parallel (at most ${event.maxParallel} at a time)`,
          },
        ];
      case "parallel_branch_completed": {
        return [
          {
            ...placeOf(`${event.branch ? `${event.branch}/` : ""}${event.nodeId}/${event.branchId}`),
            symbol: event.success ? SYMBOL.success : SYMBOL.fail,
            tone: event.success ? "ok" : "fail",
            text: `branch ${event.success ? "succeeded" : "failed"}  ${formatDuration(event.durationMs)}`,
          },
        ];
      }
      case "parallel_completed":
        return [
          {
            ...placeOf(event.branch),
            symbol: SYMBOL.parallel,
            tone: event.failureCount > 0 ? "warn" : "info",
            text: `${event.nodeId}  joined: ${event.successCount} succeeded, ${event.failureCount} failed  ${formatDuration(event.durationMs)}`,
          },
        ];
      case "goal_gate_unsatisfied":
        return [
          {
            depth: 0,
            symbol: SYMBOL.goalGate,
            tone: "warn",
            text: event.retryTarget
              ? `goal gate ${event.nodeId} not satisfied — jumping to ${event.retryTarget}`
              : `goal gate ${event.nodeId} not satisfied — no retry target`,
          },
        ];
      case "loop_restart":
        return [
          {
            depth: 0,
            symbol: SYMBOL.restart,
            tone: "warn",
            text: `loop restart ${event.restartCount}: ${event.from} -> ${event.to}`,
          },
        ];
      case "edge_selected":
        if (event.reason !== "fail_edge" && event.reason !== "retry_target") return [];
        return [
          {
            ...placeOf(event.branch),
            symbol: SYMBOL.route,
            tone: "warn",
            text: `${event.from} failed — routing to ${event.to}${event.reason === "retry_target" ? " (retry_target)" : ""}`,
          },
        ];
      case "interview_timeout":
        return [
          {
            depth: 0,
            symbol: SYMBOL.question,
            tone: "warn",
            text: `${event.stage}  no answer within ${formatDuration(event.durationMs)}`,
          },
        ];
      case "stage_log":
        return [
          {
            ...placeOf(event.branch),
            symbol: event.level === "warning" ? SYMBOL.warning : SYMBOL.info,
            tone: event.level === "warning" ? "warn" : "dim",
            text: `${event.nodeId}: ${event.message}`,
          },
        ];
      case "pipeline_completed":
      case "pipeline_failed":
      case "pipeline_cancelled":
      case "parallel_branch_started":
      case "interview_started":
      case "interview_completed": // the stage line shows the choice (`→ Approve`)
      case "checkpoint_saved":
        return [];
      default: {
        const never: never = event;
        return never;
      }
    }
  }

  #stageLine(
    event: { nodeId: string; branch?: string; attempt: number },
    symbol: string,
    tone: Tone,
    durationMs: number | undefined,
    detail: string,
  ): Line {
    const label = this.#started.get(keyOf(event.nodeId, event.branch))?.label;
    const attempt = event.attempt > 1 ? `  (attempt ${event.attempt})` : "";
    const duration = durationMs !== undefined ? `  ${formatDuration(durationMs)}` : "";
    return {
      ...placeOf(event.branch),
      symbol,
      tone,
      text: `${stageName(event.nodeId, label)}${attempt}${duration}${detail}`,
    };
  }
}

/** Key of a stage in a map of running stages: branch path and node id. */
export function keyOf(nodeId: string, branch: string | undefined): string {
  return `${branch ?? ""}\u0000${nodeId}`;
}
