/**
 * HTTP plumbing shared by every adapter (unified-llm-spec §2.1 Layer 2, §4.7, §7.6): a POST
 * with the adapter's timeouts and the caller's abort signal, and the translation of failures to
 * the error hierarchy. Adapters never call fetch themselves.
 * @module
 */
import { AbortError, NetworkError, RequestTimeoutError } from "../errors/client-errors.js";
import { errorFromStatus } from "../errors/error-from-status.js";
import { LlmError } from "../errors/llm-error.js";
import type { AdapterTimeout } from "../types/request.js";
import { parseRetryAfter } from "./retry-after.js";

/** What a provider's error body says. */
export interface ErrorBodyInfo {
  message?: string;
  /** Provider error code or type. */
  code?: string;
  /** gRPC status name (Gemini). */
  grpcStatus?: string;
  /** Seconds to wait, when the body says (Gemini RetryInfo). */
  retryAfter?: number;
}

/** One HTTP call to a provider. */
export interface HttpCall {
  provider: string;
  url: string;
  /** `GET` for listings; default `POST`. */
  method?: "GET" | "POST";
  headers: Record<string, string>;
  /** JSON body (POST). */
  body?: unknown;
  fetch: typeof fetch;
  signal?: AbortSignal;
  timeout: AdapterTimeout;
  /** Reads the provider's error body. */
  parseErrorBody(body: unknown): ErrorBodyInfo;
}

/** An open HTTP response whose body has not been read yet. */
export interface OpenResponse {
  status: number;
  headers: Headers;
  body: ReadableStream<Uint8Array>;
  /** Aborts when the call is cancelled or times out; pass it to stream readers. */
  signal: AbortSignal;
  /** Cancels the underlying request (for abandoned streams). */
  cancel(reason?: unknown): void;
  /** Stops the connect/request timer (streams keep their own read timer). */
  clearTimer(): void;
}

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-goog-request-id", "x-amzn-requestid", "cf-ray"];

/** The provider's request id from response headers, if any. */
export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const v = headers.get(name);
    if (v) return v;
  }
  return undefined;
}

/**
 * Sends the request and waits for response headers (within `timeout.connectMs`; for
 * `complete`, the whole call is bounded by `timeout.requestMs`).
 * @throws ProviderError kinds for non-2xx statuses, AbortError when `signal` aborts,
 *   RequestTimeoutError when a timer expires, NetworkError when fetch fails.
 */
export async function openHttp(call: HttpCall, mode: "complete" | "stream"): Promise<OpenResponse> {
  const controller = new AbortController();
  let timedOut: RequestTimeoutError | undefined;
  const onAbort = () => controller.abort(call.signal?.reason);
  if (call.signal?.aborted)
    throw new AbortError({ message: "request aborted before it was sent", cause: call.signal.reason });
  call.signal?.addEventListener("abort", onAbort, { once: true });
  const limitMs = mode === "complete" ? call.timeout.requestMs : call.timeout.connectMs;
  const scope = mode === "complete" ? "request" : "connect";
  const timer = setTimeout(() => {
    timedOut = new RequestTimeoutError({
      message: `${call.provider}: no ${scope === "request" ? "response" : "response headers"} within ${limitMs} ms`,
      scope,
    });
    controller.abort(timedOut);
  }, limitMs);
  const clearTimer = () => clearTimeout(timer);
  const cleanup = () => {
    clearTimer();
    call.signal?.removeEventListener("abort", onAbort);
  };
  let response: globalThis.Response;
  try {
    response = await call.fetch(call.url, {
      method: call.method ?? "POST",
      headers: call.method === "GET" ? call.headers : { "content-type": "application/json", ...call.headers },
      body: call.method === "GET" ? undefined : JSON.stringify(call.body),
      signal: controller.signal,
    });
  } catch (error) {
    cleanup();
    throw failure(call, error, timedOut);
  }
  if (!response.ok) {
    let text = "";
    try {
      text = await response.text();
    } catch (error) {
      cleanup();
      throw failure(call, error, timedOut);
    }
    cleanup();
    throw httpError(call, response, text);
  }
  if (mode === "stream") clearTimer();
  return {
    status: response.status,
    headers: response.headers,
    body: response.body ?? new ReadableStream({ start: (c) => c.close() }),
    signal: controller.signal,
    cancel: (reason) => controller.abort(reason),
    clearTimer: cleanup,
  };
}

/**
 * A whole JSON call: sends, reads and parses the body within `timeout.requestMs`.
 * @returns the parsed body and the response headers.
 */
export async function callJson(call: HttpCall): Promise<{ body: unknown; headers: Headers }> {
  const open = await openHttp(call, "complete");
  try {
    const text = await new globalThis.Response(open.body).text();
    try {
      return { body: JSON.parse(text), headers: open.headers };
    } catch (cause) {
      throw new NetworkError({ message: `${call.provider}: response is not JSON: ${text.slice(0, 200)}`, cause });
    }
  } catch (error) {
    throw LlmError.isInstance(error) ? error : failure(call, error, undefined, open.signal);
  } finally {
    open.clearTimer();
  }
}

/** Translates a non-2xx response (§7.6). */
export function httpError(
  call: Pick<HttpCall, "provider" | "parseErrorBody">,
  response: globalThis.Response,
  text: string,
): LlmError {
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text is the message.
  }
  const info = typeof body === "object" && body !== null ? call.parseErrorBody(body) : {};
  const message = info.message || text.trim() || response.statusText || `HTTP ${response.status}`;
  return errorFromStatus({
    message: `${call.provider} (HTTP ${response.status}): ${message}`,
    provider: call.provider,
    statusCode: response.status,
    errorCode: info.code,
    grpcStatus: info.grpcStatus,
    retryAfter: parseRetryAfter(response.headers) ?? info.retryAfter,
    requestId: requestIdOf(response.headers),
    raw: body,
  });
}

/** Why fetch (or reading a body) failed: the caller's abort, our timer, or the network. */
export function failure(
  call: Pick<HttpCall, "provider" | "signal"> & { url?: string },
  error: unknown,
  timedOut: RequestTimeoutError | undefined,
  signal?: AbortSignal,
): LlmError {
  if (LlmError.isInstance(error)) return error;
  if (timedOut) return timedOut;
  const reason = signal?.reason;
  if (LlmError.isInstance(reason)) return reason;
  if (call.signal?.aborted)
    return new AbortError({ message: `${call.provider}: request aborted`, cause: call.signal.reason });
  const detail = networkDetail(error);
  const where = call.url ? ` (${safeUrl(call.url)})` : "";
  return new NetworkError({ message: `${call.provider}: network error: ${detail}${where}`, cause: error });
}

/** The most specific reason in an error's cause chain: a system error code (`ECONNREFUSED`) when there is one. */
function networkDetail(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const { code, errors } = current as { code?: unknown; errors?: unknown };
    if (typeof code === "string" && code !== "UND_ERR_SOCKET") return code;
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = (current as { cause?: unknown }).cause;
  }
  return (error as Error).message;
}

/** The URL without its query string (where a Gemini key may travel). */
function safeUrl(url: string): string {
  const at = url.indexOf("?");
  return at === -1 ? url : url.slice(0, at);
}
