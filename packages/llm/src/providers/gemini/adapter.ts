/**
 * The Gemini adapter (unified-llm-spec §2.7, §7): the native Gemini API,
 * `POST {baseUrl}/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`.
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
import { apiRoot, envValue } from "../config.js";
import type { ProviderFactory } from "../registry.js";
import { geminiStreamError, parseGeminiErrorBody } from "./errors.js";
import { buildGeminiRequest } from "./request.js";
import { parseGeminiResponse } from "./response.js";
import { translateGeminiStream } from "./stream.js";
import type { GeminiResponse } from "./wire-types.js";

/** The public Gemini API root. */
export const GEMINI_DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

/** Configuration of {@link GeminiAdapter}: an API key (AI Studio), and optionally another API root. */
export type GeminiAdapterConfig = AdapterConfig;

/**
 * `providerOptions.gemini` (§2.8, §3.6; not portable). Wire names, as Gemini spells them.
 * `generationConfig`, `thinkingConfig` and `toolConfig` are merged over what the adapter
 * builds; `tools` are appended after the function declarations; any other key is copied to the
 * request body unchanged.
 */
export interface GeminiProviderOptions {
  /** e.g. `[{ category: "HARM_CATEGORY_HATE_SPEECH", threshold: "BLOCK_ONLY_HIGH" }]`. */
  safetySettings?: Array<{ category?: string; threshold?: string; method?: string }>;
  /** A context cache, `cachedContents/{id}`. */
  cachedContent?: string;
  /** `generationConfig` fields (topK, seed, candidateCount, responseModalities, ...). */
  generationConfig?: Record<string, unknown>;
  /** e.g. `{ thinkingBudget: 0 }`, `{ thinkingLevel: "LOW", includeThoughts: false }`. */
  thinkingConfig?: { thinkingBudget?: number; thinkingLevel?: string; includeThoughts?: boolean };
  /** Built-in tools, e.g. `[{ googleSearch: {} }, { codeExecution: {} }, { urlContext: {} }]`. */
  tools?: Array<Record<string, unknown>>;
  /** e.g. `{ functionCallingConfig: { streamFunctionCallArguments: true } }` (Vertex). */
  toolConfig?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * §2.4 adapter for Gemini's native API. The key goes in the `x-goog-api-key` header (as the
 * official SDK sends it). Request translation: `buildGeminiRequest`; responses:
 * `parseGeminiResponse`; streams: `translateGeminiStream`. All tool choice modes are supported.
 * Never retries.
 */
export class GeminiAdapter implements ProviderAdapter {
  readonly name = "gemini";
  private readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeout: Partial<AdapterTimeout>;
  private readonly fetchImpl: typeof fetch;

  /**
   * @param config `apiKey` (required), `baseUrl` (default {@link GEMINI_DEFAULT_BASE_URL}),
   *   `defaultHeaders`, `timeout` (ms, over {@link DEFAULT_ADAPTER_TIMEOUT}), `fetch`.
   * @throws ConfigurationError when the API key is empty.
   */
  constructor(config: GeminiAdapterConfig) {
    if (!config.apiKey) {
      throw new ConfigurationError({ message: "gemini: an API key is required (GEMINI_API_KEY or GOOGLE_API_KEY)" });
    }
    this.apiKey = config.apiKey;
    this.baseUrl = apiRoot(config.baseUrl ?? GEMINI_DEFAULT_BASE_URL, "/v1beta", "gemini");
    this.headers = { ...config.defaultHeaders };
    this.timeout = { ...config.timeout };
    this.fetchImpl = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * `POST …/models/{model}:generateContent`.
   * @throws ProviderError kinds for HTTP errors (gRPC status and RetryInfo read from the body),
   *   NetworkError, RequestTimeoutError, AbortError, ConfigurationError for requests that cannot
   *   be translated.
   */
  async complete(request: Request, options: CallOptions = {}): Promise<Response> {
    const { body, warnings } = await buildGeminiRequest(request);
    const { body: json, headers } = await callJson(this.httpCall(request.model, "generateContent", body, options));
    if (typeof json === "object" && json !== null && "error" in json && (json as GeminiResponse).error) {
      throw geminiStreamError(this.name, json as GeminiResponse, JSON.stringify(json));
    }
    const fields = parseGeminiResponse((json ?? {}) as GeminiResponse, { provider: this.name, model: request.model });
    const rateLimit = parseRateLimit(headers);
    return createResponse({ ...fields, warnings, ...(rateLimit ? { rateLimit } : {}) });
  }

  /**
   * `POST …/models/{model}:streamGenerateContent?alt=sse`. Errors before the first event are
   * thrown from the iterator; after it, the stream ends with an `error` event. A stream that
   * closes before a finishReason ends with a StreamError. Breaking out of the loop closes the
   * connection.
   */
  stream(request: Request, options: CallOptions = {}): AsyncIterable<StreamEvent> {
    return guardStream(this.name, () => this.streamEvents(request, options));
  }

  /** Gemini supports auto, none, required (ANY) and named (ANY + allowedFunctionNames). */
  supportsToolChoice(_mode: ToolChoiceMode): boolean {
    return true;
  }

  private async *streamEvents(request: Request, options: CallOptions): AsyncGenerator<StreamEvent> {
    const { body, warnings } = await buildGeminiRequest(request);
    const call = this.httpCall(request.model, "streamGenerateContent?alt=sse", body, options);
    const open = await openHttp(call, "stream");
    const rateLimit = parseRateLimit(open.headers);
    const sse = readSse(open, {
      provider: this.name,
      streamReadMs: call.timeout.streamReadMs,
      signal: options.signal,
    });
    const context = { provider: this.name, model: request.model, warnings, ...(rateLimit ? { rateLimit } : {}) };
    yield* translateGeminiStream(sse, context);
  }

  private httpCall(model: string, method: string, body: unknown, options: CallOptions): HttpCall {
    const path = model.includes("/")
      ? model.split("/").map(encodeURIComponent).join("/")
      : `models/${encodeURIComponent(model)}`;
    return {
      provider: this.name,
      url: `${this.baseUrl}/${path}:${method}`,
      headers: { ...this.headers, "x-goog-api-key": this.apiKey },
      body,
      fetch: this.fetchImpl,
      signal: options.signal,
      timeout: { ...DEFAULT_ADAPTER_TIMEOUT, ...this.timeout, ...options.timeout },
      parseErrorBody: parseGeminiErrorBody,
    };
  }
}

/**
 * §2.2 `Client.fromEnv()` factory: GEMINI_API_KEY, else GOOGLE_API_KEY; GEMINI_BASE_URL
 * overrides the API root. Undefined when neither key is set.
 */
export const geminiProviderFactory: ProviderFactory = {
  name: "gemini",
  fromEnv(env, options) {
    const apiKey = envValue(env, "GEMINI_API_KEY") ?? envValue(env, "GOOGLE_API_KEY");
    if (!apiKey) return undefined;
    const baseUrl = envValue(env, "GEMINI_BASE_URL");
    return new GeminiAdapter({
      apiKey,
      ...(baseUrl ? { baseUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  },
};
