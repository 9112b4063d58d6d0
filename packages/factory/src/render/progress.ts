/**
 * The live terminal renderer of `factory run`: finished stages become permanent lines, running
 * stages are spinner lines in a live region at the bottom that is redrawn in place.
 * @module
 */
import { formatDuration, type PipelineEvent } from "@darkfactory/attractor";
import {
  EventFormatter,
  headerLines,
  keyOf,
  type Line,
  placeOf,
  renderLine,
  SYMBOL,
  stageName,
  stripAnsi,
  summaryLines,
} from "./format.js";
import type { LineOutput } from "./line-output.js";
import type { RunHeader, RunRenderer, RunSummary } from "./types.js";

const ESC = "\u001b";
const HIDE_CURSOR = `${ESC}[?25l`;
const SHOW_CURSOR = `${ESC}[?25h`;
/** Spinner frames, one per redraw. */
export const SPINNER = Object.freeze(["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]);

/** Options of {@link ProgressRenderer}. */
export interface ProgressRendererOptions {
  /** The terminal (stdout), wrapped so line starts are tracked. */
  out: LineOutput;
  /** Where notes go (stderr). */
  err: NodeJS.WritableStream;
  /** Use ANSI colours. Default true (cursor movement is always used). */
  color?: boolean;
  /** Redraw interval of the live region, in milliseconds. Default 100 (10 frames a second). */
  frameMs?: number;
  /** Clock in milliseconds; injectable for tests. Default `Date.now`. */
  now?: () => number;
}

/** Something shown in the live region. */
type LiveEntry =
  | { kind: "stage"; nodeId: string; label: string; attempt: number; sinceMs: number; branch?: string }
  | { kind: "retry"; nodeId: string; attempt: number; untilMs: number; branch?: string };

/**
 * Renders a run on a terminal. Permanent lines (header, stage results with ✓/✗/↻/⊘, parallel
 * branches indented under their node, retries with their delay, goal-gate jumps, loop restarts,
 * summary) scroll up as usual; below them a live region holds one spinner line per running stage
 * (branch stages indented under their parallel node) and a countdown per stage waiting to retry.
 * Only the live region is rewritten: on every event and every `frameMs` while something runs.
 * The cursor is hidden from `start` to `close`. Lines are cut to the terminal width so a redraw
 * never has to deal with wrapped rows.
 */
export class ProgressRenderer implements RunRenderer {
  readonly #out: LineOutput;
  readonly #err: NodeJS.WritableStream;
  readonly #color: boolean;
  readonly #frameMs: number;
  readonly #now: () => number;
  readonly #formatter = new EventFormatter();
  readonly #live = new Map<string, LiveEntry>();
  #rows = 0;
  #frame = 0;
  #paused = 0;
  #held: string[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #cursorHidden = false;
  #closed = false;

  constructor(options: ProgressRendererOptions) {
    this.#out = options.out;
    this.#err = options.err;
    this.#color = options.color ?? true;
    this.#frameMs = Math.max(16, options.frameMs ?? 100);
    this.#now = options.now ?? Date.now;
  }

  start(header: RunHeader): void {
    this.#out.write(HIDE_CURSOR);
    this.#cursorHidden = true;
    this.#commit(headerLines(header));
    this.#timer = setInterval(() => this.#tick(), this.#frameMs);
    this.#timer.unref?.();
  }

  event(event: PipelineEvent): void {
    const lines = this.#formatter.format(event).map((line) => renderLine(line, this.#color));
    // Events that change nothing on screen (checkpoints, edges) cause no redraw.
    if (this.#track(event) || lines.length > 0) this.#commit(lines);
  }

  pause(): void {
    if (this.#paused++ === 0) this.#erase();
  }

  resume(): void {
    if (this.#paused === 0) return;
    if (--this.#paused > 0) return;
    if (this.#cursorHidden) this.#out.write(HIDE_CURSOR);
    this.#commit(this.#held.splice(0));
  }

  note(text: string): void {
    this.pause();
    this.#err.write(`${text}\n`);
    this.resume();
  }

  finish(summary: RunSummary): void {
    this.#live.clear();
    this.#paused = 0;
    this.#commit([...this.#held.splice(0), "", ...summaryLines(summary)]);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#erase();
    if (this.#held.length > 0) {
      this.#out.endLine();
      this.#out.write(`${this.#held.splice(0).join("\n")}\n`);
    }
    if (this.#cursorHidden) this.#out.write(SHOW_CURSOR);
    this.#cursorHidden = false;
  }

  /** Updates the live entries from an event; true when they changed. */
  #track(event: PipelineEvent): boolean {
    switch (event.type) {
      case "stage_started":
        this.#live.delete(keyOf(event.nodeId, event.branch));
        this.#live.set(keyOf(event.nodeId, event.branch), {
          kind: "stage",
          nodeId: event.nodeId,
          label: event.label,
          attempt: event.attempt,
          sinceMs: this.#now(),
          ...(event.branch ? { branch: event.branch } : {}),
        });
        return true;
      case "stage_retrying":
        this.#live.set(keyOf(event.nodeId, event.branch), {
          kind: "retry",
          nodeId: event.nodeId,
          attempt: event.attempt,
          untilMs: this.#now() + event.delayMs,
          ...(event.branch ? { branch: event.branch } : {}),
        });
        return true;
      case "stage_completed":
        return this.#live.delete(keyOf(event.nodeId, event.branch));
      case "stage_failed":
        return !event.willRetry && this.#live.delete(keyOf(event.nodeId, event.branch));
      case "pipeline_completed":
      case "pipeline_failed":
      case "pipeline_cancelled": {
        const had = this.#live.size > 0;
        this.#live.clear();
        return had;
      }
      default:
        return false;
    }
  }

  /** Prints permanent lines above the live region and redraws it. */
  #commit(lines: string[]): void {
    if (this.#closed) return;
    if (this.#paused > 0) {
      this.#held.push(...lines);
      return;
    }
    this.#erase();
    if (lines.length > 0) {
      this.#out.endLine();
      this.#out.write(`${lines.join("\n")}\n`);
    }
    this.#draw();
  }

  #tick(): void {
    this.#frame++;
    if (this.#paused > 0 || this.#closed || this.#live.size === 0) return;
    this.#erase();
    this.#draw();
  }

  /** Clears the live region; the cursor ends where its first row was. */
  #erase(): void {
    if (this.#rows === 0) return;
    this.#out.write(`\r${ESC}[${this.#rows}A${ESC}[0J`);
    this.#rows = 0;
  }

  #draw(): void {
    if (this.#paused > 0 || this.#closed || this.#live.size === 0) return;
    const rows = this.#ordered().map((entry) => this.#fit(this.#lineOf(entry)));
    this.#out.endLine();
    this.#out.write(`${rows.join("\n")}\n`);
    this.#rows = rows.length;
  }

  /** Top-level entries in start order, each followed by the entries of its branches. */
  #ordered(): LiveEntry[] {
    const entries = [...this.#live.values()];
    const top = entries.filter((e) => !e.branch);
    const placed = new Set<LiveEntry>();
    const result: LiveEntry[] = [];
    for (const parent of top) {
      result.push(parent);
      placed.add(parent);
      for (const child of entries) {
        if (child.branch && rootOf(child.branch) === parent.nodeId) {
          result.push(child);
          placed.add(child);
        }
      }
    }
    for (const entry of entries) if (!placed.has(entry)) result.push(entry);
    return result;
  }

  #lineOf(entry: LiveEntry): Line {
    const now = this.#now();
    if (entry.kind === "retry") {
      const left = Math.max(0, entry.untilMs - now);
      return {
        ...placeOf(entry.branch),
        symbol: SYMBOL.retry,
        tone: "warn",
        text: `${entry.nodeId}  retrying in ${formatDuration(left)} (attempt ${entry.attempt})`,
      };
    }
    const attempt = entry.attempt > 1 ? `  (attempt ${entry.attempt})` : "";
    return {
      ...placeOf(entry.branch),
      symbol: SPINNER[this.#frame % SPINNER.length],
      tone: "info",
      text: `${stageName(entry.nodeId, entry.label)}${attempt}  ${formatDuration(Math.max(0, now - entry.sinceMs))}`,
    };
  }

  /** The line as text, its message cut so the row fits the terminal width. */
  #fit(line: Line): string {
    const columns = this.#out.columns && this.#out.columns > 0 ? this.#out.columns : 80;
    const prefix = stripAnsi(renderLine({ ...line, text: "" }, false)).length;
    const room = Math.max(1, columns - 1 - prefix);
    const chars = Array.from(line.text);
    const text = chars.length > room ? `${chars.slice(0, Math.max(0, room - 1)).join("")}…` : line.text;
    return renderLine({ ...line, text }, this.#color);
  }
}

/** The node a branch path starts at: `fan_out` for `fan_out/a` and `mgr` for `mgr:child/x`. */
function rootOf(branch: string): string {
  return branch.split(/[/:]/, 1)[0];
}
