/**
 * One step's LLM call with retries (unified-llm-spec §6.6): each step is retried on its own, and
 * a stream only until its first event has arrived. Cancellation and timeouts win over retries.
 * @module
 */
import type { Client } from "../client/client.js";
import { ConfigurationError, StreamError } from "../errors/client-errors.js";
import { isRetryable, type RetryPolicy, type RetryRuntime, retry } from "../http/retry.js";
import type { Request } from "../types/request.js";
import type { Response } from "../types/response.js";
import type { StreamEvent } from "../types/stream-event.js";
import type { SignalScope } from "./operation-scope.js";
import type { GenerateOptions } from "./types.js";

type RetryOptions = Pick<GenerateOptions, "maxRetries" | "retryPolicy" | "retryRuntime">;

/**
 * `maxRetries` of a high-level call (default 2, §6.6).
 * @throws ConfigurationError when it is not a non-negative integer.
 */
export function maxRetriesOf(options: RetryOptions): number {
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigurationError({ message: `maxRetries must be a non-negative integer (got ${maxRetries})` });
  }
  return maxRetries;
}

/** The §6.6 policy of a step: `maxRetries` (default 2), never retrying once the step's signal aborted. */
function stepPolicy(options: RetryOptions, step: SignalScope): { policy: Partial<RetryPolicy>; runtime: RetryRuntime } {
  const maxRetries = maxRetriesOf(options);
  const shouldRetry = options.retryPolicy?.shouldRetry ?? isRetryable;
  return {
    policy: { ...options.retryPolicy, maxRetries, shouldRetry: (error) => !step.signal.aborted && shouldRetry(error) },
    runtime: { ...options.retryRuntime, signal: step.signal },
  };
}

/** Rethrows the step's abort reason (AbortError, RequestTimeoutError) in place of whatever the call failed with. */
function stepFailure(error: unknown, step: SignalScope): unknown {
  return step.signal.aborted ? step.signal.reason : error;
}

/**
 * `client.complete(request)` retried per §6.6 (backoff, Retry-After, `maxRetries`).
 * @throws the last error; the step's abort reason when it was cancelled or timed out.
 */
export async function completeStep(
  client: Client,
  request: Request,
  step: SignalScope,
  options: RetryOptions,
): Promise<Response> {
  const { policy, runtime } = stepPolicy(options, step);
  try {
    return await retry(() => step.race(client.complete(request, { signal: step.signal })), policy, runtime);
  } catch (error) {
    throw stepFailure(error, step);
  }
}

/** A stream whose first event has arrived. */
export interface OpenedStream {
  first: StreamEvent;
  iterator: AsyncIterator<StreamEvent>;
}

async function openOnce(client: Client, request: Request, step: SignalScope): Promise<OpenedStream> {
  const iterator = client.stream(request, { signal: step.signal })[Symbol.asyncIterator]();
  let first: IteratorResult<StreamEvent>;
  try {
    first = await step.race(iterator.next());
  } catch (error) {
    void iterator.return?.()?.catch(() => {});
    throw error;
  }
  if (first.done) throw new StreamError({ message: "the stream ended before its first event" });
  if (first.value.type === "error") throw first.value.error;
  return { first: first.value, iterator };
}

/**
 * Opens `client.stream(request)` and waits for its first event, retrying per §6.6 while nothing
 * has been received (a first `error` event counts as a failure to connect). Once it returns,
 * nothing is retried.
 * @throws the last error; the step's abort reason when it was cancelled or timed out.
 */
export async function openStreamStep(
  client: Client,
  request: Request,
  step: SignalScope,
  options: RetryOptions,
): Promise<OpenedStream> {
  const { policy, runtime } = stepPolicy(options, step);
  try {
    return await retry(() => openOnce(client, request, step), policy, runtime);
  } catch (error) {
    throw stepFailure(error, step);
  }
}
