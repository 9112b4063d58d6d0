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
}

/** The real process's streams, environment and working directory. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Writes `text` to `stream` and resolves once it has been handed to the OS (or buffered). */
export function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
