/**
 * One tool round (coding-agent-loop-spec §2.5 `execute_tool_calls`): every call goes through the
 * profile's ToolRegistry (lookup, validate, execute, truncate), concurrently when the profile
 * supports parallel calls, with `tool_call_start`/`tool_call_end` events carrying the full output.
 * @module
 */
import type { ToolCall } from "@darkfactory/llm";
import type { SubagentToolContext } from "../subagents/types.js";
import type { ToolRegistry } from "../tools/registry.js";
import type { ToolLimits } from "../tools/truncate.js";
import type { SessionEventBody } from "./events.js";
import { raceAbort } from "./llm-call.js";
import type { ToolResultEntry } from "./types.js";

/**
 * The ToolContext a session gives each executor: the subagent manager, and a per-call hook for
 * streaming partial output.
 */
export interface SessionToolContext extends SubagentToolContext {
  /** The model's id of the call being executed (for hosts that wrap tools, e.g. tool hooks). */
  callId?: string;
  /**
   * Reports partial output as it is produced (emitted as `tool_call_output_delta`). Optional for
   * tools: the executor still returns the full output, which is what `tool_call_end` carries.
   */
  onOutputDelta?: (delta: string) => void;
}

/** What {@link executeToolCalls} needs. */
export interface ToolRoundOptions {
  calls: readonly ToolCall[];
  registry: ToolRegistry;
  /** Passed to every executor (with a per-call `onOutputDelta`); its `signal` is the session's. */
  context: SessionToolContext;
  limits: ToolLimits;
  /** Run the calls concurrently (§2.5: profile supports parallel tool calls and there are 2+ calls). */
  parallel: boolean;
  signal: AbortSignal;
  emit: (body: SessionEventBody) => void;
  /** Executions still running are kept here until they settle (shutdown waits for them). */
  inFlight?: Set<Promise<unknown>>;
}

/**
 * Runs the calls and returns one result per call, in call order. Never throws: unknown tools,
 * invalid arguments and executor failures are error results the model can recover from
 * (Appendix B). When the session aborts, calls still running end at once with an error result
 * (their commands are killed through `context.signal`).
 */
export async function executeToolCalls(options: ToolRoundOptions): Promise<ToolResultEntry[]> {
  if (options.parallel && options.calls.length > 1) {
    return Promise.all(options.calls.map((call) => executeSingleTool(call, options)));
  }
  const results: ToolResultEntry[] = [];
  for (const call of options.calls) results.push(await executeSingleTool(call, options));
  return results;
}

async function executeSingleTool(call: ToolCall, options: ToolRoundOptions): Promise<ToolResultEntry> {
  const { emit, signal } = options;
  emit({ type: "tool_call_start", callId: call.id, toolName: call.name, arguments: call.arguments });
  const startedAt = performance.now();
  let output: string;
  let fullOutput: string;
  let isError: boolean;
  let ended = false;
  try {
    if (signal.aborted) throw new Error("aborted before it started");
    const context: SessionToolContext = {
      ...options.context,
      callId: call.id,
      onOutputDelta: (delta) => {
        if (!ended && delta !== "") emit({ type: "tool_call_output_delta", callId: call.id, delta });
      },
    };
    const execution = options.registry.execute(call, context, options.limits);
    track(options.inFlight, execution);
    const result = await raceAbort(execution, signal);
    ({ output, fullOutput, isError } = result);
  } catch (error) {
    const reason = signal.aborted ? "the session was aborted" : error instanceof Error ? error.message : String(error);
    output = fullOutput = `Tool error (${call.name}): ${reason}`;
    isError = true;
  }
  ended = true;
  emit({
    type: "tool_call_end",
    callId: call.id,
    toolName: call.name,
    output: fullOutput,
    isError,
    truncated: output !== fullOutput,
    durationMs: Math.round(performance.now() - startedAt),
  });
  return { toolCallId: call.id, toolName: call.name, content: output, isError };
}

function track(inFlight: Set<Promise<unknown>> | undefined, execution: Promise<unknown>): void {
  if (!inFlight) return;
  const settled = execution.then(
    () => undefined,
    () => undefined,
  );
  inFlight.add(settled);
  void settled.then(() => inFlight.delete(settled));
}
