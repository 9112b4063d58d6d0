/**
 * The provider adapter contract (unified-llm-spec §2.4, §7.1): Layer 1 of the library.
 * @module
 */
import type { AdapterTimeout, CallOptions, Request } from "./request.js";
import type { Response } from "./response.js";
import type { StreamEvent } from "./stream-event.js";
import type { ToolChoiceMode } from "./tool.js";

/** What every provider adapter implements (§2.4). */
export interface ProviderAdapter {
  /** Provider key, e.g. `openai`, `anthropic`, `gemini`. */
  readonly name: string;
  /**
   * Sends the request and resolves with the whole response.
   * @throws LlmError subclasses: ProviderError kinds for HTTP errors, NetworkError,
   *   RequestTimeoutError, AbortError. Never retries.
   */
  complete(request: Request, options?: CallOptions): Promise<Response>;
  /**
   * Streams the response. Errors before the first event are thrown from the iterator; once
   * events flowed, a failure ends the stream with an `error` event. Never retries.
   */
  stream(request: Request, options?: CallOptions): AsyncIterable<StreamEvent>;
  /** Releases resources. */
  close?(): void | Promise<void>;
  /** Validates configuration when registered. */
  initialize?(): void | Promise<void>;
  /** Whether the provider supports a tool choice mode. */
  supportsToolChoice?(mode: ToolChoiceMode): boolean;
}

/** Configuration common to the HTTP adapters. */
export interface AdapterConfig {
  apiKey: string;
  /** API root, e.g. `https://api.openai.com/v1`; each adapter documents its default. */
  baseUrl?: string;
  /** Headers added to every request. */
  defaultHeaders?: Record<string, string>;
  timeout?: Partial<AdapterTimeout>;
  /** fetch implementation (default globalThis.fetch). */
  fetch?: typeof fetch;
}
