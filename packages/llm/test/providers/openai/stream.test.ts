// The OpenAI adapter's stream over real HTTP (a local server): failures before and after the
// first event, provider error events, timeouts, cancellation and closing the connection
// (unified-llm-spec §4.7, §7.7).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { AbortError, RequestTimeoutError, StreamError } from "../../../src/errors/client-errors.js";
import {
  ContextLengthError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
} from "../../../src/errors/provider-error.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import {
  completed,
  created,
  delta,
  errorOf,
  lastEvent,
  messageItem,
  request,
  sse,
  useOpenAIServer,
} from "./openai-test-kit.js";
import { checkStreamInvariants, collect } from "./stream-checks.js";

const kit = useOpenAIServer();

describe("OpenAIAdapter: stream failures", () => {
  it("ends with a StreamError event when the connection is cut mid-stream", async () => {
    kit.reply = () => ({ chunks: [created, delta("Hel")], cut: true, delayMs: 30 });
    const events = await collect(kit.client().stream(request));
    checkStreamInvariants(events);
    expect(events.map((e) => e.type)).toEqual(["stream_start", "text_start", "text_delta", "error"]);
    expect(errorOf(lastEvent(events))).toBeInstanceOf(StreamError);
  });

  it("ends with a StreamError event when the stream ends without a terminal event", async () => {
    kit.reply = () => ({ chunks: [created, delta("Hel")] });
    const events = await collect(kit.client().stream(request));
    expect(errorOf(lastEvent(events))?.message).toMatch(/ended before response.completed/);
  });

  it("throws StreamError for an empty stream, and for malformed data before any event", async () => {
    kit.reply = () => ({ chunks: [] });
    await expect(collect(kit.client().stream(request))).rejects.toBeInstanceOf(StreamError);
    kit.reply = () => ({ chunks: ["data: {not json\n\n"] });
    await expect(collect(kit.client().stream(request))).rejects.toThrow(/malformed stream data/);
  });

  it("ends with a StreamError event for malformed data after events", async () => {
    kit.reply = () => ({ chunks: [created, "event: response.output_text.delta\ndata: {oops\n\n", completed()] });
    const events = await collect(kit.client().stream(request));
    checkStreamInvariants(events);
    const error = errorOf(lastEvent(events));
    expect(error).toBeInstanceOf(StreamError);
    expect(error?.message).toContain("malformed stream data in 'response.output_text.delta' event: {oops");
  });

  it("maps response.failed to an error event with the mapped LlmError", async () => {
    kit.reply = () => ({
      chunks: [
        created,
        sse({
          type: "response.failed",
          response: { id: "resp_1", status: "failed", error: { code: "rate_limit_exceeded", message: "Too fast" } },
        }),
      ],
    });
    const events = await collect(kit.client().stream(request));
    checkStreamInvariants(events);
    const error = errorOf(lastEvent(events)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.statusCode).toBeUndefined();
    expect(error.errorCode).toBe("rate_limit_exceeded");
    expect(error.message).toContain("Too fast");
    kit.reply = () => ({
      chunks: [
        created,
        sse({ type: "response.failed", response: { status: "failed", error: { code: "server_error", message: "x" } } }),
      ],
    });
    expect(errorOf(lastEvent(await collect(kit.client().stream(request))))).toBeInstanceOf(ServerError);
  });

  it("maps error events, flat or nested; one before any event is thrown", async () => {
    kit.reply = () => ({
      chunks: [
        created,
        sse({
          type: "error",
          code: "context_length_exceeded",
          message: "Your input exceeds the context window",
          param: "input",
        }),
      ],
    });
    const events = await collect(kit.client().stream(request));
    expect(errorOf(lastEvent(events))).toBeInstanceOf(ContextLengthError);
    kit.reply = () => ({
      chunks: [
        sse({ type: "error", error: { type: "invalid_request_error", code: "invalid_prompt", message: "Bad prompt" } }),
      ],
    });
    const thrown = await collect(kit.client().stream(request)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(InvalidRequestError);
    expect((thrown as InvalidRequestError).errorCode).toBe("invalid_prompt");
  });

  it("finishes with length for response.incomplete", async () => {
    kit.reply = () => ({
      chunks: [
        created,
        delta("Hel"),
        sse({
          type: "response.incomplete",
          response: { id: "resp_1", status: "incomplete", incomplete_details: { reason: "max_output_tokens" } },
        }),
      ],
    });
    const response = checkStreamInvariants(await collect(kit.client().stream(request)));
    expect(response?.finishReason).toEqual({ reason: "length", raw: "max_output_tokens" });
    expect(response?.text).toBe("Hel");
  });

  it("stops reading at the terminal event and skips [DONE]", async () => {
    kit.reply = () => ({ chunks: [created, delta("Hi"), "data: [DONE]\n\n", completed(), "data: {garbage\n\n"] });
    const events = await collect(kit.client().stream(request));
    expect(checkStreamInvariants(events)?.text).toBe("Hi");
  });

  it("emits text from an output_item.done without deltas, and from response.completed alone", async () => {
    kit.reply = () => ({
      chunks: [
        created,
        sse({ type: "response.output_item.done", output_index: 0, item: messageItem("Whole") }),
        completed(),
      ],
    });
    expect(checkStreamInvariants(await collect(kit.client().stream(request)))?.text).toBe("Whole");
    kit.reply = () => ({ chunks: [created, completed({ output: [messageItem("Only at the end")] })] });
    expect(checkStreamInvariants(await collect(kit.client().stream(request)))?.text).toBe("Only at the end");
  });
});

describe("OpenAIAdapter: timeouts and cancellation", () => {
  it("fails with RequestTimeoutError when the stream is silent longer than streamReadMs", async () => {
    kit.reply = () => ({ chunks: [created, delta("Hi"), completed()], delayMs: 1500 });
    const events = await collect(kit.client({ timeout: { streamReadMs: 200 } }).stream(request));
    const error = errorOf(lastEvent(events)) as RequestTimeoutError;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error.scope).toBe("stream_read");
    expect(events[0]?.type).toBe("stream_start");
  });

  it("throws RequestTimeoutError when the silence comes before the first event (per-call override)", async () => {
    kit.reply = () => ({ chunks: [": keep-alive\n\n", created], delayMs: 1500 });
    const error = await collect(kit.adapter().stream(request, { timeout: { streamReadMs: 200 } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RequestTimeoutError);
  });

  it("bounds the wait for headers (connectMs) and for a whole complete() (requestMs)", async () => {
    kit.reply = () => ({ hang: true });
    const streamError = await collect(kit.client({ timeout: { connectMs: 150 } }).stream(request)).catch(
      (e: unknown) => e,
    );
    expect((streamError as RequestTimeoutError).scope).toBe("connect");
    const completeError = await kit
      .client({ timeout: { requestMs: 150 } })
      .complete(request)
      .catch((e: unknown) => e);
    expect((completeError as RequestTimeoutError).scope).toBe("request");
  });

  it("rejects complete() with AbortError when the signal aborts", async () => {
    kit.reply = () => ({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(kit.client().complete(request, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    await expect(kit.client().complete(request, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  });

  it("throws AbortError from stream() before any event, and ends with an AbortError event after", async () => {
    kit.reply = () => ({ hang: true });
    const early = new AbortController();
    setTimeout(() => early.abort(), 50);
    await expect(collect(kit.client().stream(request, { signal: early.signal }))).rejects.toBeInstanceOf(AbortError);

    kit.reply = () => ({ chunks: [created, delta("Hi"), completed()], delayMs: 2000 });
    const late = new AbortController();
    const events: StreamEvent[] = [];
    for await (const event of kit.client().stream(request, { signal: late.signal })) {
      events.push(event);
      if (event.type === "stream_start") late.abort();
    }
    expect(events.map((e) => e.type)).toEqual(["stream_start", "error"]);
    expect(errorOf(lastEvent(events))).toBeInstanceOf(AbortError);
  });

  it("closes the connection when the consumer breaks out of the loop", async () => {
    let closed: () => void = () => {};
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const raw = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(created);
      res.on("close", () => closed());
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const { port } = raw.address() as AddressInfo;
    try {
      for await (const event of kit.client({ baseUrl: `http://127.0.0.1:${port}` }).stream(request)) {
        expect(event.type).toBe("stream_start");
        break;
      }
      await expect(
        Promise.race([connectionClosed.then(() => "closed"), new Promise((r) => setTimeout(() => r("open"), 2000))]),
      ).resolves.toBe("closed");
    } finally {
      raw.closeAllConnections();
      await new Promise((resolve) => raw.close(resolve));
    }
  });
});
