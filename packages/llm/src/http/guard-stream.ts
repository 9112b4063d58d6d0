/**
 * The error contract shared by streaming adapters (unified-llm-spec §6): an error before the first
 * event is thrown from the iterator; after it, the stream ends with one `error` event.
 * @module
 */
import { StreamError } from "../errors/client-errors.js";
import { LlmError } from "../errors/llm-error.js";
import type { StreamEvent } from "../types/stream-event.js";

/**
 * Yields the events of `events()`. A failure before its first event is rethrown; a later one is
 * yielded as `{ type: "error", error }` (an LlmError as is, anything else as a StreamError named
 * after `provider`) and ends the stream. Breaking out of the loop closes the inner stream.
 */
export async function* guardStream(
  provider: string,
  events: () => AsyncIterable<StreamEvent>,
): AsyncGenerator<StreamEvent> {
  let started = false;
  try {
    for await (const event of events()) {
      started = true;
      yield event;
    }
  } catch (error) {
    if (!started) throw error;
    const failure = LlmError.isInstance(error)
      ? error
      : new StreamError({ message: `${provider}: ${(error as Error).message}`, cause: error });
    yield { type: "error", error: failure };
  }
}
