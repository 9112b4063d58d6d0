/**
 * Errors reported by an LLM provider (unified-llm-spec §6.1-6.2), one class per kind.
 * @module
 */
import { LlmError } from "./llm-error.js";

/** Options of {@link ProviderError} and its subclasses. */
export interface ProviderErrorOptions {
  message: string;
  provider: string;
  statusCode?: number;
  /** The provider's own error code or type, e.g. `rate_limit_error`. */
  errorCode?: string;
  /** Seconds to wait before retrying (from `Retry-After` or the body). */
  retryAfter?: number;
  /** The provider's request id (`x-request-id`, `request-id`, ...), for support tickets. */
  requestId?: string;
  /** The error body as the provider sent it. */
  raw?: unknown;
  retryable?: boolean;
  cause?: unknown;
}

/** §6.2 an error returned by the provider. */
export class ProviderError extends LlmError {
  override name = "ProviderError";
  readonly provider: string;
  readonly statusCode: number | undefined;
  readonly errorCode: string | undefined;
  /** Seconds to wait before retrying, when the provider said. */
  readonly retryAfter: number | undefined;
  readonly requestId: string | undefined;
  readonly raw: unknown;
  constructor(options: ProviderErrorOptions, defaultRetryable = true) {
    super({ message: options.message, cause: options.cause, retryable: options.retryable ?? defaultRetryable });
    this.provider = options.provider;
    this.statusCode = options.statusCode;
    this.errorCode = options.errorCode;
    this.retryAfter = options.retryAfter;
    this.requestId = options.requestId;
    this.raw = options.raw;
  }
}

/** 401: invalid or missing API key. Not retryable. */
export class AuthenticationError extends ProviderError {
  override name = "AuthenticationError";
  constructor(options: ProviderErrorOptions) {
    super(options, false);
  }
}

/** 403: insufficient permissions. Not retryable. */
export class AccessDeniedError extends ProviderError {
  override name = "AccessDeniedError";
  constructor(options: ProviderErrorOptions) {
    super(options, false);
  }
}

/** 404: model or endpoint not found. Not retryable. */
export class NotFoundError extends ProviderError {
  override name = "NotFoundError";
  constructor(options: ProviderErrorOptions) {
    super(options, false);
  }
}

/** 400/422: malformed request or invalid parameters. Not retryable. */
export class InvalidRequestError extends ProviderError {
  override name = "InvalidRequestError";
  constructor(options: ProviderErrorOptions) {
    super(options, false);
  }
}

/** 429: rate limited. Retryable; `retryAfter` says how long to wait. */
export class RateLimitError extends ProviderError {
  override name = "RateLimitError";
  constructor(options: ProviderErrorOptions) {
    super(options, true);
  }
}

/** 5xx (and Anthropic's 529 overloaded): the provider failed. Retryable. */
export class ServerError extends ProviderError {
  override name = "ServerError";
  constructor(options: ProviderErrorOptions) {
    super(options, true);
  }
}

/** The response was blocked by a safety filter. Not retryable. */
export class ContentFilterError extends ProviderError {
  override name = "ContentFilterError";
  constructor(options: ProviderErrorOptions) {
    super(options, false);
  }
}

/** 413, or a message saying the context window is exceeded. Not retryable. */
export class ContextLengthError extends ProviderError {
  override name = "ContextLengthError";
  constructor(options: ProviderErrorOptions) {
    super(options, false);
  }
}

/** Billing or usage quota exhausted. Not retryable. */
export class QuotaExceededError extends ProviderError {
  override name = "QuotaExceededError";
  constructor(options: ProviderErrorOptions) {
    super(options, false);
  }
}
