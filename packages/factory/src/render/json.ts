/**
 * The `--json` renderer of `factory run`: every engine event as one JSON line on stdout, exactly
 * as emitted (STYLE pattern 17), plus one `run_recorded` line when the run is recorded in a
 * context store; everything meant for people goes to stderr.
 * @module
 */
import type { PipelineEvent } from "@darkfactory/attractor";
import type { RunHeader, RunRenderer, RunSummary } from "./types.js";

/**
 * The line `--json` adds just before the terminal engine event when the run was recorded in a
 * context store (`factory run --store`, on by default).
 */
export interface RunRecordedLine {
  type: "run_recorded";
  /** ISO-8601 time the recording was closed. */
  ts: string;
  /** Store file (absolute) or server URL. */
  store: string;
  /** The run's context; null when it could not be created. */
  contextId: number | null;
  /** Turns written. */
  turns: number;
  /** Turns not written because recording stopped. */
  dropped: number;
  /** Why recording stopped, when it did. */
  error?: string;
}

const TERMINAL: ReadonlySet<PipelineEvent["type"]> = new Set([
  "pipeline_completed",
  "pipeline_failed",
  "pipeline_cancelled",
]);

/**
 * Writes `JSON.stringify(event)` and a newline per event to `out` and nothing else. The header
 * (simulation notice, logs dir) and notes go to `err`; there is no summary: the last line is the
 * terminal engine event (`pipeline_completed`/`pipeline_failed`/`pipeline_cancelled`). When the
 * run was recorded, a {@link RunRecordedLine} comes right before it, so the terminal event is held
 * back until `finish` (it is written by `close` at the latest).
 */
export class JsonRenderer implements RunRenderer {
  readonly #out: NodeJS.WritableStream;
  readonly #err: NodeJS.WritableStream;
  #terminal: PipelineEvent | undefined;

  constructor(out: NodeJS.WritableStream, err: NodeJS.WritableStream) {
    this.#out = out;
    this.#err = err;
  }

  start(header: RunHeader): void {
    this.#err.write(`${header.simulation}\nlogs: ${header.logsDir}\n`);
  }

  event(event: PipelineEvent): void {
    this.#flushTerminal();
    if (TERMINAL.has(event.type)) this.#terminal = event;
    else this.#write(event);
  }

  pause(): void {}

  resume(): void {}

  note(text: string): void {
    this.#err.write(`${text}\n`);
  }

  finish(summary: RunSummary): void {
    const r = summary.recording;
    if (r !== undefined) {
      const line: RunRecordedLine = {
        type: "run_recorded",
        ts: new Date().toISOString(),
        store: r.target,
        contextId: r.contextId ?? null,
        turns: r.turns,
        dropped: r.dropped,
        ...(r.error !== undefined ? { error: r.error } : {}),
      };
      this.#write(line);
    }
    this.#flushTerminal();
  }

  close(): void {
    this.#flushTerminal();
  }

  #flushTerminal(): void {
    if (this.#terminal === undefined) return;
    const event = this.#terminal;
    this.#terminal = undefined;
    this.#write(event);
  }

  #write(line: PipelineEvent | RunRecordedLine): void {
    this.#out.write(`${JSON.stringify(line)}\n`);
  }
}
