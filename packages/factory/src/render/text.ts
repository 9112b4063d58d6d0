/**
 * The plain-text renderer of `factory run` (output that is not a terminal): one line per thing
 * that happened, no ANSI codes, no spinner.
 * @module
 */
import type { PipelineEvent } from "@darkfactory/attractor";
import { EventFormatter, headerLines, renderLine, summaryLines } from "./format.js";
import type { LineOutput } from "./line-output.js";
import type { RunHeader, RunRenderer, RunSummary } from "./types.js";

/**
 * Writes the header, then a `▸` line when a stage starts and a `✓`/`✗`/`↻`/`⊘` line when it ends
 * (branch stages indented under their parallel node as `  [branch] ✓ node ...`), goal-gate jumps,
 * loop restarts and answers as they happen, and the summary at the end. Lines go to `out`
 * (stdout); notes go to `err` (stderr). Lines produced while paused are held back until resumed.
 */
export class TextRenderer implements RunRenderer {
  readonly #out: LineOutput;
  readonly #err: NodeJS.WritableStream;
  readonly #formatter = new EventFormatter({ startLines: true });
  #paused = 0;
  #held: string[] = [];

  constructor(out: LineOutput, err: NodeJS.WritableStream) {
    this.#out = out;
    this.#err = err;
  }

  start(header: RunHeader): void {
    this.#print(headerLines(header));
  }

  event(event: PipelineEvent): void {
    const lines = this.#formatter.format(event).map((line) => renderLine(line, false));
    if (lines.length > 0) this.#print(lines);
  }

  pause(): void {
    this.#paused++;
  }

  resume(): void {
    if (this.#paused === 0) return;
    this.#paused--;
    if (this.#paused === 0 && this.#held.length > 0) {
      const held = this.#held;
      this.#held = [];
      this.#print(held);
    }
  }

  note(text: string): void {
    this.#err.write(`${text}\n`);
  }

  finish(summary: RunSummary): void {
    this.#paused = 0;
    this.#print([...this.#held.splice(0), "", ...summaryLines(summary)]);
  }

  close(): void {
    this.#paused = 0;
    if (this.#held.length > 0) this.#print(this.#held.splice(0));
  }

  #print(lines: string[]): void {
    if (this.#paused > 0) {
      this.#held.push(...lines);
      return;
    }
    this.#out.endLine();
    this.#out.write(`${lines.join("\n")}\n`);
  }
}
