/**
 * Anthropic Messages API wire types (unified-llm-spec §2.7, §7.3, §7.7), in the API's snake_case.
 * Request-side types come from the official SDK (`import type` only, so nothing of it is loaded
 * at run time); response-side types are written here and kept loose on purpose, because the API
 * keeps adding block and event types (server tools, MCP, compaction, fallback, ...) that must
 * pass through unchanged.
 * @module
 */
import type {
  CacheControlEphemeral,
  ContentBlockParam,
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  MessageParam,
  TextBlockParam,
  ToolUnion,
} from "@anthropic-ai/sdk/resources/messages";

export type {
  CacheControlEphemeral,
  ContentBlockParam,
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  MessageParam,
  TextBlockParam,
  ToolUnion,
};

/**
 * Sampling parameters the Messages API still accepts on the models that support them. The SDK's
 * typings (1.11) no longer declare them, so they are typed here and added after the `satisfies`
 * check of the rest of the body.
 */
export interface AnthropicSamplingParams {
  temperature?: number;
  top_p?: number;
}

/**
 * The body POSTed to `/v1/messages`: the SDK-checked params, the sampling parameters, and any
 * extra keys from `providerOptions.anthropic` (sent as written).
 */
export type AnthropicRequestBody = (MessageCreateParamsNonStreaming | MessageCreateParamsStreaming) &
  AnthropicSamplingParams &
  Record<string, unknown>;

/** Usage as the API reports it, in `message.usage` and (cumulative) in `message_delta.usage`. */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** Newer API versions: exact reasoning tokens. */
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

/** Any response content block, as received. Known shapes are below; others pass through. */
export type AnthropicBlock = { type: string } & Record<string, unknown>;

/** A `text` block (citations, when present, are kept in `raw` only). */
export interface AnthropicTextBlock {
  type: "text";
  text: string;
  citations?: unknown[] | null;
}

/** A `thinking` block; its signature must be sent back verbatim. */
export interface AnthropicThinkingBlock {
  type: "thinking";
  thinking: string;
  signature?: string;
}

/** A `redacted_thinking` block: opaque, encrypted `data` sent back verbatim. */
export interface AnthropicRedactedThinkingBlock {
  type: "redacted_thinking";
  data: string;
}

/** A client `tool_use` block. `caller` is set when code execution called the tool. */
export interface AnthropicToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: unknown;
  caller?: unknown;
}

/** The non-streaming response body (`type: "message"`). */
export interface AnthropicMessage {
  id: string;
  type?: "message";
  role?: "assistant";
  model: string;
  content: AnthropicBlock[];
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage;
}

/** The error body of a non-2xx response, and the payload of a stream `error` event. */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
  request_id?: string;
}

/** `content_block_delta.delta`: text, JSON input, thinking, signature, citations, compaction, ... */
export type AnthropicDelta =
  | { type: "text_delta"; text: string }
  | { type: "input_json_delta"; partial_json: string }
  | { type: "thinking_delta"; thinking: string }
  | { type: "signature_delta"; signature: string }
  | { type: "citations_delta"; citation: unknown }
  | { type: "compaction_delta"; content: string | null };

/** One SSE event of a streaming response (§7.7). */
export type AnthropicStreamEvent =
  | { type: "message_start"; message: AnthropicMessage }
  | { type: "content_block_start"; index: number; content_block: AnthropicBlock }
  | { type: "content_block_delta"; index: number; delta: AnthropicDelta | { type: string } }
  | { type: "content_block_stop"; index: number }
  | {
      type: "message_delta";
      delta: { stop_reason?: string | null; stop_sequence?: string | null } & Record<string, unknown>;
      usage?: AnthropicUsage;
    }
  | { type: "message_stop" }
  | { type: "ping" }
  | AnthropicErrorBody;
