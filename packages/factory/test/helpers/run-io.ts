// In-process CLI runs with more control than runCli: fake terminals, scripted interrupts, and a
// tiny terminal emulator to read what a live renderer leaves on screen.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli.js";
import { CaptureStream } from "./cli.js";

/** A captured stream that says it is a terminal of `columns` columns. */
export class FakeTty extends CaptureStream {
  readonly isTTY = true;
  constructor(readonly columns = 80) {
    super();
  }
}

/** A stdin that says it is a terminal: keys are pushed with `type`. */
export class FakeTtyInput extends PassThrough {
  readonly isTTY = true;
  isRaw = false;
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }
  /** Sends keys as a terminal in raw mode would. */
  type(keys: string): void {
    this.write(keys);
  }
}

/** Options of {@link startCli}. */
export interface StartCliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Text served on stdin, or a stream. Default empty. */
  stdin?: string | NodeJS.ReadableStream;
  /** Make stdout a terminal (a {@link FakeTty}). */
  tty?: boolean;
}

/** A CLI run in progress. */
export interface CliSession {
  stdout: CaptureStream;
  stderr: CaptureStream;
  /** Simulates Ctrl-C (SIGINT). */
  interrupt(): void;
  /** Exit codes passed to `io.exit` (a second Ctrl-C). */
  exits: number[];
  /** Resolves to the exit code `main` returns. */
  done: Promise<number>;
}

/** Starts `factory <args...>` in-process with an interruptible io. */
export function startCli(args: string[], options: StartCliOptions): CliSession {
  const stdout = options.tty ? new FakeTty() : new CaptureStream();
  const stderr = new CaptureStream();
  const listeners = new Set<() => void>();
  const exits: number[] = [];
  const stdin =
    typeof options.stdin === "string" || options.stdin === undefined
      ? Readable.from([options.stdin ?? ""])
      : options.stdin;
  const io: CliIo = {
    stdout,
    stderr,
    stdin,
    env: options.env ?? {},
    cwd: options.cwd,
    onInterrupt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    exit(code) {
      exits.push(code);
    },
  };
  const done = main(["node", "factory", ...args], io);
  return {
    stdout,
    stderr,
    exits,
    interrupt: () => {
      for (const listener of [...listeners]) listener();
    },
    done,
  };
}

/** Runs `factory <args...>` to the end; see {@link startCli}. */
export async function runFactory(
  args: string[],
  options: StartCliOptions,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const session = startCli(args, options);
  const code = await session.done;
  return { code, stdout: session.stdout.text, stderr: session.stderr.text };
}

/** Polls `check` every 10 ms until it is true; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A temporary directory with files; `cleanup` removes it. */
export async function tempDir(files: Record<string, string> = {}): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "factory-run-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * What a terminal shows after receiving `output`: printable characters, `\n` (as CR LF), `\r`,
 * cursor up (`ESC[nA`), erase below (`ESC[J`, `ESC[0J`) and erase line (`ESC[K`); other escape
 * sequences (colours, cursor visibility) are dropped. Trailing blanks are trimmed.
 */
export function screen(output: string): string {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  const chars = Array.from(output);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === "\u001b" && chars[i + 1] === "[") {
      let j = i + 2;
      let params = "";
      while (j < chars.length && /[0-9;?]/.test(chars[j])) params += chars[j++];
      const final = chars[j];
      const n = Number(params) || 1;
      if (final === "A") row = Math.max(0, row - n);
      else if (final === "J") {
        rows[row] = rows[row].slice(0, col);
        rows.length = row + 1;
      } else if (final === "K") rows[row] = rows[row].slice(0, col);
      i = j;
      continue;
    }
    if (ch === "\n") {
      row++;
      col = 0;
      while (rows.length <= row) rows.push([]);
    } else if (ch === "\r") {
      col = 0;
    } else {
      const line = rows[row];
      while (line.length < col) line.push(" ");
      line[col++] = ch;
    }
  }
  return rows
    .map((r) => r.join("").trimEnd())
    .join("\n")
    .trimEnd();
}
