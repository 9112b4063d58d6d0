/**
 * Chat Completions response -> unified Response (unified-llm-spec §7.5, §3.8, §3.9); the finish
 * reason, usage and argument parsing are shared with the stream translator.
 * @module
 */
import { randomUUID } from "node:crypto";
import type { ContentPart } from "../../types/message.js";
import type { FinishReason, ResponseFields, Usage } from "../../types/response.js";
import type { ChatCompletionOut, ChatUsage } from "./wire-types.js";

/** A tool call id for a call the server sent without one, `call_<uuid>`. */
export function syntheticCallId(): string {
  return `call_${randomUUID()}`;
}

/**
 * §3.8: `stop` -> stop (tool_calls when the message holds tool calls: some servers say `stop`
 * for them), `length` -> length, `tool_calls` and the legacy `function_call` -> tool_calls,
 * `content_filter` -> content_filter; anything else, or none, -> other. `raw` keeps the word.
 */
export function mapChatFinishReason(raw: string | null | undefined, hasToolCalls: boolean): FinishReason {
  const withRaw = (reason: FinishReason["reason"]): FinishReason =>
    typeof raw === "string" ? { reason, raw } : { reason };
  switch (raw) {
    case "stop":
      return withRaw(hasToolCalls ? "tool_calls" : "stop");
    case "length":
      return withRaw("length");
    case "tool_calls":
    case "function_call":
      return withRaw("tool_calls");
    case "content_filter":
      return withRaw("content_filter");
    default:
      return withRaw("other");
  }
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * §3.9: `prompt_tokens` -> input, `completion_tokens` -> output (reasoning included, as OpenAI
 * counts it), `total_tokens` (else input + output), `prompt_tokens_details.cached_tokens` ->
 * cacheRead, `completion_tokens_details.reasoning_tokens` -> reasoning. Zeros when absent.
 */
export function chatUsage(usage: ChatUsage | null | undefined): Usage {
  const input = count(usage?.prompt_tokens) ?? 0;
  const output = count(usage?.completion_tokens) ?? 0;
  const cached = count(usage?.prompt_tokens_details?.cached_tokens);
  const reasoning = count(usage?.completion_tokens_details?.reasoning_tokens);
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: count(usage?.total_tokens) ?? input + output,
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
    ...(cached !== undefined ? { cacheReadTokens: cached } : {}),
    ...(usage ? { raw: usage } : {}),
  };
}

/** Tool call arguments: the parsed JSON object, or `{}` when the string is empty or not an object. */
export function parseChatArguments(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text === "" ? "{}" : text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/**
 * A `chat.completion` body -> Response fields (the first choice; `raw` is the body):
 * `reasoning_content`/`reasoning` -> a thinking part, `content` (and a `refusal`) -> text,
 * `tool_calls` -> tool calls (arguments parsed, or kept as the raw string when they are not a
 * JSON object).
 */
export function parseChatCompletion(
  body: ChatCompletionOut,
  meta: { provider: string; model: string },
): Omit<ResponseFields, "warnings"> {
  const choice = Array.isArray(body.choices)
    ? (body.choices.find((c) => c?.index === 0) ?? body.choices[0])
    : undefined;
  const message = choice?.message ?? {};
  const content: ContentPart[] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === "string" && reasoning !== "") {
    content.push({ kind: "thinking", thinking: { text: reasoning, redacted: false } });
  }
  if (typeof message.content === "string" && message.content !== "")
    content.push({ kind: "text", text: message.content });
  if (typeof message.refusal === "string" && message.refusal !== "")
    content.push({ kind: "text", text: message.refusal });
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    const args = typeof call?.function?.arguments === "string" ? call.function.arguments : "";
    content.push({
      kind: "tool_call",
      toolCall: {
        id: call?.id || syntheticCallId(),
        name: call?.function?.name ?? "",
        arguments: args === "" ? {} : isJsonObject(args) ? parseChatArguments(args) : args,
      },
    });
  }
  const hasToolCalls = content.some((p) => p.kind === "tool_call");
  return {
    id: typeof body.id === "string" ? body.id : "",
    model: typeof body.model === "string" ? body.model : meta.model,
    provider: meta.provider,
    message: { role: "assistant", content },
    finishReason: mapChatFinishReason(choice?.finish_reason, hasToolCalls),
    usage: chatUsage(body.usage),
    raw: body,
  };
}
