/**
 * Responses, finish reasons, usage, warnings and rate-limit info (unified-llm-spec §3.7-3.12).
 * @module
 */
import { type Message, messageText } from "./message.js";
import type { ToolCall } from "./tool.js";

/** §3.8 the unified finish reasons. */
export type FinishReasonValue = "stop" | "length" | "tool_calls" | "content_filter" | "error" | "other";

/** §3.8 why generation stopped: the unified reason and the provider's own word. */
export interface FinishReason {
  reason: FinishReasonValue;
  raw?: string;
}

/** §3.9 token counts. Optional counts are undefined when the provider did not report them. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** input + output. */
  totalTokens: number;
  /** Chain-of-thought tokens (part of `outputTokens`); estimated for Anthropic. */
  reasoningTokens?: number;
  /** Input tokens served from the prompt cache. */
  cacheReadTokens?: number;
  /** Input tokens written to the prompt cache. */
  cacheWriteTokens?: number;
  /** The provider's usage object. */
  raw?: unknown;
}

/** A usage of zero tokens. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}

function addOptional(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

/** §3.9 `usage_a + usage_b`: sums; an optional count stays undefined only when both are. */
export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
  const reasoning = addOptional(a.reasoningTokens, b.reasoningTokens);
  const cacheRead = addOptional(a.cacheReadTokens, b.cacheReadTokens);
  const cacheWrite = addOptional(a.cacheWriteTokens, b.cacheWriteTokens);
  if (reasoning !== undefined) sum.reasoningTokens = reasoning;
  if (cacheRead !== undefined) sum.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) sum.cacheWriteTokens = cacheWrite;
  return sum;
}

/** §3.11 a non-fatal issue. */
export interface Warning {
  message: string;
  code?: string;
}

/** §3.12 rate-limit state from response headers (informational). */
export interface RateLimitInfo {
  requestsRemaining?: number;
  requestsLimit?: number;
  tokensRemaining?: number;
  tokensLimit?: number;
  /** When the limit resets. */
  resetAt?: Date;
}

/** §3.7 the result of a `complete()` call, with the §3.7 convenience accessors. */
export interface Response {
  /** Provider-assigned response id. */
  id: string;
  /** The model that answered (may differ from the one requested). */
  model: string;
  provider: string;
  /** The assistant message. */
  message: Message;
  finishReason: FinishReason;
  usage: Usage;
  /** The provider's response body (for debugging). */
  raw?: unknown;
  warnings: Warning[];
  rateLimit?: RateLimitInfo;
  /** Concatenated text parts. */
  readonly text: string;
  /** Tool calls in the message. */
  readonly toolCalls: ToolCall[];
  /** Concatenated reasoning text, undefined when there is none. */
  readonly reasoning: string | undefined;
}

/** The fields of a {@link Response} without its computed accessors. */
export type ResponseFields = Omit<Response, "text" | "toolCalls" | "reasoning">;

/**
 * Builds a {@link Response}: the accessors `text`, `toolCalls` and `reasoning` are computed from
 * the message and are not enumerable (so JSON output holds only the fields).
 */
export function createResponse(fields: ResponseFields): Response {
  const response = { ...fields } as Response;
  Object.defineProperties(response, {
    text: { get: () => messageText(response.message), enumerable: false },
    toolCalls: { get: () => toolCallsOf(response.message), enumerable: false },
    reasoning: {
      get: () => {
        const texts = response.message.content.flatMap((p) => (p.kind === "thinking" ? [p.thinking.text] : []));
        return texts.length > 0 ? texts.join("") : undefined;
      },
      enumerable: false,
    },
  });
  return response;
}

/** The tool calls of a message as §5.4 ToolCall records. */
export function toolCallsOf(message: Message): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const part of message.content) {
    if (part.kind !== "tool_call") continue;
    const { id, name, type, providerMetadata } = part.toolCall;
    const raw = part.toolCall.arguments;
    let args: Record<string, unknown> = {};
    let rawArguments: string | undefined;
    if (typeof raw === "string") {
      rawArguments = raw;
      try {
        const parsed: unknown = JSON.parse(raw === "" ? "{}" : raw);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
      } catch {
        // Left to tool-call validation, which reports it to the model.
      }
    } else {
      args = raw;
    }
    calls.push({
      id,
      name,
      arguments: args,
      ...(rawArguments !== undefined ? { rawArguments } : {}),
      ...(type ? { type } : {}),
      ...(providerMetadata ? { providerMetadata } : {}),
    });
  }
  return calls;
}
