/**
 * The contract between `factory run` and its renderers (plain text, live terminal, JSON lines):
 * each is a consumer of engine events, told when the run starts and how it ended.
 * @module
 */
import type { PipelineEvent, RunResult } from "@darkfactory/attractor";

/** What is printed before the first event. */
export interface RunHeader {
  /** The simulation notice, e.g. `simulation: --simulate`; always the first line of output. */
  simulation: string;
  /** The run directory, as the user should type it (relative to the cwd when inside it). */
  logsDir: string;
}

/** Where the run was recorded (`factory run --store`). */
export interface RunRecordingSummary {
  /** Store file (absolute) or server URL. */
  target: string;
  /** The store as the user should type it (a path relative to the cwd when inside it, or the URL). */
  shown: string;
  /** The run's context; undefined when it could not be created. */
  contextId: number | undefined;
  /** Turns written. */
  turns: number;
  /** Turns not written because recording stopped. */
  dropped: number;
  /** Why recording stopped, when it did. */
  error?: string;
}

/** How the run ended, for the final summary. */
export interface RunSummary {
  status: RunResult["status"];
  /** Top-level nodes completed, in order (`start -> plan -> exit`). */
  completedNodes: readonly string[];
  /** Wall time of this invocation, in milliseconds. */
  durationMs: number;
  logsDir: string;
  /** Why the run failed or was cancelled. */
  failureReason?: string;
  /** Where the run was recorded; absent with `--no-store`. */
  recording?: RunRecordingSummary;
}

/**
 * A consumer of a run's events. Calls arrive in this order: `start`, `event`*, `finish`, `close`;
 * `pause`/`resume` (nested, counted) and `note` may come at any time in between. No method throws.
 */
export interface RunRenderer {
  /** Prints the header lines (simulation notice, logs dir). */
  start(header: RunHeader): void;
  /** One engine event, exactly as the engine emitted it. */
  event(event: PipelineEvent): void;
  /**
   * Stops drawing while something else owns the terminal (a question); output produced meanwhile
   * is kept and shown on the matching `resume`.
   */
  pause(): void;
  /** Undoes one `pause`. */
  resume(): void;
  /** A status message for the user (e.g. "interrupting..."), written to stderr. */
  note(text: string): void;
  /** Prints the final summary. */
  finish(summary: RunSummary): void;
  /** Stops timers and restores the terminal (cursor). Idempotent; safe after a failure. */
  close(): void;
}
