/**
 * The base of every error this package throws (unified-llm-spec §6.1 SDKError).
 * @module
 */

const MARKER = Symbol.for("darkfactory.llm.error");

/** Options every error takes. */
export interface LlmErrorOptions {
  message: string;
  cause?: unknown;
  /** Whether retrying the same call may succeed (§6.3). */
  retryable?: boolean;
}

/**
 * §6.1 SDKError. `retryable` says whether the same call may succeed when retried (§6.3);
 * `isInstance` works across duplicate copies of the package.
 */
export class LlmError extends Error {
  readonly [MARKER] = true;
  override name = "LlmError";
  readonly retryable: boolean;
  constructor(options: LlmErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? true;
  }
  /** True when `value` is an LlmError from any copy of this package. */
  static isInstance(value: unknown): value is LlmError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/** The spec's name for {@link LlmError}. */
export { LlmError as SDKError };
