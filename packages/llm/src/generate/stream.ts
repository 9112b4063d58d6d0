/**
 * `stream()` (unified-llm-spec §4.4, §5.9): streaming generation with the tool loop. Events of
 * all steps flow into one StreamResult, with `step_finish` between steps; a step is retried only
 * before its first event arrived (§6.6).
 * @module
 */
import type { Client } from "../client/client.js";
import { getDefaultClient } from "../client/default-client.js";
import { validateRequest } from "../client/validate-request.js";
import { StreamError } from "../errors/client-errors.js";
import { LlmError } from "../errors/llm-error.js";
import { StreamAccumulator } from "../stream/stream-accumulator.js";
import type { Response } from "../types/response.js";
import { type OperationScope, operationScope, type SignalScope, timeoutConfig } from "./operation-scope.js";
import { standardizePrompt } from "./standardize-prompt.js";
import { maxRetriesOf, type OpenedStream, openStreamStep } from "./step-call.js";
import { type StreamResult, StreamRun } from "./stream-result.js";
import { ToolLoop } from "./tool-loop.js";
import type { GenerateOptions } from "./types.js";

function toLlmError(error: unknown): LlmError {
  if (LlmError.isInstance(error)) return error;
  return new StreamError({ message: error instanceof Error ? error.message : String(error), cause: error });
}

/**
 * Delivers one step's events from the opened stream. Resolves with the step's Response (from its
 * `finish` event), or undefined when the step ended the stream with an `error` event.
 * @throws the step's abort reason when it was cancelled or timed out.
 */
async function readStep(
  opened: OpenedStream,
  step: SignalScope,
  run: StreamRun,
  accumulator: StreamAccumulator,
): Promise<Response | undefined> {
  const { iterator } = opened;
  let event = opened.first;
  let finished: Response | undefined;
  try {
    for (;;) {
      accumulator.process(event);
      run.emit(event);
      if (event.type === "error") {
        void iterator.return?.()?.catch(() => {});
        run.error(event.error, true);
        return undefined;
      }
      if (event.type === "finish") finished = event.response;
      const next = await step.race(iterator.next());
      if (next.done) break;
      event = next.value;
    }
  } catch (error) {
    void iterator.return?.()?.catch(() => {});
    if (step.signal.aborted) throw step.signal.reason;
    run.error(toLlmError(error));
    return undefined;
  }
  if (!finished) {
    run.error(new StreamError({ message: "the stream ended without a finish event" }));
    return undefined;
  }
  return finished;
}

async function pump(
  run: StreamRun,
  loop: ToolLoop,
  client: Client,
  options: GenerateOptions,
  scope: OperationScope,
): Promise<void> {
  try {
    for (;;) {
      scope.throwIfAborted();
      const request = loop.request();
      const step = scope.step();
      let response: Response | undefined;
      try {
        const accumulator = new StreamAccumulator({ model: request.model, provider: client.resolve(request).name });
        run.beginStep(accumulator);
        let opened: OpenedStream;
        try {
          opened = await openStreamStep(client, request, step, options);
        } catch (error) {
          if (step.signal.aborted) throw error;
          run.error(toLlmError(error));
          return;
        }
        response = await readStep(opened, step, run, accumulator);
      } finally {
        step.dispose();
      }
      if (!response) return;
      const { step: stepResult, more } = await loop.step(response, scope);
      if (!more) {
        run.finish(loop.result());
        return;
      }
      run.emit({ type: "step_finish", step: stepResult });
    }
  } catch (error) {
    run.fail(error);
  }
}

/**
 * Streams a generation. Returns at once; the stream starts right away and runs to its end
 * whether or not it is read (cancel it with `abortSignal`). With active tools the stream pauses
 * while they run, emits `step_finish`, and continues with the next step's events (§5.9).
 * @example
 * const result = stream({ model: "claude-opus-4-6", prompt: "Write a haiku" });
 * for await (const delta of result.textStream) process.stdout.write(delta);
 * const response = await result.response();
 * @throws ConfigurationError at once for bad options (both `prompt` and `messages`, an invalid
 *   tool or schema, no provider). Later failures are reported as described on {@link StreamResult}.
 */
export function stream(options: GenerateOptions): StreamResult {
  const loop = new ToolLoop(options, standardizePrompt(options));
  const timeout = timeoutConfig(options.timeout);
  maxRetriesOf(options);
  const first = loop.request();
  validateRequest(first);
  const client = options.client ?? getDefaultClient();
  client.resolve(first);
  const scope = operationScope({ abortSignal: options.abortSignal, timeout });
  const run = new StreamRun();
  void pump(run, loop, client, options, scope).finally(() => scope.dispose());
  return run;
}
