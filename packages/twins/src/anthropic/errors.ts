/**
 * Anthropic's error answers: `{"type":"error","error":{"type","message"}}` with the status, the
 * `x-should-retry` header and the wording the API uses, and the rate-limit headers it sends.
 * @module
 */
import type { Fault } from "../kit/faults/types.js";
import type { TwinErrorBodies, WireError } from "../kit/types.js";

/** The `error.type` values Anthropic documents, by status. */
export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "api_error"
  | "timeout_error"
  | "overloaded_error";

/** The body of an Anthropic error. */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: AnthropicErrorType; message: string };
}

/** The error body of `type` saying `message`. */
export function errorBody(type: AnthropicErrorType, message: string): AnthropicErrorBody {
  return { type: "error", error: { type, message } };
}

/**
 * An Anthropic error answer. `x-should-retry` says what the SDKs should do (they obey it before
 * their own status rules): true for 408, 409, 429 and 5xx, false otherwise.
 */
export function anthropicError(
  status: number,
  type: AnthropicErrorType,
  message: string,
  headers: Record<string, string> = {},
): WireError {
  const retry = status === 408 || status === 409 || status === 429 || status >= 500;
  return { status, headers: { "x-should-retry": String(retry), ...headers }, body: errorBody(type, message) };
}

/**
 * An invalid request, thrown by validation and translation and sent as Anthropic's error
 * (400 `invalid_request_error` unless told otherwise).
 */
export class AnthropicRequestError extends Error {
  override name = "AnthropicRequestError";
  readonly status: number;
  readonly type: AnthropicErrorType;
  constructor(options: { message: string; status?: number; type?: AnthropicErrorType }) {
    super(options.message);
    this.status = options.status ?? 400;
    this.type = options.type ?? "invalid_request_error";
  }
  /** The error as Anthropic sends it. */
  toWire(): WireError {
    return anthropicError(this.status, this.type, this.message);
  }
}

/** A 400 `invalid_request_error` saying `message`. */
export function invalidRequest(message: string): AnthropicRequestError {
  return new AnthropicRequestError({ message });
}

/** 401 for a request with neither `x-api-key` nor `Authorization: Bearer`. */
export function missingCredentials(): WireError {
  return anthropicError(401, "authentication_error", "x-api-key header is required");
}

/** 401 for an `x-api-key` the twin does not accept. */
export function invalidApiKey(): WireError {
  return anthropicError(401, "authentication_error", "invalid x-api-key");
}

/** 401 for an `Authorization: Bearer` token the twin does not accept. */
export function invalidBearerToken(): WireError {
  return anthropicError(401, "authentication_error", "Invalid bearer token");
}

/** Requests per minute the twin advertises in `anthropic-ratelimit-*` headers. */
export const RATE_LIMIT_REQUESTS = 4000;
/** Input tokens per minute the twin advertises. */
export const RATE_LIMIT_INPUT_TOKENS = 2_000_000;
/** Output tokens per minute the twin advertises. */
export const RATE_LIMIT_OUTPUT_TOKENS = 400_000;

/**
 * The `anthropic-ratelimit-*` headers Anthropic sends on every response: limits, what remains,
 * and when the bucket is full again (RFC 3339).
 * @param remainingRequests requests left in the current minute.
 * @param resetAt when the buckets are full again.
 */
export function rateLimitHeaders(remainingRequests: number, resetAt: Date): Record<string, string> {
  const reset = resetAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  const exhausted = remainingRequests <= 0;
  const input = exhausted ? 0 : RATE_LIMIT_INPUT_TOKENS;
  const output = exhausted ? 0 : RATE_LIMIT_OUTPUT_TOKENS;
  return {
    "anthropic-ratelimit-requests-limit": String(RATE_LIMIT_REQUESTS),
    "anthropic-ratelimit-requests-remaining": String(Math.max(0, remainingRequests)),
    "anthropic-ratelimit-requests-reset": reset,
    "anthropic-ratelimit-input-tokens-limit": String(RATE_LIMIT_INPUT_TOKENS),
    "anthropic-ratelimit-input-tokens-remaining": String(input),
    "anthropic-ratelimit-input-tokens-reset": reset,
    "anthropic-ratelimit-output-tokens-limit": String(RATE_LIMIT_OUTPUT_TOKENS),
    "anthropic-ratelimit-output-tokens-remaining": String(output),
    "anthropic-ratelimit-output-tokens-reset": reset,
    "anthropic-ratelimit-tokens-limit": String(RATE_LIMIT_INPUT_TOKENS + RATE_LIMIT_OUTPUT_TOKENS),
    "anthropic-ratelimit-tokens-remaining": String(input + output),
    "anthropic-ratelimit-tokens-reset": reset,
  };
}

/** `retry-after` as Anthropic sends it (whole seconds); fractions the twin was told to use are kept. */
function retryAfter(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : String(Number(seconds.toFixed(3)));
}

/**
 * 429 `rate_limit_error` with `retry-after` and exhausted `anthropic-ratelimit-*` headers
 * (resetting `retryAfterSeconds` from now).
 */
export function rateLimited(options: { retryAfterSeconds: number; model?: string }): WireError {
  const seconds = options.retryAfterSeconds;
  return anthropicError(
    429,
    "rate_limit_error",
    `This request would exceed the rate limit for your organization (00000000-0000-4000-8000-000000000000) of ${RATE_LIMIT_REQUESTS} requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.`,
    { "retry-after": retryAfter(seconds), ...rateLimitHeaders(0, new Date(Date.now() + seconds * 1000)) },
  );
}

/** 500 `api_error` (502 and 503 too); 504 `timeout_error`. */
export function serverError(status: 500 | 502 | 503 | 504): WireError {
  if (status === 504) return anthropicError(504, "timeout_error", "Request timeout");
  return anthropicError(status, "api_error", "Internal server error");
}

/** 529 `overloaded_error`. */
export function overloaded(): WireError {
  return anthropicError(529, "overloaded_error", "Overloaded");
}

/** The `event: error` an Anthropic stream carries when the API overloads mid-answer. */
export function overloadedEvent(): { event: string; data: string } {
  return { event: "error", data: JSON.stringify(errorBody("overloaded_error", "Overloaded")) };
}

/** The error bodies of the Anthropic twin (see `TwinErrorBodies`). */
export const anthropicErrors: TwinErrorBodies = {
  notFound: () => anthropicError(404, "not_found_error", "Not Found"),
  unreadableBody: (message, status) => {
    if (status === 413)
      return anthropicError(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
    if (/json/i.test(message)) return anthropicError(400, "invalid_request_error", "Request body is not valid JSON.");
    return anthropicError(400, "invalid_request_error", `Invalid request: ${message}`);
  },
  rateLimited,
  serverError,
  overloaded,
  scriptMismatch: (message) => anthropicError(400, "invalid_request_error", message),
  streamError: (fault: Fault) => (fault.kind === "overloaded" ? overloadedEvent() : undefined),
};
