/**
 * `shell` (coding-agent-loop-spec §3.3, §5.4): runs a command through the environment with a
 * per-call timeout (default from the session or the profile, capped by the session maximum) and
 * reports output, exit code and duration.
 * @module
 */
import type { ExecResult } from "../../env/types.js";
import { optionalInt, optionalString, stringArg } from "../args.js";
import type { RegisteredTool, ToolContext, ToolOutput } from "../types.js";

/** A shell request after argument parsing. */
export interface ShellRequest {
  command: string;
  /** Per-call timeout, ms; default `defaultTimeoutMs` or the session default. */
  timeoutMs?: number;
  /** Directory to run in; default the working directory. */
  workingDir?: string;
}

/** Options of {@link runShell} and the shell tool factories. */
export interface ShellToolOptions {
  /**
   * Profile default timeout, ms, used when the call gives none (the Anthropic profile uses 120 000,
   * §3.5). Default: the session's `defaultCommandTimeoutMs`.
   */
  defaultTimeoutMs?: number;
}

/** The §5.4 message appended when a command timed out. */
export function timeoutMessage(timeoutMs: number): string {
  return (
    `[ERROR: Command timed out after ${timeoutMs}ms. Partial output is shown above.\n` +
    "You can retry with a longer timeout by setting the timeout_ms parameter.]"
  );
}

/**
 * The effective timeout: the call's value (or the profile / session default) capped at the
 * session's `maxCommandTimeoutMs`, ms.
 */
export function effectiveTimeoutMs(
  request: ShellRequest,
  context: ToolContext,
  options: ShellToolOptions = {},
): number {
  const wanted = request.timeoutMs ?? options.defaultTimeoutMs ?? context.defaultCommandTimeoutMs;
  return Math.max(1, Math.min(wanted, context.maxCommandTimeoutMs));
}

/**
 * Formats a command's result for the model: stdout, then stderr under `[stderr]`, then
 * `Exit code: N` and `Duration: N ms`, then the timeout message when it timed out.
 */
export function formatExecResult(result: ExecResult, timeoutMs: number): string {
  const parts: string[] = [];
  if (result.stdout !== "") parts.push(result.stdout.replace(/\n$/, ""));
  if (result.stderr !== "") parts.push(`[stderr]\n${result.stderr.replace(/\n$/, "")}`);
  if (parts.length === 0) parts.push("(no output)");
  const status = result.timedOut
    ? "Exit code: none (killed after timeout)"
    : result.aborted
      ? "Exit code: none (aborted)"
      : `Exit code: ${result.exitCode}`;
  parts.push(`${status}\nDuration: ${result.durationMs} ms`);
  if (result.timedOut) parts.push(timeoutMessage(timeoutMs));
  return parts.join("\n");
}

/**
 * Runs the request and returns the formatted result; a non-zero exit, a timeout or an abort is an
 * error result (Appendix B ShellExitError / ShellTimeout) that still carries the output.
 * @throws when the command cannot be started (e.g. working directory outside the allowed roots).
 */
export async function runShell(
  request: ShellRequest,
  context: ToolContext,
  options: ShellToolOptions = {},
): Promise<ToolOutput> {
  const timeoutMs = effectiveTimeoutMs(request, context, options);
  const result = await context.env.execCommand(request.command, {
    timeoutMs,
    ...(request.workingDir ? { workingDir: request.workingDir } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  return {
    output: formatExecResult(result, timeoutMs),
    isError: result.timedOut || result.aborted === true || result.exitCode !== 0,
  };
}

/** §3.3 the shared-core `shell`: `command`, `timeout_ms`, `description`. */
export function createShellTool(options: ShellToolOptions = {}): RegisteredTool {
  return {
    definition: {
      name: "shell",
      description:
        "Execute a shell command with bash in the working directory. Returns stdout, stderr, exit code and duration. " +
        "Commands are killed when they exceed the timeout; set timeout_ms for long-running commands.",
      parameters: {
        type: "object",
        properties: {
          command: { type: "string", description: "The command to run." },
          timeout_ms: { type: "integer", minimum: 1, description: "Timeout in milliseconds (overrides the default)." },
          description: { type: "string", description: "Short human-readable description of what the command does." },
        },
        required: ["command"],
      },
    },
    executor: async (args, context) =>
      runShell({ command: stringArg(args, "command"), timeoutMs: optionalInt(args, "timeout_ms") }, context, options),
  };
}

/** Reads the common shell arguments under the given names (profiles name them differently). */
export function shellRequestFrom(
  args: Record<string, unknown>,
  names: { command: string; timeoutMs: string; workingDir?: string },
): ShellRequest {
  const workingDir = names.workingDir ? optionalString(args, names.workingDir) : undefined;
  return {
    command: stringArg(args, names.command),
    timeoutMs: optionalInt(args, names.timeoutMs),
    ...(workingDir ? { workingDir } : {}),
  };
}
