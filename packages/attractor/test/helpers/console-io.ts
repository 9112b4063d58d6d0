/** In-memory streams for driving line- and key-based interviewers in tests. */
import { PassThrough, Writable } from "node:stream";

/** A PassThrough input and an output that records everything written to it, synchronously. */
export interface ConsoleIo {
  input: PassThrough;
  output: Writable;
  /** Everything written to `output` so far. */
  text(): string;
  /** Writes `line` and a newline to `input`. */
  type(line: string): void;
}

export function consoleIo(): ConsoleIo {
  const input = new PassThrough();
  let written = "";
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      written += chunk.toString();
      callback();
    },
  });
  return { input, output, text: () => written, type: (line) => input.write(`${line}\n`) };
}

/** Resolves once `predicate()` is true, polling every millisecond; rejects after `timeoutMs` (default 2000). */
export async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Counts non-overlapping occurrences of `needle` in `haystack`. */
export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
