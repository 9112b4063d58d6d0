/**
 * The OpenAI adapter (unified-llm-spec §2.4, §7.1) over the Responses API, `POST {baseUrl}/responses`.
 * It only wires HTTP to the pure translators in this folder.
 * @module
 */
import { ConfigurationError } from "../../errors/client-errors.js";
import { callJson, type HttpCall, openHttp } from "../../http/http-call.js";
import { parseRateLimit } from "../../http/rate-limit.js";
import { readSse } from "../../http/sse.js";
import type { AdapterConfig, ProviderAdapter } from "../../types/adapter.js";
import { type CallOptions, DEFAULT_ADAPTER_TIMEOUT, type Request } from "../../types/request.js";
import type { Response } from "../../types/response.js";
import type { StreamEvent } from "../../types/stream-event.js";
import type { ToolChoiceMode } from "../../types/tool.js";
import { envValue } from "../config.js";
import type { ProviderFactory } from "../registry.js";
import { parseErrorBody } from "./errors.js";
import { buildHeaders, buildRequestBody, responsesUrl } from "./request.js";
import { parseResponse } from "./response.js";
import { translateStream } from "./stream.js";

/** Configuration of {@link OpenAIAdapter}. */
export interface OpenAIAdapterConfig extends AdapterConfig {
  /** Sent as the `OpenAI-Organization` header (env OPENAI_ORG_ID). */
  organization?: string;
  /** Sent as the `OpenAI-Project` header (env OPENAI_PROJECT_ID). */
  project?: string;
}

/**
 * §2.4 adapter for OpenAI's Responses API (§2.7: the native API, not Chat Completions).
 *
 * `baseUrl` defaults to `https://api.openai.com/v1`; a bare origin such as
 * `http://localhost:8080` gets `/v1` appended, a URL with a path is used as given (see
 * {@link responsesUrl}). Auth is `Authorization: Bearer <apiKey>`, plus `OpenAI-Organization` and
 * `OpenAI-Project` when set; `defaultHeaders` are added last. `providerOptions.openai` is merged
 * into the body (see `mergeProviderOptions`). Never retries.
 *
 * Reasoning items come back as `provider` parts and are replayed verbatim. With `store: false`
 * (stateless turns), ask for `include: ["reasoning.encrypted_content"]` in `providerOptions.openai`
 * so that the replayed items carry what the API needs to resume.
 */
export class OpenAIAdapter implements ProviderAdapter {
  readonly name = "openai";
  private readonly url: string;

  /** @throws ConfigurationError when `apiKey` is empty or `baseUrl` is not an absolute URL. */
  constructor(private readonly config: OpenAIAdapterConfig) {
    if (!config.apiKey) throw new ConfigurationError({ message: "openai: apiKey is required (env OPENAI_API_KEY)" });
    this.url = responsesUrl(config.baseUrl);
  }

  /**
   * §4.1 `POST /responses` and translate the body (§7.5), with rate-limit info from the headers.
   * @throws ProviderError kinds for non-2xx statuses (message, code, requestId, Retry-After and raw
   *   body from the response), ConfigurationError for untranslatable input, NetworkError,
   *   RequestTimeoutError (`requestMs`), AbortError.
   */
  async complete(request: Request, options: CallOptions = {}): Promise<Response> {
    const built = await buildRequestBody(request, false);
    const { body, headers } = await callJson(this.httpCall(built.body, false, options));
    return parseResponse(body, {
      provider: this.name,
      declaredTools: built.declaredTools,
      warnings: built.warnings,
      rateLimit: parseRateLimit(headers),
    });
  }

  /**
   * §4.2 `POST /responses` with `stream: true`, translated by `translateStream` (§7.7). Errors
   * before the first event are thrown from the iterator (HTTP errors as for `complete`); after it,
   * the stream ends with an `error` event. `connectMs` bounds the wait for headers and
   * `streamReadMs` each silence. Breaking out of the loop closes the connection.
   */
  async *stream(request: Request, options: CallOptions = {}): AsyncGenerator<StreamEvent> {
    const built = await buildRequestBody(request, true);
    const call = this.httpCall(built.body, true, options);
    const open = await openHttp(call, "stream");
    const messages = readSse(open, {
      provider: this.name,
      streamReadMs: call.timeout.streamReadMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    yield* translateStream(messages, {
      provider: this.name,
      declaredTools: built.declaredTools,
      warnings: built.warnings,
      rateLimit: parseRateLimit(open.headers),
    });
  }

  /** §5.3: the Responses API supports every mode. */
  supportsToolChoice(_mode: ToolChoiceMode): boolean {
    return true;
  }

  private httpCall(body: unknown, stream: boolean, options: CallOptions): HttpCall {
    const { config } = this;
    return {
      provider: this.name,
      url: this.url,
      headers: buildHeaders({
        apiKey: config.apiKey,
        organization: config.organization,
        project: config.project,
        defaultHeaders: config.defaultHeaders,
        stream,
      }),
      body,
      fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      ...(options.signal ? { signal: options.signal } : {}),
      timeout: { ...DEFAULT_ADAPTER_TIMEOUT, ...config.timeout, ...options.timeout },
      parseErrorBody,
    };
  }
}

/**
 * §2.2 builds an {@link OpenAIAdapter} from OPENAI_API_KEY (required), OPENAI_BASE_URL,
 * OPENAI_ORG_ID and OPENAI_PROJECT_ID; empty values count as unset.
 */
export const openaiProviderFactory: ProviderFactory = {
  name: "openai",
  fromEnv(env, options) {
    const apiKey = envValue(env, "OPENAI_API_KEY");
    if (!apiKey) return undefined;
    const baseUrl = envValue(env, "OPENAI_BASE_URL");
    const organization = envValue(env, "OPENAI_ORG_ID");
    const project = envValue(env, "OPENAI_PROJECT_ID");
    return new OpenAIAdapter({
      apiKey,
      ...(baseUrl ? { baseUrl } : {}),
      ...(organization ? { organization } : {}),
      ...(project ? { project } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  },
};
