/**
 * Exit codes and the one place where the CLI turns an error into a message and an exit code.
 * @module
 */
import { AttractorError, DotSyntaxError } from "@darkfactory/attractor";
import { CommanderError } from "commander";
import { formatSyntaxError } from "../render/diagnostics.js";
import type { CliIo } from "./io.js";

/** Process exit codes of `factory`. */
export const ExitCode = Object.freeze({
  /** The command did what was asked (the pipeline succeeded, the file is valid, the SVG was written). */
  SUCCESS: 0,
  /** The pipeline ran and failed, or something went wrong at run time. */
  FAILURE: 1,
  /** Bad input: a usage error, an unreadable or malformed file, an invalid pipeline. */
  INVALID_INPUT: 2,
  /** Interrupted (SIGINT), as shells report 128 + 2. */
  INTERRUPTED: 130,
} as const);

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const MARKER = Symbol.for("darkfactory.factory.cli-error");

/**
 * An error the CLI reports as `factory: <message>` (no stack trace) and exits with `exitCode`.
 * With `report: "cause"`, the CLI reports `cause` as it normally would and only the exit code
 * comes from this error (see {@link withExitCode}).
 */
export class CliError extends Error {
  readonly [MARKER] = true;
  override name = "CliError";
  /** Exit code to leave with. Default {@link ExitCode.FAILURE}. */
  readonly exitCode: ExitCode;
  /**
   * `"message"` prints this error's message; `"cause"` prints its cause; `"none"` prints nothing
   * (the command already said what went wrong). Default `"message"`.
   */
  readonly report: "message" | "cause" | "none";
  constructor(options: {
    message: string;
    exitCode?: ExitCode;
    cause?: unknown;
    report?: "message" | "cause" | "none";
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? ExitCode.FAILURE;
    this.report = options.report ?? "message";
  }
  /** True when `value` is a CliError from any copy of this package. */
  static isInstance(value: unknown): value is CliError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/**
 * Wraps `error` so the CLI reports it exactly as it would on its own, but exits with `exitCode`.
 * This is how a command says "an AttractorError here means invalid input" (exit 2 instead of 1):
 * `catch (e) { throw withExitCode(e, ExitCode.INVALID_INPUT) }`.
 */
export function withExitCode(error: unknown, exitCode: ExitCode): CliError {
  const message = error instanceof Error ? error.message : String(error);
  return new CliError({ message, exitCode, cause: error, report: "cause" });
}

/**
 * An error that only sets the exit code: the command has already printed its findings (a
 * `validate` that found errors, a pipeline that failed). `reportError` prints nothing for it.
 */
export function exitWith(exitCode: ExitCode): CliError {
  return new CliError({ message: `exit ${exitCode}`, exitCode, report: "none" });
}

/** Options of {@link reportError}. */
export interface ReportOptions {
  /** Print the stack trace (and causes) as well: `--debug`. */
  debug: boolean;
}

/**
 * Writes `error` to `io.stderr` in its one-line form and returns the exit code to leave with:
 * - commander usage errors: commander already printed them; exit 2 (0 for `--help`/`--version`);
 * - {@link DotSyntaxError}: `file:line:col error syntax <detail>` (the shape of every diagnostic,
 *   `formatDiagnostic`), exit 2;
 * - {@link CliError}: `factory: <message>`, its own exit code (nothing at all for {@link exitWith});
 * - any other {@link AttractorError}: `factory: <message>`, exit 1;
 * - anything else: `factory: <message>` and a hint to run with `--debug`, exit 1.
 * Never prints a stack trace unless `options.debug`. Never throws.
 */
export function reportError(error: unknown, io: CliIo, options: ReportOptions): ExitCode {
  if (error instanceof CommanderError) {
    const ok = error.code === "commander.helpDisplayed" || error.code === "commander.version";
    return ok || error.exitCode === 0 ? ExitCode.SUCCESS : ExitCode.INVALID_INPUT;
  }
  // The reader of our output went away (`factory graph x.dot | head`): nothing to say, nobody to say it to.
  if ((error as { code?: unknown } | undefined)?.code === "EPIPE") return ExitCode.SUCCESS;
  let shown = error;
  let exitCode: ExitCode | undefined;
  if (CliError.isInstance(error)) {
    if (error.report === "none") return error.exitCode;
    exitCode = error.exitCode;
    if (error.report === "cause") shown = error.cause;
  }
  const { text, code, known } = describe(shown);
  io.stderr.write(`${text}\n`);
  if (options.debug) io.stderr.write(`${stackOf(error)}\n`);
  else if (!known) io.stderr.write("factory: run with --debug for a stack trace\n");
  return exitCode ?? code;
}

function describe(error: unknown): { text: string; code: ExitCode; known: boolean } {
  if (error instanceof DotSyntaxError || (AttractorError.isInstance(error) && error.name === "DotSyntaxError")) {
    return { text: formatSyntaxError(error as DotSyntaxError), code: ExitCode.INVALID_INPUT, known: true };
  }
  if (CliError.isInstance(error)) return { text: `factory: ${error.message}`, code: error.exitCode, known: true };
  if (AttractorError.isInstance(error))
    return { text: `factory: ${error.message}`, code: ExitCode.FAILURE, known: true };
  const message = error instanceof Error ? error.message || error.name : String(error);
  return { text: `factory: ${firstLine(message)}`, code: ExitCode.FAILURE, known: false };
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0];
  return line.length < text.length ? `${line} ...` : line;
}

function stackOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(depth === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join("\n");
}
