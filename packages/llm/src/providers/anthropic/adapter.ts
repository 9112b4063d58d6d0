/**
 * The Anthropic adapter (unified-llm-spec §2.4, §2.7, §7): wires request translation, the shared
 * HTTP/SSE plumbing, and response/stream translation for `POST {baseUrl}/messages`.
 * @module
 */
import { ConfigurationError } from "../../errors/client-errors.js";
import { callJson, type HttpCall, openHttp, requestIdOf } from "../../http/http-call.js";
import { parseRateLimit } from "../../http/rate-limit.js";
import { readSse } from "../../http/sse.js";
import type { AdapterConfig, ProviderAdapter } from "../../types/adapter.js";
import { type AdapterTimeout, type CallOptions, DEFAULT_ADAPTER_TIMEOUT, type Request } from "../../types/request.js";
import type { Response } from "../../types/response.js";
import type { StreamEvent } from "../../types/stream-event.js";
import type { ToolChoiceMode } from "../../types/tool.js";
import { PROVIDER, parseErrorBody } from "./errors.js";
import { type BuiltRequest, buildRequest } from "./request.js";
import { parseResponse } from "./response.js";
import { translateStream } from "./stream.js";

/** The API root used when no `baseUrl` is given. */
export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com/v1";

/** The `anthropic-version` header the adapter sends (the current Messages API version). */
export const ANTHROPIC_VERSION = "2023-06-01";

/** Configuration of {@link AnthropicAdapter}. */
export interface AnthropicAdapterConfig extends AdapterConfig {
  /**
   * Inject `cache_control` breakpoints automatically (see cache.ts); default true. A request's
   * `providerOptions.anthropic.autoCache` (or `auto_cache`) overrides it.
   */
  autoCache?: boolean;
}

/**
 * The Messages endpoint for a base URL. Both forms are accepted: an API root ending in a version
 * segment (`https://api.anthropic.com/v1`, this library's convention) gets `/messages`; a root
 * without one (`https://api.anthropic.com`, the official SDK's `ANTHROPIC_BASE_URL` convention,
 * also used by proxies) gets `/v1/messages`. Trailing slashes are ignored.
 */
export function messagesUrl(baseUrl: string = ANTHROPIC_DEFAULT_BASE_URL): string {
  const base = baseUrl.replace(/\/+$/, "");
  return /\/v\d+$/.test(base) ? `${base}/messages` : `${base}/v1/messages`;
}

/**
 * §2.4 adapter for Anthropic's Messages API (§2.7). Authenticates with `x-api-key`, sends
 * `anthropic-version: 2023-06-01` and an `anthropic-beta` header joining the request's betas
 * (`providerOptions.anthropic.betaHeaders`), any `anthropic-beta` in `defaultHeaders`, and
 * `prompt-caching-2024-07-31` whenever the body carries `cache_control`; other `defaultHeaders`
 * are sent as given (they may override `anthropic-version`, never `x-api-key`). Translation rules are
 * documented on `buildRequest`, `parseResponse` and `translateStream`. Never retries; safe for
 * concurrent use.
 */
export class AnthropicAdapter implements ProviderAdapter {
  readonly name = PROVIDER;
  private readonly config: AnthropicAdapterConfig;
  private readonly url: string;

  /**
   * @param config `apiKey` is required; `baseUrl` defaults to {@link ANTHROPIC_DEFAULT_BASE_URL}.
   * @throws ConfigurationError when `apiKey` is empty.
   */
  constructor(config: AnthropicAdapterConfig) {
    if (!config.apiKey)
      throw new ConfigurationError({ message: "anthropic: apiKey is required (env ANTHROPIC_API_KEY)" });
    this.config = { ...config };
    this.url = messagesUrl(config.baseUrl);
  }

  /**
   * Sends the request and resolves with the whole response.
   * @throws ConfigurationError for content Anthropic cannot take (audio, unsupported media);
   *   ProviderError kinds for HTTP errors (429 RateLimitError with `retryAfter`, 529
   *   overloaded → ServerError, ...), with `requestId` from the `request-id` header and the body
   *   in `raw`; NetworkError; RequestTimeoutError (`timeout.requestMs`); AbortError.
   */
  async complete(request: Request, options: CallOptions = {}): Promise<Response> {
    const built = await this.build(request, false);
    const { body, headers } = await callJson(this.call(built, options));
    return parseResponse(body, {
      warnings: built.warnings,
      rateLimit: parseRateLimit(headers),
      requestId: requestIdOf(headers),
    });
  }

  /**
   * Streams the response. Request-translation and HTTP errors (as for {@link complete}) are
   * thrown from the first iteration; once `stream_start` was delivered, a failure ends the
   * stream with one `error` event (StreamError, RequestTimeoutError after
   * `timeout.streamReadMs` of silence, AbortError, or the ProviderError of an `error` event).
   * Breaking out of the loop closes the connection.
   */
  async *stream(request: Request, options: CallOptions = {}): AsyncGenerator<StreamEvent> {
    const built = await this.build(request, true);
    const call = this.call(built, options);
    const open = await openHttp(call, "stream");
    const events = readSse(open, {
      provider: PROVIDER,
      streamReadMs: call.timeout.streamReadMs,
      signal: options.signal,
    });
    yield* translateStream(events, {
      warnings: built.warnings,
      rateLimit: parseRateLimit(open.headers),
      requestId: requestIdOf(open.headers),
    });
  }

  /** Every mode is supported: `none` omits the tools (§5.3). */
  supportsToolChoice(mode: ToolChoiceMode): boolean {
    return mode === "auto" || mode === "none" || mode === "required" || mode === "named";
  }

  private build(request: Request, stream: boolean): Promise<BuiltRequest> {
    return buildRequest(request, { stream, autoCache: this.config.autoCache ?? true });
  }

  private call(built: BuiltRequest, options: CallOptions): HttpCall {
    const timeout: AdapterTimeout = { ...DEFAULT_ADAPTER_TIMEOUT, ...this.config.timeout, ...options.timeout };
    return {
      provider: PROVIDER,
      url: this.url,
      headers: this.headers(built.betas),
      body: built.body,
      fetch: this.config.fetch ?? globalThis.fetch,
      signal: options.signal,
      timeout,
      parseErrorBody,
    };
  }

  private headers(betas: string[]): Record<string, string> {
    const headers: Record<string, string> = { "anthropic-version": ANTHROPIC_VERSION };
    const all: string[] = [];
    for (const [name, value] of Object.entries(this.config.defaultHeaders ?? {})) {
      if (name.toLowerCase() === "anthropic-beta") all.push(...value.split(","));
      else headers[name.toLowerCase()] = value;
    }
    all.push(...betas);
    const unique = [...new Set(all.map((b) => b.trim()).filter((b) => b !== ""))];
    if (unique.length > 0) headers["anthropic-beta"] = unique.join(",");
    headers["x-api-key"] = this.config.apiKey;
    return headers;
  }
}

/**
 * §2.2 an adapter from the environment: `ANTHROPIC_API_KEY` (required) and `ANTHROPIC_BASE_URL`
 * (optional; with or without `/v1`, see {@link messagesUrl}).
 * @returns undefined when `ANTHROPIC_API_KEY` is not set.
 */
export function anthropicFromEnv(
  env: Record<string, string | undefined>,
  options: { fetch?: typeof fetch } = {},
): AnthropicAdapter | undefined {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return undefined;
  const baseUrl = env.ANTHROPIC_BASE_URL?.trim();
  return new AnthropicAdapter({
    apiKey,
    ...(baseUrl ? { baseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
