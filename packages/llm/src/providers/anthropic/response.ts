/**
 * Anthropic Messages response → unified Response (unified-llm-spec §7.5, §3.7-3.9): content
 * blocks, stop reason and usage. Pure.
 * @module
 */
import { ProviderError } from "../../errors/provider-error.js";
import type { ContentPart, Message } from "../../types/message.js";
import {
  createResponse,
  type FinishReason,
  type FinishReasonValue,
  type RateLimitInfo,
  type Response,
  type Usage,
  type Warning,
} from "../../types/response.js";
import { errorFromErrorBody, isErrorBody, PROVIDER } from "./errors.js";
import type {
  AnthropicBlock,
  AnthropicMessage,
  AnthropicRedactedThinkingBlock,
  AnthropicTextBlock,
  AnthropicThinkingBlock,
  AnthropicToolUseBlock,
  AnthropicUsage,
} from "./wire-types.js";

const STOP_REASONS: Record<string, FinishReasonValue> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

/**
 * §3.8 `stop_reason` → FinishReason: end_turn, stop_sequence → stop; max_tokens,
 * model_context_window_exceeded → length; tool_use → tool_calls; refusal → content_filter;
 * anything else (pause_turn, null, new values) → other. `raw` keeps the API's value.
 */
export function mapStopReason(raw: string | null | undefined): FinishReason {
  const reason = raw ? (STOP_REASONS[raw] ?? "other") : "other";
  return raw ? { reason, raw } : { reason };
}

/** Characters per token used to estimate reasoning tokens from thinking text (≈4 for English). */
export const CHARS_PER_TOKEN = 4;

/** Estimated token count of `text`: ceil(length / {@link CHARS_PER_TOKEN}). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

function count(value: number | null | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * §3.9 usage. `inputTokens` is every prompt token: `input_tokens` (the uncached part, as
 * Anthropic counts it) + `cache_read_input_tokens` + `cache_creation_input_tokens`, so it means
 * what it means for OpenAI and Gemini; the parts are in `cacheReadTokens` / `cacheWriteTokens`
 * and the API's object in `raw`. `reasoningTokens` is `output_tokens_details.thinking_tokens`
 * when the API reports it, else estimated from the thinking text (see {@link estimateTokens};
 * redacted thinking is not counted), capped at `outputTokens`; undefined when there was no thinking.
 * @param thinkingText the concatenated text of the response's thinking blocks.
 */
export function convertUsage(usage: AnthropicUsage | undefined, thinkingText: string): Usage {
  const u = usage ?? {};
  const cacheRead = count(u.cache_read_input_tokens);
  const cacheWrite = count(u.cache_creation_input_tokens);
  const inputTokens = (count(u.input_tokens) ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
  const outputTokens = count(u.output_tokens) ?? 0;
  const exact = count(u.output_tokens_details?.thinking_tokens);
  const reasoning = exact ?? (thinkingText !== "" ? Math.min(estimateTokens(thinkingText), outputTokens) : undefined);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
    ...(cacheRead !== undefined ? { cacheReadTokens: cacheRead } : {}),
    ...(cacheWrite !== undefined ? { cacheWriteTokens: cacheWrite } : {}),
    ...(usage ? { raw: usage } : {}),
  };
}

/**
 * One response content block → a content part: text → text (empty text dropped; citations stay
 * in `raw`); tool_use → tool_call (`input` as arguments; a `caller` goes to
 * `providerMetadata.anthropic.caller` and is sent back); thinking → thinking with its signature;
 * redacted_thinking → redacted_thinking (`data` in `text`); anything else (server_tool_use,
 * web_search_tool_result, code execution results, mcp_tool_use/result, compaction, fallback,
 * ...) → a `provider` part holding the block verbatim, sent back unchanged on the next turn.
 */
export function convertBlock(block: AnthropicBlock): ContentPart | undefined {
  switch (block.type) {
    case "text": {
      const { text } = block as unknown as AnthropicTextBlock;
      return text === "" ? undefined : { kind: "text", text };
    }
    case "tool_use": {
      const use = block as unknown as AnthropicToolUseBlock;
      const input = use.input;
      return {
        kind: "tool_call",
        toolCall: {
          id: use.id,
          name: use.name,
          arguments:
            typeof input === "object" && input !== null && !Array.isArray(input)
              ? (input as Record<string, unknown>)
              : JSON.stringify(input ?? {}),
          ...(use.caller !== undefined ? { providerMetadata: { [PROVIDER]: { caller: use.caller } } } : {}),
        },
      };
    }
    case "thinking": {
      const { thinking, signature } = block as unknown as AnthropicThinkingBlock;
      return { kind: "thinking", thinking: { text: thinking, redacted: false, ...(signature ? { signature } : {}) } };
    }
    case "redacted_thinking": {
      const { data } = block as unknown as AnthropicRedactedThinkingBlock;
      return { kind: "redacted_thinking", thinking: { text: data, redacted: true } };
    }
    default:
      return { kind: "provider", provider: PROVIDER, data: block };
  }
}

/** The assistant message of a list of blocks, and its thinking text (for the usage estimate). */
export function convertContent(blocks: AnthropicBlock[]): { message: Message; thinkingText: string } {
  const content: ContentPart[] = [];
  let thinkingText = "";
  for (const block of blocks) {
    const part = convertBlock(block);
    if (!part) continue;
    if (part.kind === "thinking") thinkingText += part.thinking.text;
    content.push(part);
  }
  return { message: { role: "assistant", content }, thinkingText };
}

/** Extra fields of a response that do not come from the body. */
export interface ResponseExtras {
  warnings: Warning[];
  rateLimit?: RateLimitInfo;
  /** The `request-id` response header, for errors. */
  requestId?: string;
}

function isMessage(body: unknown): body is AnthropicMessage {
  if (typeof body !== "object" || body === null) return false;
  const b = body as Partial<AnthropicMessage>;
  return typeof b.id === "string" && Array.isArray(b.content);
}

/**
 * Translates a non-streaming response body (§7.5); `raw` is the body as received.
 * @throws the error an error body stands for (a `{type:"error"}` body with a 2xx status), or a
 *   retryable ProviderError when the body is not a Messages response.
 */
export function parseResponse(body: unknown, extras: ResponseExtras): Response {
  if (isErrorBody(body)) throw errorFromErrorBody(body, extras.requestId);
  if (!isMessage(body)) {
    throw new ProviderError({
      message: `${PROVIDER}: the response is not a Messages response: ${JSON.stringify(body).slice(0, 200)}`,
      provider: PROVIDER,
      requestId: extras.requestId,
      raw: body,
    });
  }
  const { message, thinkingText } = convertContent(body.content);
  return createResponse({
    id: body.id,
    model: body.model,
    provider: PROVIDER,
    message,
    finishReason: mapStopReason(body.stop_reason),
    usage: convertUsage(body.usage, thinkingText),
    raw: body,
    warnings: extras.warnings,
    ...(extras.rateLimit ? { rateLimit: extras.rateLimit } : {}),
  });
}
