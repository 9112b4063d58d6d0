/**
 * A pass-through output stream that remembers whether the cursor is at the start of a line, so
 * renderers can finish a line someone else left open (a `Select: ` prompt whose answer came from
 * a pipe and was never echoed).
 * @module
 */
import { Writable } from "node:stream";

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Forwards every write to `target` synchronously and in order, and tracks {@link atLineStart}.
 * Hand the same instance to everything that writes to the same terminal or pipe.
 */
export class LineOutput extends Writable {
  readonly target: NodeJS.WritableStream;
  #atLineStart = true;

  constructor(target: NodeJS.WritableStream) {
    super({ decodeStrings: false });
    this.target = target;
  }

  /** True when nothing was written yet or the last text written ended with a newline. */
  get atLineStart(): boolean {
    return this.#atLineStart;
  }

  /** Terminal width of the target, when it is a terminal. */
  get columns(): number | undefined {
    return (this.target as { columns?: number }).columns;
  }

  /** Whether the target is a terminal. */
  get isTTY(): boolean {
    return (this.target as { isTTY?: boolean }).isTTY === true;
  }

  /** Writes a newline when the cursor is not at the start of a line. */
  endLine(): void {
    if (!this.#atLineStart) this.write("\n");
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
    // Escape sequences move nothing to a new line; a trailing `\r` leaves the cursor at column 0.
    const visible = text.replace(ANSI, "");
    if (visible.length > 0) this.#atLineStart = /[\n\r]$/.test(visible);
    try {
      this.target.write(text);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}
