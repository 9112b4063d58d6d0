/**
 * Server-sent events over an open HTTP response (unified-llm-spec §7.7), parsed with
 * eventsource-parser, with a limit on the silence between two reads.
 * @module
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { AbortError, RequestTimeoutError, StreamError } from "../errors/client-errors.js";
import { LlmError } from "../errors/llm-error.js";
import type { OpenResponse } from "./http-call.js";

/** One SSE message: its `event:` name (if any) and `data:` payload. */
export type SseMessage = EventSourceMessage;

/** Options of {@link readSse}. */
export interface ReadSseOptions {
  provider: string;
  /** Longest wait for the next bytes, in ms (§4.7 stream_read). */
  streamReadMs: number;
  /** The caller's signal, to tell a cancel from a network failure. */
  signal?: AbortSignal;
}

/**
 * Yields SSE messages as they arrive. Breaking out of the loop cancels the HTTP request.
 * @throws AbortError (the caller cancelled), RequestTimeoutError (silence longer than
 *   `streamReadMs`), StreamError (the connection broke mid-stream).
 */
export async function* readSse(open: OpenResponse, options: ReadSseOptions): AsyncGenerator<SseMessage> {
  const reader = open.body.getReader();
  const decoder = new TextDecoder();
  const queue: SseMessage[] = [];
  const parser = createParser({ onEvent: (message) => queue.push(message) });
  let finished = false;
  try {
    for (;;) {
      const chunk = await readWithin(reader, options, open);
      if (chunk.done) {
        parser.feed(decoder.decode());
        // A last event without its blank line is still delivered.
        parser.reset({ consume: true });
        finished = true;
      } else {
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
      while (queue.length > 0) yield queue.shift() as SseMessage;
      if (finished) return;
    }
  } finally {
    open.clearTimer();
    if (!finished) {
      open.cancel(new AbortError({ message: `${options.provider}: stream closed by the consumer` }));
      reader.cancel().catch(() => undefined);
    }
  }
}

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  options: ReadSseOptions,
  open: OpenResponse,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]>>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new RequestTimeoutError({
        message: `${options.provider}: no stream data for ${options.streamReadMs} ms`,
        scope: "stream_read",
      });
      open.cancel(error);
      reject(error);
    }, options.streamReadMs);
  });
  try {
    return await Promise.race([reader.read(), timeout]);
  } catch (error) {
    if (LlmError.isInstance(error)) throw error;
    const reason = open.signal.reason;
    if (LlmError.isInstance(reason)) throw reason;
    if (options.signal?.aborted)
      throw new AbortError({ message: `${options.provider}: stream aborted`, cause: options.signal.reason });
    throw new StreamError({
      message: `${options.provider}: the stream broke: ${(error as Error).message}`,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Parses an SSE data payload as JSON.
 * @throws StreamError naming the provider and quoting the bad data.
 */
export function parseSseJson(provider: string, message: SseMessage): unknown {
  try {
    return JSON.parse(message.data);
  } catch (cause) {
    throw new StreamError({
      message: `${provider}: malformed stream data${message.event ? ` in '${message.event}' event` : ""}: ${message.data.slice(0, 200)}`,
      cause,
    });
  }
}
