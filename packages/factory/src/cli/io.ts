/**
 * The CLI's window on the world: streams, environment and working directory, injected so tests
 * can run the whole CLI in-process with captured output.
 * @module
 */

/**
 * Everything a command may read from or write to. Commands never touch `process.stdout`,
 * `process.stderr`, `process.env` or `process.cwd()` directly.
 */
export interface CliIo {
  /** Where results go (an SVG, JSON lines, a report). */
  stdout: NodeJS.WritableStream;
  /** Where diagnostics, warnings and errors go. */
  stderr: NodeJS.WritableStream;
  /** Interactive input (human gates). */
  stdin: NodeJS.ReadableStream;
  /** Environment variables (API keys, `NO_COLOR`, ...). */
  env: Readonly<Record<string, string | undefined>>;
  /** Absolute directory that relative paths on the command line are resolved against. */
  cwd: string;
  /**
   * Subscribes `listener` to interrupts (SIGINT, Ctrl-C) and returns the function that
   * unsubscribes it. While at least one listener is subscribed, an interrupt no longer ends the
   * process by itself. Absent: the command cannot be interrupted gracefully (tests inject a fake).
   */
  onInterrupt?(listener: () => void): () => void;
  /**
   * Ends the process at once with `code` (a second Ctrl-C). Absent (in-process tests): the
   * command resolves with `code` instead and leaves whatever still runs behind.
   */
  exit?(code: number): void;
}

/**
 * The real process's streams, environment and working directory. A reader that goes away
 * (`factory run --json | head`) must not crash a command: write errors on stdout (EPIPE) are
 * ignored, so a run goes on and its logs stay complete.
 */
export function processIo(): CliIo {
  if (!process.stdout.listeners("error").includes(ignoreStdoutError)) process.stdout.on("error", ignoreStdoutError);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt(listener) {
      process.on("SIGINT", listener);
      return () => {
        process.off("SIGINT", listener);
      };
    },
    exit(code) {
      process.exit(code);
    },
  };
}

/** Writes `text` to `stream` and resolves once it has been handed to the OS (or buffered). */
export function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

function ignoreStdoutError(): void {}
