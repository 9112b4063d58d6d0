/**
 * Tool call hooks (attractor-spec §9.7): shell commands a codergen backend runs around each LLM
 * tool call. A pre-hook that exits non-zero skips the call; a post-hook's failure is recorded
 * and otherwise ignored. Every hook run is appended to `{stageDir}/tool_hooks.ndjson`.
 * @module
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { runShellCommand } from "../util/shell.js";

/** The tool call a hook is about. */
export interface ToolCallInfo {
  /** Tool name, e.g. `shell`, `edit_file`. */
  name: string;
  /** The provider's call id. */
  callId: string;
  /** Parsed arguments. */
  arguments: unknown;
  /** For post-hooks: what the tool returned. */
  result?: { content: string; isError: boolean };
}

/** Where and how a hook runs. */
export interface ToolHookOptions {
  nodeId: string;
  stageDir: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Maximum run time in ms (default 30000); a pre-hook that times out skips the call. */
  timeoutMs?: number;
}

/** The result of one hook run. */
export interface ToolHookResult {
  /** For pre-hooks: whether the tool call may proceed (exit code 0). Always true for post-hooks. */
  proceed: boolean;
  exitCode: number | null;
  stdout: string;
  stderrTail: string;
  durationMs: number;
}

/** Default hook time limit in ms. */
export const TOOL_HOOK_TIMEOUT_MS = 30_000;

let hookCounter = 0;

/**
 * Runs a `tool_hooks.pre` or `tool_hooks.post` command. The command receives `ATTRACTOR_HOOK`,
 * `ATTRACTOR_TOOL_NAME`, `ATTRACTOR_TOOL_CALL_ID`, `ATTRACTOR_NODE_ID`, `ATTRACTOR_STAGE_DIR`
 * (and `ATTRACTOR_TOOL_IS_ERROR` after the call) in its environment and a JSON description of the
 * call on stdin: `{ hook, node_id, tool: { name, call_id, arguments }, result? }`.
 * Never throws: a hook that cannot start counts as a non-zero exit.
 */
export async function runToolHook(
  kind: "pre" | "post",
  command: string,
  call: ToolCallInfo,
  options: ToolHookOptions,
): Promise<ToolHookResult> {
  const started = Date.now();
  const dir = join(options.stageDir, "hooks");
  mkdirSync(dir, { recursive: true });
  const n = ++hookCounter;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? TOOL_HOOK_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const payload = {
    hook: kind,
    node_id: options.nodeId,
    tool: { name: call.name, call_id: call.callId, arguments: call.arguments },
    ...(call.result ? { result: { content: call.result.content, is_error: call.result.isError } } : {}),
  };
  const result = await runShellCommand(command, {
    cwd: options.cwd,
    env: {
      ...(options.env ?? process.env),
      ATTRACTOR_HOOK: kind,
      ATTRACTOR_TOOL_NAME: call.name,
      ATTRACTOR_TOOL_CALL_ID: call.callId,
      ATTRACTOR_NODE_ID: options.nodeId,
      ATTRACTOR_STAGE_DIR: options.stageDir,
      ...(call.result ? { ATTRACTOR_TOOL_IS_ERROR: String(call.result.isError) } : {}),
    },
    stdin: JSON.stringify(payload),
    stdoutPath: join(dir, `${n}-${kind}.stdout.txt`),
    stderrPath: join(dir, `${n}-${kind}.stderr.txt`),
    signal,
  });
  const ok = result.exitCode === 0 && !result.error;
  const hookResult: ToolHookResult = {
    proceed: kind === "post" || ok,
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderrTail: result.error ? result.error.message : result.stderrTail,
    durationMs: Date.now() - started,
  };
  appendFileSync(
    join(options.stageDir, "tool_hooks.ndjson"),
    `${JSON.stringify({
      ts: new Date().toISOString(),
      hook: kind,
      tool: call.name,
      call_id: call.callId,
      command,
      exit_code: result.exitCode,
      timed_out: timeout.aborted,
      proceed: hookResult.proceed,
      duration_ms: hookResult.durationMs,
      ...(ok ? {} : { stderr_tail: hookResult.stderrTail }),
    })}\n`,
  );
  return hookResult;
}
