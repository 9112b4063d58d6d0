/**
 * Retry with exponential backoff and jitter (unified-llm-spec §6.6), for Layer 4 and for
 * applications using the low-level client.
 * @module
 */
import { AbortError } from "../errors/client-errors.js";
import { LlmError } from "../errors/llm-error.js";

/** §6.6 retry policy. Delays are in seconds, as in the spec. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 2); 0 disables retrying. */
  maxRetries: number;
  /** First delay in seconds (default 1). */
  baseDelay: number;
  /** Longest delay in seconds (default 60); a longer `Retry-After` is not waited for. */
  maxDelay: number;
  /** Growth factor (default 2). */
  backoffMultiplier: number;
  /** Multiply each delay by uniform(0.5, 1.5) (default true). */
  jitter: boolean;
  /** Called before each retry with the error, the 1-based retry number and the delay in seconds. */
  onRetry?: (error: unknown, attempt: number, delaySeconds: number) => void;
  /** Decides whether an error is retried (default: `error.retryable` for LlmErrors, else true). */
  shouldRetry?: (error: unknown) => boolean;
}

/** §6.6 defaults. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  baseDelay: 1,
  maxDelay: 60,
  backoffMultiplier: 2,
  jitter: true,
});

/** Delay in seconds before retry `n` (0-based), §6.6. `random` returns [0,1). */
export function retryDelay(n: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const delay = Math.min(policy.baseDelay * policy.backoffMultiplier ** n, policy.maxDelay);
  return policy.jitter ? delay * (0.5 + random()) : delay;
}

/** Whether `error` may be retried under the default rule (§6.3: unknown errors are retryable). */
export function isRetryable(error: unknown): boolean {
  if (LlmError.isInstance(error)) return error.retryable;
  return true;
}

/** Hooks for tests: sleep and randomness. */
export interface RetryRuntime {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  signal?: AbortSignal;
}

/**
 * Runs `fn`, retrying retryable failures per `policy`. A `Retry-After` (the error's
 * `retryAfter`, seconds) shorter than `maxDelay` replaces the computed delay; a longer one is
 * not waited for and the error is thrown at once (§6.6).
 * @throws the last error, or AbortError when `signal` aborts during a wait.
 */
export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: Partial<RetryPolicy> = {},
  runtime: RetryRuntime = {},
): Promise<T> {
  const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...policy };
  const sleep = runtime.sleep ?? sleepMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const retryable = p.shouldRetry ? p.shouldRetry(error) : isRetryable(error);
      if (!retryable || attempt >= p.maxRetries) throw error;
      const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
      let delay = retryDelay(attempt, p, runtime.random);
      if (typeof retryAfter === "number") {
        if (retryAfter > p.maxDelay) throw error;
        delay = retryAfter;
      }
      p.onRetry?.(error, attempt + 1, delay);
      await sleep(delay * 1000, runtime.signal);
    }
  }
}

/** Sleeps `ms`, rejecting with AbortError when `signal` aborts. */
export function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ message: "aborted", cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError({ message: "aborted", cause: signal?.reason }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
