/**
 * Parallel tool execution (unified-llm-spec §5.7): every call of one response runs concurrently,
 * all are awaited, and the results come back in call order with failures as error results.
 * @module
 */
import type { Message } from "../types/message.js";
import type { ToolCall, ToolResult } from "../types/tool.js";
import type { SignalScope } from "./operation-scope.js";
import type { RepairToolCall, Tool } from "./types.js";
import { validateToolCall } from "./validate-tool-call.js";

/** What one batch of tool calls produced. */
export interface ToolExecution {
  /** One result per answered call, in call order. */
  results: ToolResult[];
  /** Calls of passive tools (no `execute`), left for the caller (§5.5). */
  passiveCalls: ToolCall[];
}

/** A tool handler's return value as ToolResult content: strings, objects and arrays as they are, the rest as JSON. */
export function toolOutputContent(value: unknown): ToolResult["content"] {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) return value as Record<string, unknown> | unknown[];
  if (value === undefined) return "";
  return JSON.stringify(value) ?? String(value);
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : (JSON.stringify(error) ?? String(error));
}

function unknownTool(call: ToolCall, tools: readonly Tool[]): ToolResult {
  const known = tools.map((t) => t.name).join(", ") || "none";
  return { toolCallId: call.id, content: `Unknown tool: ${call.name}. Available tools: ${known}`, isError: true };
}

async function executeOne(
  call: ToolCall,
  tool: Tool,
  context: { repair?: RepairToolCall; messages: Message[]; abortSignal: AbortSignal },
): Promise<ToolResult> {
  const validated = await validateToolCall(call, tool, context);
  if (!validated.ok) return { toolCallId: call.id, content: validated.error.message, isError: true };
  try {
    const output = await tool.execute?.(validated.args, {
      toolCallId: call.id,
      messages: [...context.messages],
      abortSignal: context.abortSignal,
    });
    return { toolCallId: call.id, content: toolOutputContent(output), isError: false };
  } catch (error) {
    return { toolCallId: call.id, content: `Error executing tool ${call.name}: ${errorText(error)}`, isError: true };
  }
}

/**
 * §5.7 runs every call of one response at once and waits for all of them. Unknown tools and
 * invalid arguments (§5.8) become error results; a handler that throws becomes an error result;
 * calls of passive tools get no result and are returned in `passiveCalls`.
 * @param messages the conversation including the assistant message with the calls.
 * @throws the scope's abort reason (AbortError or RequestTimeoutError) when it aborts meanwhile.
 */
export async function executeAllTools(
  calls: readonly ToolCall[],
  tools: readonly Tool[],
  options: { scope: SignalScope; messages: Message[]; repair?: RepairToolCall },
): Promise<ToolExecution> {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const passiveCalls: ToolCall[] = [];
  const context = { repair: options.repair, messages: options.messages, abortSignal: options.scope.signal };
  const pending: Promise<ToolResult>[] = [];
  for (const call of calls) {
    const tool = byName.get(call.name);
    if (!tool) pending.push(Promise.resolve(unknownTool(call, tools)));
    else if (!tool.execute) passiveCalls.push(call);
    else pending.push(executeOne(call, tool, context));
  }
  const results = await options.scope.race(Promise.all(pending));
  options.scope.throwIfAborted();
  return { results, passiveCalls };
}
