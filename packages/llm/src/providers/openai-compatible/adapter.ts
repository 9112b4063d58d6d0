/**
 * The OpenAI-compatible adapter (unified-llm-spec §7.10): Chat Completions,
 * `POST {baseUrl}/chat/completions`, for Ollama, vLLM, LM Studio, Together, Groq and gateways.
 * Only wires HTTP to the pure translators in this folder.
 * @module
 */
import { ConfigurationError } from "../../errors/client-errors.js";
import { guardStream } from "../../http/guard-stream.js";
import { callJson, type HttpCall, openHttp } from "../../http/http-call.js";
import { parseRateLimit } from "../../http/rate-limit.js";
import { readSse } from "../../http/sse.js";
import type { AdapterConfig, ProviderAdapter } from "../../types/adapter.js";
import { type AdapterTimeout, type CallOptions, DEFAULT_ADAPTER_TIMEOUT, type Request } from "../../types/request.js";
import { createResponse, type Response } from "../../types/response.js";
import type { StreamEvent } from "../../types/stream-event.js";
import type { ToolChoiceMode } from "../../types/tool.js";
import type { ProviderFactory } from "../registry.js";
import { chatBodyError, parseChatErrorBody } from "./errors.js";
import { buildChatRequest } from "./request.js";
import { parseChatCompletion } from "./response.js";
import { translateChatStream } from "./stream.js";
import type { ChatCompletionOut } from "./wire-types.js";

/** Configuration of {@link OpenAICompatibleAdapter}. */
export interface OpenAICompatibleAdapterConfig extends Omit<AdapterConfig, "apiKey" | "baseUrl"> {
  /** API root that holds `/chat/completions`, e.g. `http://localhost:11434/v1` (Ollama). Required. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; local servers often need none. */
  apiKey?: string;
  /** Provider key of this adapter and of its `providerOptions` entry (default `openai-compatible`). */
  name?: string;
}

/**
 * `providerOptions[name]` (§3.6; not portable). The three options below steer translation;
 * every other key is copied into the request body unchanged (wire names: `top_k`, `seed`,
 * `parallel_tool_calls`, `max_completion_tokens`, `chat_template_kwargs`, ...).
 */
export interface OpenAICompatibleProviderOptions {
  /** Send `maxTokens` as `max_completion_tokens` instead of `max_tokens` (newer OpenAI models). */
  useMaxCompletionTokens?: boolean;
  /** Role for developer messages: `system` (default; widely understood) or `developer`. */
  developerRole?: "system" | "developer";
  /** Ask for a usage chunk when streaming (`stream_options.include_usage`, default true). */
  includeUsage?: boolean;
  [key: string]: unknown;
}

/** The default provider key. */
export const OPENAI_COMPATIBLE_NAME = "openai-compatible";

/**
 * §7.10 adapter for third-party Chat Completions endpoints. Distinct from the OpenAI adapter
 * (Responses API); it has no built-in tools and reports reasoning only when the server sends
 * `reasoning_content`/`reasoning`. All tool choice modes map to `tool_choice`. Never retries.
 */
export class OpenAICompatibleAdapter implements ProviderAdapter {
  readonly name: string;
  private readonly apiKey: string | undefined;
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeout: Partial<AdapterTimeout>;
  private readonly fetchImpl: typeof fetch;

  /**
   * @param config `baseUrl` (required), `apiKey`, `name`, `defaultHeaders`, `timeout` (ms, over
   *   {@link DEFAULT_ADAPTER_TIMEOUT}), `fetch`.
   * @throws ConfigurationError when `baseUrl` is missing.
   */
  constructor(config: OpenAICompatibleAdapterConfig) {
    if (!config.baseUrl) {
      throw new ConfigurationError({
        message: "openai-compatible: baseUrl is required (e.g. http://localhost:11434/v1; OPENAI_COMPATIBLE_BASE_URL)",
      });
    }
    this.name = config.name ?? OPENAI_COMPATIBLE_NAME;
    this.apiKey = config.apiKey || undefined;
    this.baseUrl = config.baseUrl.replace(/\/+$/, "");
    this.headers = { ...config.defaultHeaders };
    this.timeout = { ...config.timeout };
    this.fetchImpl = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * `POST {baseUrl}/chat/completions`.
   * @throws ProviderError kinds for HTTP errors (and for an `{ error }` body with status 200),
   *   NetworkError, RequestTimeoutError, AbortError, ConfigurationError for unreadable media.
   */
  async complete(request: Request, options: CallOptions = {}): Promise<Response> {
    const { body, warnings } = await buildChatRequest(request, this.name, false);
    const { body: json, headers } = await callJson(this.httpCall(body, options));
    const typed = (json ?? {}) as ChatCompletionOut;
    if (typeof typed === "object" && typed.error !== undefined && typed.error !== null && !typed.choices) {
      throw chatBodyError(this.name, typed, JSON.stringify(json));
    }
    const fields = parseChatCompletion(typed, { provider: this.name, model: request.model });
    const rateLimit = parseRateLimit(headers);
    return createResponse({ ...fields, warnings, ...(rateLimit ? { rateLimit } : {}) });
  }

  /**
   * `POST {baseUrl}/chat/completions` with `stream: true`. Errors before the first event are
   * thrown from the iterator; after it, the stream ends with an `error` event. Breaking out of
   * the loop closes the connection.
   */
  stream(request: Request, options: CallOptions = {}): AsyncIterable<StreamEvent> {
    return guardStream(this.name, () => this.streamEvents(request, options));
  }

  /** auto, none, required and named all map to `tool_choice`. */
  supportsToolChoice(_mode: ToolChoiceMode): boolean {
    return true;
  }

  private async *streamEvents(request: Request, options: CallOptions): AsyncGenerator<StreamEvent> {
    const { body, warnings } = await buildChatRequest(request, this.name, true);
    const call = this.httpCall(body, options);
    const open = await openHttp(call, "stream");
    const rateLimit = parseRateLimit(open.headers);
    const sse = readSse(open, {
      provider: this.name,
      streamReadMs: call.timeout.streamReadMs,
      signal: options.signal,
    });
    const context = { provider: this.name, model: request.model, warnings, ...(rateLimit ? { rateLimit } : {}) };
    yield* translateChatStream(sse, context);
  }

  private httpCall(body: unknown, options: CallOptions): HttpCall {
    return {
      provider: this.name,
      url: `${this.baseUrl}/chat/completions`,
      headers: { ...this.headers, ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) },
      body,
      fetch: this.fetchImpl,
      signal: options.signal,
      timeout: { ...DEFAULT_ADAPTER_TIMEOUT, ...this.timeout, ...options.timeout },
      parseErrorBody: parseChatErrorBody,
    };
  }
}

/**
 * §2.2 `Client.fromEnv()` factory: OPENAI_COMPATIBLE_BASE_URL (required) and
 * OPENAI_COMPATIBLE_API_KEY (optional). Undefined when the base URL is not set.
 */
export const openAICompatibleProviderFactory: ProviderFactory = {
  name: OPENAI_COMPATIBLE_NAME,
  fromEnv(env, options) {
    const baseUrl = env.OPENAI_COMPATIBLE_BASE_URL;
    if (!baseUrl) return undefined;
    return new OpenAICompatibleAdapter({
      baseUrl,
      ...(env.OPENAI_COMPATIBLE_API_KEY ? { apiKey: env.OPENAI_COMPATIBLE_API_KEY } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  },
};
