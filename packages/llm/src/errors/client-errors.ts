/**
 * Errors raised by the library itself rather than by a provider (unified-llm-spec §6.1).
 * @module
 */
import { LlmError, type LlmErrorOptions } from "./llm-error.js";

/** A request or stream timed out (connect, whole request, or silence between stream events). Not retryable by default (§6.3). */
export class RequestTimeoutError extends LlmError {
  override name = "RequestTimeoutError";
  /** Which limit expired. */
  readonly scope: "connect" | "request" | "stream_read" | "total" | "per_step" | "provider";
  constructor(options: Omit<LlmErrorOptions, "retryable"> & { scope: RequestTimeoutError["scope"] }) {
    super({ ...options, retryable: false });
    this.scope = options.scope;
  }
}

/** The call was cancelled through its abort signal. Not retryable. */
export class AbortError extends LlmError {
  override name = "AbortError";
  constructor(options: Omit<LlmErrorOptions, "retryable">) {
    super({ ...options, retryable: false });
  }
}

/** The network failed (connection refused or reset, DNS). Retryable. */
export class NetworkError extends LlmError {
  override name = "NetworkError";
  constructor(options: Omit<LlmErrorOptions, "retryable">) {
    super({ ...options, retryable: true });
  }
}

/** A stream broke: it ended early, or carried data that is not what the provider sends. Retryable. */
export class StreamError extends LlmError {
  override name = "StreamError";
  constructor(options: Omit<LlmErrorOptions, "retryable">) {
    super({ ...options, retryable: true });
  }
}

/** Tool call arguments failed to parse or to validate against the tool's schema. Not retryable. */
export class InvalidToolCallError extends LlmError {
  override name = "InvalidToolCallError";
  readonly toolName: string;
  constructor(options: Omit<LlmErrorOptions, "retryable"> & { toolName: string }) {
    super({ ...options, retryable: false });
    this.toolName = options.toolName;
  }
}

/** The provider does not support the requested tool choice mode. Not retryable. */
export class UnsupportedToolChoiceError extends LlmError {
  override name = "UnsupportedToolChoiceError";
  constructor(options: Omit<LlmErrorOptions, "retryable">) {
    super({ ...options, retryable: false });
  }
}

/** Structured output could not be parsed or failed schema validation. Not retryable. */
export class NoObjectGeneratedError extends LlmError {
  override name = "NoObjectGeneratedError";
  /** The text the model produced. */
  readonly text: string;
  constructor(options: Omit<LlmErrorOptions, "retryable"> & { text: string }) {
    super({ ...options, retryable: false });
    this.text = options.text;
  }
}

/** The library is misconfigured: no provider, a bad option, invalid input. Not retryable. */
export class ConfigurationError extends LlmError {
  override name = "ConfigurationError";
  constructor(options: Omit<LlmErrorOptions, "retryable">) {
    super({ ...options, retryable: false });
  }
}
