/**
 * Tool call validation and repair (unified-llm-spec §5.8): parse the argument string, validate it
 * against the tool's schema, and give a `repairToolCall` hook one chance to fix it.
 * @module
 */
import { InvalidToolCallError } from "../errors/client-errors.js";
import { validateAgainst } from "../json/schema.js";
import type { Message } from "../types/message.js";
import type { ToolCall } from "../types/tool.js";
import type { RepairToolCall, Tool } from "./types.js";

/** The outcome: arguments ready for `execute`, or why there are none. */
export type ValidatedArguments =
  | { ok: true; args: Record<string, unknown> }
  | { ok: false; error: InvalidToolCallError };

/** The call's arguments as an object: `rawArguments` parsed when present, else `arguments`. */
export function parseToolArguments(call: ToolCall): ValidatedArguments {
  if (call.rawArguments === undefined) return { ok: true, args: call.arguments };
  const raw = call.rawArguments.trim();
  if (raw === "") return { ok: true, args: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return {
      ok: false,
      error: new InvalidToolCallError({
        message: `Invalid arguments for tool ${call.name}: not valid JSON (${(error as Error).message})`,
        toolName: call.name,
        cause: error,
      }),
    };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      error: new InvalidToolCallError({
        message: `Invalid arguments for tool ${call.name}: expected a JSON object`,
        toolName: call.name,
      }),
    };
  }
  return { ok: true, args: parsed as Record<string, unknown> };
}

function checkSchema(tool: Tool, args: Record<string, unknown>): ValidatedArguments {
  const problems = validateAgainst(tool.parameters, args);
  if (problems === undefined) return { ok: true, args };
  return {
    ok: false,
    error: new InvalidToolCallError({
      message: `Invalid arguments for tool ${tool.name}: ${problems}`,
      toolName: tool.name,
    }),
  };
}

/**
 * §5.8 parses and validates `call`'s arguments for `tool`; when that fails and `repair` is given,
 * validates what it returns instead. Never throws for bad arguments: the failure is returned so
 * it can go to the model as an error result. A repair hook that throws is treated as giving up.
 */
export async function validateToolCall(
  call: ToolCall,
  tool: Tool,
  context: { repair?: RepairToolCall; messages: Message[]; abortSignal: AbortSignal },
): Promise<ValidatedArguments> {
  const parsed = parseToolArguments(call);
  const checked = parsed.ok ? checkSchema(tool, parsed.args) : parsed;
  if (checked.ok || !context.repair) return checked;
  let repaired: Record<string, unknown> | null | undefined;
  try {
    repaired = await context.repair({
      toolCall: call,
      tool,
      error: checked.error,
      messages: context.messages,
      abortSignal: context.abortSignal,
    });
  } catch {
    return checked;
  }
  if (repaired === null || repaired === undefined) return checked;
  return checkSchema(tool, repaired);
}
