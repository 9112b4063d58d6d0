/**
 * Tools as the agent loop sees them (coding-agent-loop-spec §3.8): a definition for the model and an
 * executor that runs against an {@link ExecutionEnvironment}.
 * @module
 */
import type { ToolDefinition } from "@darkfactory/llm";
import type { ExecutionEnvironment } from "../env/types.js";

/** What an executor receives besides its arguments. */
export interface ToolContext {
  env: ExecutionEnvironment;
  /** Aborted when the session is aborted; long tools should stop. */
  signal?: AbortSignal;
  /** Session-level defaults for command timeouts, ms (§5.4). */
  defaultCommandTimeoutMs: number;
  maxCommandTimeoutMs: number;
}

/**
 * An executor's answer when it wants to mark the result as an error without throwing (e.g. a shell
 * command that exited non-zero or timed out: the output is still useful, Appendix B ShellExitError).
 */
export interface ToolOutput {
  output: string;
  isError: boolean;
}

/**
 * Runs a validated call. Returns the full output (truncation happens after, §5.3): a string (a
 * success) or a {@link ToolOutput}. Throwing produces an error result whose text is the error's
 * message, never a crashed session (Appendix B).
 */
export type ToolExecutor = (args: Record<string, unknown>, context: ToolContext) => Promise<string | ToolOutput>;

/** §3.8 a tool definition with its executor. */
export interface RegisteredTool {
  definition: ToolDefinition;
  executor: ToolExecutor;
}
