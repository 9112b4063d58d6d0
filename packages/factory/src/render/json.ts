/**
 * The `--json` renderer of `factory run`: every engine event as one JSON line on stdout, exactly
 * as emitted (STYLE pattern 17); everything meant for people goes to stderr.
 * @module
 */
import type { PipelineEvent } from "@darkfactory/attractor";
import type { RunHeader, RunRenderer } from "./types.js";

/**
 * Writes `JSON.stringify(event)` and a newline per event to `out` and nothing else. The header
 * (simulation notice, logs dir) and notes go to `err`; there is no summary (the last event,
 * `pipeline_completed`/`pipeline_failed`/`pipeline_cancelled`, is the summary).
 */
export class JsonRenderer implements RunRenderer {
  readonly #out: NodeJS.WritableStream;
  readonly #err: NodeJS.WritableStream;

  constructor(out: NodeJS.WritableStream, err: NodeJS.WritableStream) {
    this.#out = out;
    this.#err = err;
  }

  start(header: RunHeader): void {
    this.#err.write(`${header.simulation}\nlogs: ${header.logsDir}\n`);
  }

  event(event: PipelineEvent): void {
    this.#out.write(`${JSON.stringify(event)}\n`);
  }

  pause(): void {}

  resume(): void {}

  note(text: string): void {
    this.#err.write(`${text}\n`);
  }

  finish(): void {}

  close(): void {}
}
