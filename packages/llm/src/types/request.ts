/**
 * The request (unified-llm-spec §3.6, §3.10) and per-call options (§4.7).
 * @module
 */
import type { Message } from "./message.js";
import type { JsonSchema, ToolChoice, ToolDefinition } from "./tool.js";

/** §3.10 structured output. */
export interface ResponseFormat {
  type: "text" | "json" | "json_schema";
  /** Required for `json_schema`. */
  jsonSchema?: JsonSchema;
  /** Schema name some providers require (default `response`). */
  name?: string;
  /** Ask the provider to enforce the schema strictly (default false). */
  strict?: boolean;
}

/** Reasoning effort; `undefined` leaves the provider default. */
export type ReasoningEffort = "low" | "medium" | "high";

/** §3.6 the single input of `complete()` and `stream()`. */
export interface Request {
  /** The provider's native model id. */
  model: string;
  messages: Message[];
  /** Adapter to use; the client's default when omitted. */
  provider?: string;
  tools?: ToolDefinition[];
  /** Defaults to `auto` when tools are present. */
  toolChoice?: ToolChoice;
  responseFormat?: ResponseFormat;
  temperature?: number;
  topP?: number;
  /** Maximum output tokens. */
  maxTokens?: number;
  stopSequences?: string[];
  reasoningEffort?: ReasoningEffort;
  metadata?: Record<string, string>;
  /**
   * Escape hatch (§3.6): `{ anthropic: {...}, openai: {...}, gemini: {...} }`; each adapter reads
   * its own key and merges it into the request body (documented per adapter).
   */
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** §4.7 adapter-level timeouts, in milliseconds. */
export interface AdapterTimeout {
  /** Until response headers arrive (default 10000). */
  connectMs: number;
  /** For a whole non-streaming request (default 120000). */
  requestMs: number;
  /** Longest silence between two stream events (default 30000). */
  streamReadMs: number;
}

/** Defaults of {@link AdapterTimeout} (§4.7). */
export const DEFAULT_ADAPTER_TIMEOUT: Readonly<AdapterTimeout> = Object.freeze({
  connectMs: 10_000,
  requestMs: 120_000,
  streamReadMs: 30_000,
});

/** Options of one `complete()`/`stream()` call. */
export interface CallOptions {
  /** Cancels the call; it rejects (or the stream ends) with an AbortError. */
  signal?: AbortSignal;
  /** Overrides the adapter's timeouts for this call. */
  timeout?: Partial<AdapterTimeout>;
}
