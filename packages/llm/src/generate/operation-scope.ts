/**
 * Cancellation and timeouts of a high-level call (unified-llm-spec §4.7): the caller's abort
 * signal and the total timeout cover the whole operation, the per-step timeout each LLM call.
 * Every abort carries a typed reason (AbortError or RequestTimeoutError), which is what callers see.
 * @module
 */
import { AbortError, ConfigurationError, RequestTimeoutError } from "../errors/client-errors.js";
import type { TimeoutConfig } from "./types.js";

/** A signal with helpers, for the operation or for one step. */
export interface SignalScope {
  /** Aborts with an AbortError or RequestTimeoutError as its reason. */
  readonly signal: AbortSignal;
  /** Settles like `promise`, or rejects with the abort reason as soon as the signal aborts. */
  race<T>(promise: Promise<T>): Promise<T>;
  /** @throws the abort reason when aborted. */
  throwIfAborted(): void;
  /** Clears the timer and detaches from the parent signal. */
  dispose(): void;
}

/** §4.7 normalizes `timeout`: a number is the total timeout in ms. */
export function timeoutConfig(timeout: number | TimeoutConfig | undefined): TimeoutConfig {
  const config = typeof timeout === "number" ? { totalMs: timeout } : (timeout ?? {});
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined && !(typeof value === "number" && value >= 0 && Number.isFinite(value))) {
      throw new ConfigurationError({ message: `timeout.${key} must be a non-negative number of milliseconds` });
    }
  }
  return config;
}

/** A scope that aborts with its parent's reason, or with `onTimeout()` after `timeoutMs`. */
function linkedScope(
  parent: AbortSignal | undefined,
  timeoutMs: number | undefined,
  onTimeout: () => unknown,
): SignalScope {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  const timer =
    timeoutMs !== undefined && !controller.signal.aborted
      ? setTimeout(() => controller.abort(onTimeout()), timeoutMs)
      : undefined;
  const signal = controller.signal;
  return {
    signal,
    race<T>(promise: Promise<T>): Promise<T> {
      if (signal.aborted) {
        promise.catch(() => {});
        return Promise.reject(signal.reason);
      }
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        promise.then(
          (value) => {
            signal.removeEventListener("abort", onAbort);
            resolve(value);
          },
          (error: unknown) => {
            signal.removeEventListener("abort", onAbort);
            reject(error);
          },
        );
      });
    },
    throwIfAborted(): void {
      if (signal.aborted) throw signal.reason;
    },
    dispose(): void {
      if (timer !== undefined) clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
}

/** The scope of a whole high-level operation. */
export interface OperationScope extends SignalScope {
  /** A child scope for one step, with the per-step timeout (if configured). Dispose it after the step. */
  step(): SignalScope;
}

/**
 * Creates the scope of an operation: aborts with AbortError when `abortSignal` aborts, with
 * RequestTimeoutError (scope `total`) after `totalMs`; each `step()` also aborts with
 * RequestTimeoutError (scope `per_step`) after `perStepMs`.
 */
export function operationScope(options: { abortSignal?: AbortSignal; timeout?: TimeoutConfig }): OperationScope {
  const { totalMs, perStepMs } = options.timeout ?? {};
  const user = options.abortSignal;
  const userAbort = new AbortController();
  const onUserAbort = () =>
    userAbort.abort(new AbortError({ message: "the operation was aborted", cause: user?.reason }));
  if (user?.aborted) onUserAbort();
  else user?.addEventListener("abort", onUserAbort, { once: true });
  const scope = linkedScope(
    userAbort.signal,
    totalMs,
    () =>
      new RequestTimeoutError({ message: `the operation exceeded its total timeout of ${totalMs} ms`, scope: "total" }),
  );
  return {
    ...scope,
    dispose(): void {
      scope.dispose();
      user?.removeEventListener("abort", onUserAbort);
    },
    step(): SignalScope {
      return linkedScope(
        scope.signal,
        perStepMs,
        () =>
          new RequestTimeoutError({
            message: `an LLM call exceeded its per-step timeout of ${perStepMs} ms`,
            scope: "per_step",
          }),
      );
    },
  };
}
