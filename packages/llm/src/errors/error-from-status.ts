/**
 * The one mapping from an HTTP error (status, message, provider code) to the error hierarchy
 * (unified-llm-spec §6.4-6.5), shared by every adapter.
 * @module
 */
import { RequestTimeoutError } from "./client-errors.js";
import type { LlmError } from "./llm-error.js";
import {
  AccessDeniedError,
  AuthenticationError,
  ContentFilterError,
  ContextLengthError,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  type ProviderErrorOptions,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from "./provider-error.js";

/** §6.4 gRPC status names (Gemini) to HTTP-like statuses. */
const GRPC_STATUS: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  DEADLINE_EXCEEDED: 408,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/**
 * Builds the error for an HTTP failure: §6.5 message classification first (context length,
 * content filter, quota; a quota message on a 429 with `retryAfter` stays a RateLimitError),
 * then §6.4 by status (or gRPC status name for Gemini), then `ProviderError` (retryable) for
 * anything unknown.
 */
export function errorFromStatus(options: ProviderErrorOptions & { grpcStatus?: string }): LlmError {
  const status = options.statusCode ?? (options.grpcStatus ? GRPC_STATUS[options.grpcStatus] : undefined);
  const text = `${options.message} ${options.errorCode ?? ""}`.toLowerCase();
  if (
    /context[ _]length|too many tokens|context window|prompt is too long|maximum context/.test(text) ||
    status === 413
  ) {
    return new ContextLengthError(options);
  }
  // A 429 that says when to retry (Gemini's per-minute quotas come with RetryInfo) is a rate
  // limit, not an exhausted quota.
  const retryHinted = status === 429 && options.retryAfter !== undefined;
  if (/insufficient_quota|quota exceeded|exceeded your current quota|billing/.test(text) && !retryHinted)
    return new QuotaExceededError(options);
  if (/content[ _]filter|safety/.test(text) && status !== 429 && (status === undefined || status < 500)) {
    return new ContentFilterError(options);
  }
  // Some providers answer a bad key with 400 (Gemini: INVALID_ARGUMENT, reason API_KEY_INVALID).
  if (
    (status === 400 || status === 401 || status === 403) &&
    /api_key_invalid|api key not valid|invalid api key|invalid x-api-key|incorrect api key/.test(text)
  ) {
    return new AuthenticationError(options);
  }
  switch (status) {
    case 400:
    case 422:
      if (/not found|does not exist/.test(text)) return new NotFoundError(options);
      return new InvalidRequestError(options);
    case 401:
      return new AuthenticationError(options);
    case 403:
      return new AccessDeniedError(options);
    case 404:
      return new NotFoundError(options);
    case 408:
      return new RequestTimeoutError({ message: options.message, cause: options.cause, scope: "provider" });
    case 429:
      return new RateLimitError(options);
  }
  if (status !== undefined && status >= 500) return new ServerError(options);
  if (/unauthorized|invalid (api )?key/.test(text)) return new AuthenticationError(options);
  if (/not found|does not exist/.test(text)) return new NotFoundError(options);
  return new ProviderError(options, true);
}
