import { describe, expect, it } from "vitest";
import { ConfigurationError, NetworkError, RequestTimeoutError, StreamError } from "../../src/errors/client-errors.js";
import { errorFromStatus } from "../../src/errors/error-from-status.js";
import type { LlmError } from "../../src/errors/llm-error.js";
import {
  AccessDeniedError,
  AuthenticationError,
  ContentFilterError,
  ContextLengthError,
  InvalidRequestError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from "../../src/errors/provider-error.js";

const from = (statusCode: number | undefined, message = "error", extra: Record<string, unknown> = {}) =>
  errorFromStatus({ message, provider: "p", statusCode, ...extra });

describe("errorFromStatus (§6.4, §6.5)", () => {
  it("§8.8 all errors in the hierarchy are raised for the correct HTTP status codes", () => {
    const table: [number, new (...args: never[]) => LlmError, boolean][] = [
      [400, InvalidRequestError, false],
      [401, AuthenticationError, false],
      [403, AccessDeniedError, false],
      [404, NotFoundError, false],
      [408, RequestTimeoutError, false],
      [413, ContextLengthError, false],
      [422, InvalidRequestError, false],
      [429, RateLimitError, true],
      [500, ServerError, true],
      [502, ServerError, true],
      [503, ServerError, true],
      [504, ServerError, true],
      [529, ServerError, true],
    ];
    for (const [status, kind, retryable] of table) {
      const error = from(status);
      expect(error, String(status)).toBeInstanceOf(kind);
      expect(error.retryable, String(status)).toBe(retryable);
    }
  });

  it("§8.8 retryable is set correctly on each error type", () => {
    expect(new NetworkError({ message: "x" }).retryable).toBe(true);
    expect(new StreamError({ message: "x" }).retryable).toBe(true);
    expect(new ConfigurationError({ message: "x" }).retryable).toBe(false);
    expect(new QuotaExceededError({ message: "x", provider: "p" }).retryable).toBe(false);
    expect(new ContentFilterError({ message: "x", provider: "p" }).retryable).toBe(false);
    expect(from(418).retryable).toBe(true);
    expect(from(418)).toBeInstanceOf(ProviderError);
  });

  it("§6.5 classifies by message when the status alone is not enough", () => {
    expect(from(400, "This model's maximum context length is 128000 tokens")).toBeInstanceOf(ContextLengthError);
    expect(from(400, "blocked by content filter")).toBeInstanceOf(ContentFilterError);
    expect(from(429, "You exceeded your current quota")).toBeInstanceOf(QuotaExceededError);
    expect(from(400, "model gpt-9 does not exist")).toBeInstanceOf(NotFoundError);
    expect(from(undefined, "Invalid API key")).toBeInstanceOf(AuthenticationError);
  });

  it("a bad key answered with 400 is an AuthenticationError (Gemini: INVALID_ARGUMENT, reason API_KEY_INVALID)", () => {
    const gemini = from(400, "API key not valid. Please pass a valid API key.", {
      errorCode: "API_KEY_INVALID",
      grpcStatus: "INVALID_ARGUMENT",
    });
    expect(gemini).toBeInstanceOf(AuthenticationError);
    expect(gemini.retryable).toBe(false);
    expect(from(400, "unsupported parameter: temperature")).toBeInstanceOf(InvalidRequestError);
  });

  it("maps Gemini gRPC statuses", () => {
    expect(errorFromStatus({ message: "x", provider: "gemini", grpcStatus: "RESOURCE_EXHAUSTED" })).toBeInstanceOf(
      RateLimitError,
    );
    expect(errorFromStatus({ message: "x", provider: "gemini", grpcStatus: "UNAVAILABLE" })).toBeInstanceOf(
      ServerError,
    );
    expect(errorFromStatus({ message: "x", provider: "gemini", grpcStatus: "PERMISSION_DENIED" })).toBeInstanceOf(
      AccessDeniedError,
    );
  });

  it("keeps the provider fields", () => {
    const error = from(429, "slow", { retryAfter: 2, errorCode: "rate_limit_error", raw: { a: 1 } }) as RateLimitError;
    expect(error).toMatchObject({
      provider: "p",
      statusCode: 429,
      retryAfter: 2,
      errorCode: "rate_limit_error",
      raw: { a: 1 },
    });
  });
});
