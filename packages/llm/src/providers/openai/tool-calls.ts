/**
 * OpenAI `function_call` / `custom_tool_call` output items to unified tool calls (unified-llm-spec
 * §5.4), shared by the response and stream translators so both build the same calls.
 * @module
 */
import type { ContentPart } from "../../types/message.js";
import type { ToolCall } from "../../types/tool.js";
import type { WireOutputItem } from "./wire-types.js";

/** What the OpenAI adapter keeps in `ToolCall.providerMetadata.openai` for the round trip. */
export interface OpenAIToolCallMetadata {
  /** The output item id (`fc_...`, `ctc_...`). */
  itemId?: string;
  /** The tool namespace (tools loaded through tool search). */
  namespace?: string;
  /** Who made the call (programmatic tool calling). */
  caller?: { type: string; caller_id?: string };
  /** Set on calls expanded from a `parallel` wrapper call: the wrapper's call id. */
  parallelWrapperId?: string;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text === "" ? "{}" : text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The tool call of a `function_call` or `custom_tool_call` item. Function arguments are parsed
 * (`{}` when they are not a JSON object; `rawArguments` keeps the text); a custom tool's free-form
 * `input` is `rawArguments`, with `type: "custom"`.
 */
export function toolCallFromItem(item: WireOutputItem): ToolCall {
  const custom = item.type === "custom_tool_call";
  const raw = (custom ? item.input : item.arguments) ?? "";
  const meta: OpenAIToolCallMetadata = {};
  if (item.id) meta.itemId = item.id;
  if (item.namespace) meta.namespace = item.namespace;
  if (item.caller) meta.caller = item.caller;
  return {
    id: item.call_id ?? item.id ?? "",
    name: item.name ?? "",
    arguments: parseObject(raw),
    rawArguments: raw,
    ...(custom ? { type: "custom" as const } : {}),
    ...(Object.keys(meta).length > 0 ? { providerMetadata: { openai: meta } } : {}),
  };
}

/** The wrapper tool name some OpenAI models emit for parallel calls (vercel/ai issue 19067). */
const PARALLEL_WRAPPER = "parallel";
const RECIPIENT_PREFIX = "functions.";

/** True when a function call named `name` may be the parallel wrapper (no declared tool has that name). */
export function mayBeParallelWrapper(name: string | undefined, declaredTools: ReadonlySet<string>): boolean {
  return name === PARALLEL_WRAPPER && !declaredTools.has(PARALLEL_WRAPPER);
}

/**
 * Expands an undeclared `parallel` wrapper call,
 * `{"tool_uses":[{"recipient_name":"functions.<tool>","parameters":{...}}, ...]}`, into one call
 * per nested use (ids `<wrapper call id>_<index>`). Returns undefined, leaving the call as it is,
 * unless every nested recipient is a declared function tool with object parameters.
 */
export function expandParallelWrapper(call: ToolCall, declaredTools: ReadonlySet<string>): ToolCall[] | undefined {
  if (call.type === "custom" || !mayBeParallelWrapper(call.name, declaredTools)) return undefined;
  const uses = call.arguments.tool_uses;
  if (!Array.isArray(uses) || uses.length === 0) return undefined;
  const expanded: ToolCall[] = [];
  for (const [index, use] of uses.entries()) {
    if (!isObject(use)) return undefined;
    const recipient = use.recipient_name;
    const parameters = use.parameters;
    if (typeof recipient !== "string" || !recipient.startsWith(RECIPIENT_PREFIX) || !isObject(parameters)) {
      return undefined;
    }
    const name = recipient.slice(RECIPIENT_PREFIX.length);
    if (!declaredTools.has(name)) return undefined;
    expanded.push({
      id: `${call.id}_${index}`,
      name,
      arguments: parameters,
      rawArguments: JSON.stringify(parameters),
      providerMetadata: { openai: { parallelWrapperId: call.id } satisfies OpenAIToolCallMetadata },
    });
  }
  return expanded;
}

/**
 * The content part for a tool call, built exactly as `StreamAccumulator` builds it from a
 * `tool_call_end` event, so `complete()` and `stream()` yield the same message.
 */
export function toolCallPart(call: ToolCall): ContentPart {
  return {
    kind: "tool_call",
    toolCall: {
      id: call.id,
      name: call.name,
      arguments:
        call.rawArguments !== undefined && Object.keys(call.arguments).length === 0
          ? call.rawArguments
          : call.arguments,
      ...(call.type ? { type: call.type } : {}),
      ...(call.providerMetadata ? { providerMetadata: call.providerMetadata } : {}),
    },
  };
}
