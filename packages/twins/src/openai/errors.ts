/**
 * OpenAI's error answers: `{"error":{"message","type","param","code"}}` with the status, headers
 * and wording the API uses.
 * @module
 */
import type { TwinErrorBodies, WireError } from "../kit/types.js";

/** The fields of an OpenAI error body. */
export interface OpenAIErrorFields {
  message: string;
  /** `invalid_request_error`, `server_error`, `requests` (rate limits), ... */
  type: string;
  /** The offending parameter (`temperature`, `input[0].content`), or null. */
  param: string | null;
  /** A machine-readable code (`invalid_api_key`, `missing_required_parameter`), or null. */
  code: string | null;
}

/** An OpenAI error answer. */
export function openaiError(status: number, fields: OpenAIErrorFields, headers?: Record<string, string>): WireError {
  return { status, ...(headers ? { headers } : {}), body: { error: fields } };
}

/**
 * An invalid request, thrown by validation and translation and sent as OpenAI's error
 * (400 `invalid_request_error` unless told otherwise).
 */
export class OpenAIRequestError extends Error {
  override name = "OpenAIRequestError";
  readonly param: string | null;
  readonly code: string | null;
  readonly status: number;
  readonly type: string;
  constructor(options: {
    message: string;
    param?: string | null;
    code?: string | null;
    status?: number;
    type?: string;
  }) {
    super(options.message);
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.status = options.status ?? 400;
    this.type = options.type ?? "invalid_request_error";
  }
  /** The error as OpenAI sends it. */
  toWire(): WireError {
    return openaiError(this.status, { message: this.message, type: this.type, param: this.param, code: this.code });
  }
}

/** 401 for a request without `Authorization: Bearer <key>`. */
export function missingApiKey(): WireError {
  return openaiError(401, {
    message:
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    type: "invalid_request_error",
    param: null,
    code: null,
  });
}

/** 401 for a key the twin does not accept; the key is shown masked, as OpenAI does. */
export function incorrectApiKey(key: string): WireError {
  const masked =
    key.length > 8
      ? `${key.slice(0, 3)}${"*".repeat(Math.min(key.length - 7, 40))}${key.slice(-4)}`
      : "*".repeat(key.length);
  return openaiError(401, {
    message: `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: "invalid_request_error",
    param: null,
    code: "invalid_api_key",
  });
}

/** Requests per minute the twin advertises in `x-ratelimit-*` headers. */
export const RATE_LIMIT_REQUESTS = 10_000;
/** Tokens per minute the twin advertises in `x-ratelimit-*` headers. */
export const RATE_LIMIT_TOKENS = 30_000_000;

/** `1s`, `120ms`, `6m0s`: OpenAI's duration format in rate-limit headers and messages. */
export function formatResetDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  return `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`;
}

/** The `x-ratelimit-*` headers OpenAI sends on every model response. */
export function rateLimitHeaders(remainingRequests: number, resetSeconds: number): Record<string, string> {
  return {
    "x-ratelimit-limit-requests": String(RATE_LIMIT_REQUESTS),
    "x-ratelimit-limit-tokens": String(RATE_LIMIT_TOKENS),
    "x-ratelimit-remaining-requests": String(Math.max(0, remainingRequests)),
    "x-ratelimit-remaining-tokens": String(remainingRequests > 0 ? RATE_LIMIT_TOKENS - 1000 : 0),
    "x-ratelimit-reset-requests": formatResetDuration(resetSeconds),
    "x-ratelimit-reset-tokens": formatResetDuration(remainingRequests > 0 ? 0.002 : resetSeconds),
  };
}

/**
 * 429 `rate_limit_exceeded` with `retry-after` (whole seconds), `retry-after-ms` (which the
 * `openai` SDK prefers) and exhausted rate-limit headers.
 */
export function rateLimited(options: { retryAfterSeconds: number; model?: string }): WireError {
  const seconds = options.retryAfterSeconds;
  return openaiError(
    429,
    {
      message: `Rate limit reached for ${options.model ?? "requests"} in organization org-twin on requests per min (RPM): Limit ${RATE_LIMIT_REQUESTS}, Used ${RATE_LIMIT_REQUESTS}, Requested 1. Please try again in ${formatResetDuration(seconds)}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      type: "requests",
      param: null,
      code: "rate_limit_exceeded",
    },
    {
      "retry-after": String(Math.ceil(seconds)),
      "retry-after-ms": String(Math.round(seconds * 1000)),
      ...rateLimitHeaders(0, seconds),
    },
  );
}

/** 500/502/503/504 `server_error`. */
export function serverError(status: 500 | 502 | 503 | 504): WireError {
  const message =
    status === 503
      ? "The server is overloaded or not ready yet."
      : status === 500
        ? "The server had an error while processing your request. Sorry about that!"
        : "Bad gateway.";
  return openaiError(status, { message, type: "server_error", param: null, code: null });
}

/** The error bodies of the OpenAI twin (see `TwinErrorBodies`). OpenAI has no 529: overloaded is its 503. */
export const openaiErrors: TwinErrorBodies = {
  notFound: (method, path) =>
    openaiError(404, {
      message: `Invalid URL (${method} ${path})`,
      type: "invalid_request_error",
      param: null,
      code: null,
    }),
  unreadableBody: (message, status) =>
    status === 413
      ? openaiError(413, { message: "Request too large.", type: "invalid_request_error", param: null, code: null })
      : openaiError(400, {
          message: /json/i.test(message)
            ? "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)"
            : `Invalid request: ${message}`,
          type: "invalid_request_error",
          param: null,
          code: null,
        }),
  rateLimited,
  serverError,
  overloaded: () => serverError(503),
  scriptMismatch: (message) =>
    openaiError(400, { message, type: "invalid_request_error", param: null, code: "twin_script_mismatch" }),
};
