/**
 * One LLM call of the agentic loop (coding-agent-loop-spec §2.5 step 3): `Client.stream()` when the
 * profile streams (text and reasoning deltas become events) or `Client.complete()`, retried with
 * backoff while nothing has been delivered (Appendix B; each retry is an `llm_retry` warning), and
 * cancelled by the session's signal.
 * @module
 */
import {
  AbortError,
  type Client,
  isRetryable,
  type Request,
  type Response,
  type RetryPolicy,
  retry,
  StreamAccumulator,
  StreamError,
  type StreamEvent,
} from "@darkfactory/llm";
import type { SessionEventBody } from "./events.js";

/** What {@link callLlm} needs. */
export interface LlmCallOptions {
  client: Client;
  request: Request;
  /** Use `Client.stream()` (deltas become events) rather than `Client.complete()`. */
  streaming: boolean;
  /** Aborting cancels the call (and the stream) at once. */
  signal: AbortSignal;
  /** Retry policy for retryable errors (the low-level client never retries). */
  retryPolicy: Partial<RetryPolicy>;
  emit: (body: SessionEventBody) => void;
}

interface CallState {
  started: boolean;
  /** A delta reached the host: retrying would repeat output, so errors are final. */
  delivered: boolean;
  partial: StreamAccumulator | undefined;
}

/**
 * Calls the model once (with retries) and emits `assistant_text_start`, the deltas and
 * `assistant_text_end`. When the call fails after `assistant_text_start`, an `assistant_text_end`
 * with `incomplete: true` and the partial text closes the triple before the error is thrown.
 * @throws AbortError when `signal` aborted; otherwise the last LlmError (or other error) of the call.
 */
export async function callLlm(options: LlmCallOptions): Promise<Response> {
  const { emit, request, signal } = options;
  const state: CallState = { started: false, delivered: false, partial: undefined };
  const start = () => {
    if (state.started) return;
    state.started = true;
    emit({ type: "assistant_text_start", model: request.model });
  };
  const policy = options.retryPolicy;
  let response: Response;
  try {
    response = await retry(
      () =>
        options.streaming
          ? streamOnce(options, state, start)
          : raceAbort(options.client.complete(request, { signal }), signal),
      {
        ...policy,
        shouldRetry: (error) => !state.delivered && !signal.aborted && (policy.shouldRetry ?? isRetryable)(error),
        onRetry: (error, attempt, delaySeconds) => {
          const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          const message = `LLM call failed (${what}); retry ${attempt} in ${delaySeconds.toFixed(1)} s`;
          emit({ type: "warning", code: "llm_retry", message });
          policy.onRetry?.(error, attempt, delaySeconds);
        },
      },
      { signal },
    );
  } catch (error) {
    if (state.started) {
      const partial = (state.partial ?? new StreamAccumulator()).response({ finishReason: { reason: "error" } });
      emitEnd(emit, partial, true);
    }
    throw signal.aborted ? abortError(signal) : error;
  }
  start();
  emitEnd(emit, response, false);
  return response;
}

function emitEnd(emit: LlmCallOptions["emit"], response: Response, incomplete: boolean): void {
  emit({
    type: "assistant_text_end",
    text: response.text,
    reasoning: response.reasoning,
    toolCalls: response.toolCalls,
    usage: response.usage,
    responseId: response.id === "" ? undefined : response.id,
    model: response.model,
    finishReason: response.finishReason,
    incomplete,
  });
}

async function streamOnce(options: LlmCallOptions, state: CallState, start: () => void): Promise<Response> {
  const { emit, signal } = options;
  const accumulator = new StreamAccumulator({ model: options.request.model });
  state.partial = accumulator;
  let finished: Response | undefined;
  for await (const event of abortable(options.client.stream(options.request, { signal }), signal)) {
    accumulator.process(event);
    switch (event.type) {
      case "text_start":
      case "reasoning_start":
      case "tool_call_start":
        start();
        break;
      case "text_delta":
        start();
        state.delivered = true;
        emit({ type: "assistant_text_delta", delta: event.delta });
        break;
      case "reasoning_delta":
        start();
        state.delivered = true;
        emit({ type: "assistant_reasoning_delta", delta: event.delta });
        break;
      case "error":
        throw event.error;
      case "finish":
        finished = event.response;
        break;
      default:
        break;
    }
  }
  if (!finished) throw new StreamError({ message: "the stream ended without a finish event" });
  return finished;
}

/** Iterates `source`, ending at once (and closing the source) when `signal` aborts. */
async function* abortable(source: AsyncIterable<StreamEvent>, signal: AbortSignal): AsyncGenerator<StreamEvent> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    while (true) {
      const next = await raceAbort(iterator.next(), signal);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Closing may wait on a stalled read; do not block the abort on it.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/** `promise`, or an AbortError as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
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
}

function abortError(signal: AbortSignal): AbortError {
  return new AbortError({ message: "the session was aborted", cause: signal.reason });
}
