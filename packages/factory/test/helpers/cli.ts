// Runs the factory CLI in-process with captured streams (shared by the command tests).
import { Readable, Writable } from "node:stream";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli.js";

/** A writable stream that keeps everything written to it. */
export class CaptureStream extends Writable {
  readonly chunks: string[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === "string" ? chunk : chunk.toString("utf8"));
    callback();
  }
  /** Everything written so far. */
  get text(): string {
    return this.chunks.join("");
  }
}

/** What a CLI run left behind. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Working directory relative paths resolve against. Default `process.cwd()`. */
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Text served on stdin. Default empty. */
  stdin?: string;
}

/** Runs `factory <args...>` through `main` and returns the exit code and captured output. */
export async function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const stdout = new CaptureStream();
  const stderr = new CaptureStream();
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from([options.stdin ?? ""]),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(["node", "factory", ...args], io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
