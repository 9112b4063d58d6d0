/**
 * OpenAI Responses API body -> unified Response (unified-llm-spec §7.5, §3.8, §3.9): pure
 * functions, shared with the stream translator.
 * @module
 */
import { ProviderError } from "../../errors/provider-error.js";
import type { ContentPart } from "../../types/message.js";
import {
  createResponse,
  type FinishReason,
  type RateLimitInfo,
  type Response,
  type Usage,
  type Warning,
} from "../../types/response.js";
import { expandParallelWrapper, toolCallFromItem, toolCallPart } from "./tool-calls.js";
import type { WireOutputItem, WireResponse, WireUsage } from "./wire-types.js";

/** The `provider` of the `provider` content parts this adapter produces and replays. */
export const OPENAI_PART_PROVIDER = "openai";

/** What the translators need besides the body. */
export interface TranslateContext {
  /** The adapter's name, for `Response.provider` and error messages. */
  provider: string;
  /** Names of the request's function tools (to recognise the `parallel` wrapper call). */
  declaredTools: ReadonlySet<string>;
  /** Warnings from request translation. */
  warnings: Warning[];
  rateLimit?: RateLimitInfo;
}

/**
 * §3.8 finish reason. `completed` -> `stop`, or `tool_calls` when the output holds function or
 * custom tool calls; `incomplete` -> `length` (max_output_tokens), `content_filter`, or `other`,
 * with the incomplete reason as `raw`; `failed` -> `error`; `cancelled` and others -> `other`.
 * A body without `status` is read as completed (raw undefined).
 */
export function mapFinishReason(response: WireResponse, hasToolCalls: boolean): FinishReason {
  const status = response.status;
  switch (status) {
    case undefined:
    case "completed":
      return { reason: hasToolCalls ? "tool_calls" : "stop", ...(status ? { raw: status } : {}) };
    case "incomplete": {
      const why = response.incomplete_details?.reason;
      const reason = why === "max_output_tokens" ? "length" : why === "content_filter" ? "content_filter" : "other";
      return { reason, raw: why ?? status };
    }
    case "failed":
      return { reason: "error", raw: status };
    default:
      return { reason: "other", raw: status };
  }
}

function count(value: number | null | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * §3.9 usage: `input_tokens`, `output_tokens`, `total_tokens` (input + output when absent),
 * `output_tokens_details.reasoning_tokens`, `input_tokens_details.cached_tokens` (cache reads) and,
 * when a gateway reports it, `input_tokens_details.cache_write_tokens`. Counts are tokens.
 */
export function mapUsage(usage: WireUsage | null | undefined): Usage {
  const inputTokens = count(usage?.input_tokens) ?? 0;
  const outputTokens = count(usage?.output_tokens) ?? 0;
  const result: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: count(usage?.total_tokens) ?? inputTokens + outputTokens,
  };
  const reasoning = count(usage?.output_tokens_details?.reasoning_tokens);
  const cacheRead = count(usage?.input_tokens_details?.cached_tokens);
  const cacheWrite = count((usage?.input_tokens_details as { cache_write_tokens?: number } | null)?.cache_write_tokens);
  if (reasoning !== undefined) result.reasoningTokens = reasoning;
  if (cacheRead !== undefined) result.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) result.cacheWriteTokens = cacheWrite;
  if (usage) result.raw = usage;
  return result;
}

/** The `thinking` parts of a reasoning item: one per non-empty summary text, then per reasoning text. */
export function reasoningParts(item: WireOutputItem): ContentPart[] {
  const texts = [
    ...(item.summary ?? []).map((s) => s.text),
    ...(item.content ?? []).filter((c) => c.type === "reasoning_text").map((c) => c.text ?? ""),
  ];
  return texts
    .filter((text) => typeof text === "string" && text !== "")
    .map((text) => ({ kind: "thinking", thinking: { text, redacted: false } }));
}

/** The text parts of a `message` item: `output_text` and `refusal` contents, empty ones skipped. */
export function messageParts(item: WireOutputItem): ContentPart[] {
  const parts: ContentPart[] = [];
  for (const content of item.content ?? []) {
    const text = content.type === "refusal" ? content.refusal : content.text;
    if (typeof text === "string" && text !== "") parts.push({ kind: "text", text });
  }
  return parts;
}

/** A `provider` part holding an output item verbatim, for the round trip. */
export function providerPart(item: WireOutputItem): ContentPart {
  return { kind: "provider", provider: OPENAI_PART_PROVIDER, data: item as unknown as Record<string, unknown> };
}

/**
 * The content parts of one output item: `message` -> text; `reasoning` -> thinking parts from its
 * summary plus the raw item (with `encrypted_content`) as a `provider` part; `function_call` ->
 * tool call (an undeclared `parallel` wrapper is expanded); `custom_tool_call` -> tool call of
 * type `custom`; anything else (web_search_call, file_search_call, code_interpreter_call,
 * shell/local_shell calls, mcp items, apply_patch, tool_search, compaction, ...) -> `provider` part.
 */
export function outputItemParts(item: WireOutputItem, declaredTools: ReadonlySet<string>): ContentPart[] {
  switch (item.type) {
    case "message":
      return messageParts(item);
    case "reasoning":
      return [...reasoningParts(item), providerPart(item)];
    case "function_call":
    case "custom_tool_call": {
      const call = toolCallFromItem(item);
      return (expandParallelWrapper(call, declaredTools) ?? [call]).map(toolCallPart);
    }
    default:
      return [providerPart(item)];
  }
}

/**
 * Translates a non-streaming response body (§7.5). A `failed` response is returned with finish
 * reason `error` (the body's `error` stays in `raw`).
 * @throws ProviderError when the body is not a Responses API object (no `output` array).
 */
export function parseResponse(body: unknown, context: TranslateContext): Response {
  const wire = body as WireResponse;
  if (typeof body !== "object" || body === null || !Array.isArray(wire.output)) {
    throw new ProviderError({
      message: `${context.provider}: the response body is not a Responses API object (no output array)`,
      provider: context.provider,
      raw: body,
    });
  }
  const content = wire.output.flatMap((item) => outputItemParts(item, context.declaredTools));
  const hasToolCalls = content.some((part) => part.kind === "tool_call");
  return createResponse({
    id: wire.id ?? "",
    model: wire.model ?? "",
    provider: context.provider,
    message: { role: "assistant", content },
    finishReason: mapFinishReason(wire, hasToolCalls),
    usage: mapUsage(wire.usage),
    raw: body,
    warnings: context.warnings,
    ...(context.rateLimit ? { rateLimit: context.rateLimit } : {}),
  });
}
