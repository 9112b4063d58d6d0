/**
 * The result of `stream()` (unified-llm-spec §4.4 StreamResult): an async iterable of events
 * spanning all steps, plus `response()`, `result()`, `textStream` and `partialResponse`.
 * @module
 */
import type { LlmError } from "../errors/llm-error.js";
import type { StreamAccumulator } from "../stream/stream-accumulator.js";
import type { Response } from "../types/response.js";
import type { StreamEvent } from "../types/stream-event.js";
import { ReplayBuffer } from "./replay-buffer.js";
import type { GenerateResult } from "./types.js";

/**
 * §4.4 a running stream. Every iteration starts from the first event, so the result can be
 * iterated more than once and by several consumers; the stream runs whether or not it is read.
 *
 * Events: each step's provider events (`stream_start` ... `finish`), with a `step_finish` event
 * between steps (after the tools ran, before the next call). A failure ends the events with one
 * `error` event (iteration then ends normally) and rejects `response()`/`result()`. Cancellation
 * and timeouts instead make iteration throw AbortError/RequestTimeoutError.
 */
export interface StreamResult extends AsyncIterable<StreamEvent> {
  /** The final step's Response, once the stream ended. Rejects with the error that ended it. */
  response(): Promise<Response>;
  /** Every step and the total usage, as `generate()` returns them. Rejects like `response()`. */
  result(): Promise<GenerateResult>;
  /** Only the text deltas, across all steps. */
  readonly textStream: AsyncIterable<string>;
  /** The current step's Response as accumulated so far; undefined before the first step began. */
  readonly partialResponse: Response | undefined;
}

/** The {@link StreamResult} that `stream()` fills: producer methods plus the consumer view. */
export class StreamRun implements StreamResult {
  private readonly events = new ReplayBuffer<StreamEvent>();
  private accumulator: StreamAccumulator | undefined;
  private readonly settled: Promise<GenerateResult>;
  private resolveResult!: (result: GenerateResult) => void;
  private rejectResult!: (error: unknown) => void;

  constructor() {
    this.settled = new Promise<GenerateResult>((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
    // Callers may never ask for the result; its rejection is theirs only if they do.
    this.settled.catch(() => {});
  }

  /** Starts a step whose events `accumulator` collects (for `partialResponse`). */
  beginStep(accumulator: StreamAccumulator): void {
    this.accumulator = accumulator;
  }

  /** Delivers an event to every consumer. */
  emit(event: StreamEvent): void {
    this.events.push(event);
  }

  /** Ends the stream successfully. */
  finish(result: GenerateResult): void {
    this.resolveResult(result);
    this.events.close();
  }

  /** Ends the stream with an `error` event (unless `alreadyEmitted`) and rejects the result. */
  error(error: LlmError, alreadyEmitted = false): void {
    if (!alreadyEmitted) this.emit({ type: "error", error });
    this.rejectResult(error);
    this.events.close();
  }

  /** Ends the stream by throwing `error` from iteration (cancellation, timeouts). */
  fail(error: unknown): void {
    this.rejectResult(error);
    this.events.fail(error);
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    return this.events[Symbol.asyncIterator]();
  }

  response(): Promise<Response> {
    return this.settled.then((result) => result.response);
  }

  result(): Promise<GenerateResult> {
    return this.settled;
  }

  get textStream(): AsyncIterable<string> {
    const events = this.events;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of events) if (event.type === "text_delta") yield event.delta;
      },
    };
  }

  get partialResponse(): Response | undefined {
    return this.accumulator?.response();
  }
}
