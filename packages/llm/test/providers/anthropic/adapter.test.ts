// The Anthropic adapter over real HTTP (a local server): headers, base URLs, the environment
// factory, HTTP and in-stream errors, timeouts, cancellation and connection handling.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Client } from "../../../src/client/client.js";
import { AbortError, RequestTimeoutError, StreamError } from "../../../src/errors/client-errors.js";
import { LlmError } from "../../../src/errors/llm-error.js";
import { ProviderError } from "../../../src/errors/provider-error.js";
import {
  ANTHROPIC_DEFAULT_BASE_URL,
  AnthropicAdapter,
  anthropicFromEnv,
  anthropicProviderFactory,
  messagesUrl,
} from "../../../src/providers/anthropic/index.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import { type ProviderServer, type Reply, startProviderServer } from "../../helpers/provider-server.js";
import { checkStreamInvariants } from "./stream-checks.js";

const request: Request = { model: "claude-test", messages: [Message.user("Hello")] };

const MESSAGE = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-test",
  content: [{ type: "text", text: "Hi there" }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 5, output_tokens: 3, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
};

function sse(...events: Record<string, unknown>[]): string[] {
  return events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`);
}

const START = {
  type: "message_start",
  message: { ...MESSAGE, content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } },
};
const TEXT = [
  { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi " } },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "there" } },
  { type: "content_block_stop", index: 0 },
];
const END = [
  { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 3 } },
  { type: "message_stop" },
];

async function collect(iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

describe("AnthropicAdapter", () => {
  let server: ProviderServer;
  let reply: Reply;
  let adapter: AnthropicAdapter;

  beforeAll(async () => {
    server = await startProviderServer(() => reply);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    reply = { body: MESSAGE };
    server.requests.length = 0;
    adapter = new AnthropicAdapter({ apiKey: "sk-ant-test", baseUrl: server.url });
  });

  describe("requests", () => {
    it("POSTs to /v1/messages with x-api-key, anthropic-version and the betas joined with commas", async () => {
      const custom = new AnthropicAdapter({
        apiKey: "sk-ant-test",
        baseUrl: server.url,
        defaultHeaders: { "X-Custom": "yes", "anthropic-beta": "files-api-2025-04-14" },
      });
      const response = await custom.complete({
        ...request,
        providerOptions: { anthropic: { betaHeaders: ["interleaved-thinking-2025-05-14"] } },
      });
      expect(response.text).toBe("Hi there");
      const [sent] = server.requests;
      expect(sent.method).toBe("POST");
      expect(sent.url).toBe("/v1/messages");
      expect(sent.headers["x-api-key"]).toBe("sk-ant-test");
      expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
      expect(sent.headers["content-type"]).toBe("application/json");
      expect(sent.headers["x-custom"]).toBe("yes");
      expect(sent.headers["anthropic-beta"]).toBe(
        "files-api-2025-04-14,interleaved-thinking-2025-05-14,prompt-caching-2024-07-31",
      );
      expect(sent.headers.authorization).toBeUndefined();
      expect(sent.body).toMatchObject({ model: "claude-test", max_tokens: 4096 });
    });

    it("sends no anthropic-beta header when nothing needs one", async () => {
      const plain = new AnthropicAdapter({ apiKey: "k", baseUrl: server.url, autoCache: false });
      await plain.complete(request);
      expect(server.requests[0].headers["anthropic-beta"]).toBeUndefined();
      expect(JSON.stringify(server.requests[0].body)).not.toContain("cache_control");
    });

    it("accepts base URLs with and without /v1 (the official SDK's ANTHROPIC_BASE_URL has none)", async () => {
      expect(messagesUrl()).toBe("https://api.anthropic.com/v1/messages");
      expect(ANTHROPIC_DEFAULT_BASE_URL).toBe("https://api.anthropic.com/v1");
      expect(messagesUrl("https://api.anthropic.com")).toBe("https://api.anthropic.com/v1/messages");
      expect(messagesUrl("https://api.anthropic.com/")).toBe("https://api.anthropic.com/v1/messages");
      expect(messagesUrl("https://gw.example.com/anthropic/v1/")).toBe("https://gw.example.com/anthropic/v1/messages");
      for (const [baseUrl, path] of [
        [`${server.url}/v1`, "/v1/messages"],
        [`${server.url}/v1/`, "/v1/messages"],
        [`${server.url}/proxy`, "/proxy/v1/messages"],
      ]) {
        server.requests.length = 0;
        await new AnthropicAdapter({ apiKey: "k", baseUrl }).complete(request);
        expect(server.requests[0].url).toBe(path);
      }
    });

    it("builds from the environment (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL) and registers as 'anthropic'", async () => {
      expect(anthropicFromEnv({})).toBeUndefined();
      expect(anthropicFromEnv({ ANTHROPIC_API_KEY: "  " })).toBeUndefined();
      expect(anthropicProviderFactory.name).toBe("anthropic");
      const fromEnv = anthropicFromEnv({ ANTHROPIC_API_KEY: "sk-env", ANTHROPIC_BASE_URL: server.url });
      await fromEnv?.complete(request);
      expect(server.requests[0].headers["x-api-key"]).toBe("sk-env");

      const client = Client.fromEnv({ ANTHROPIC_API_KEY: "sk-env2", ANTHROPIC_BASE_URL: `${server.url}/v1` });
      expect(client.providerNames()).toContain("anthropic");
      const response = await client.complete({ ...request, provider: "anthropic" });
      expect(response.provider).toBe("anthropic");
      expect(server.requests[1].headers["x-api-key"]).toBe("sk-env2");
    });

    it("supports every tool choice mode", () => {
      for (const mode of ["auto", "none", "required", "named"] as const)
        expect(adapter.supportsToolChoice(mode)).toBe(true);
    });
  });

  describe("responses", () => {
    it("returns rate-limit info from anthropic-ratelimit-* headers and request warnings", async () => {
      reply = {
        body: MESSAGE,
        headers: {
          "anthropic-ratelimit-requests-limit": "50",
          "anthropic-ratelimit-requests-remaining": "49",
          "anthropic-ratelimit-tokens-remaining": "1000",
          "anthropic-ratelimit-requests-reset": "2030-01-01T00:00:00Z",
        },
      };
      const response = await adapter.complete({ ...request, responseFormat: { type: "json" } });
      expect(response.rateLimit).toEqual({
        requestsLimit: 50,
        requestsRemaining: 49,
        tokensRemaining: 1000,
        resetAt: new Date("2030-01-01T00:00:00Z"),
      });
      expect(response.warnings).toEqual([expect.objectContaining({ code: "response_format_emulated" })]);
      expect(response.usage).toMatchObject({ inputTokens: 5, outputTokens: 3, totalTokens: 8 });
    });

    it("throws the matching error for an error body sent with 200, and ProviderError for a foreign body", async () => {
      reply = { body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } };
      const overloaded = await adapter.complete(request).catch((e: unknown) => e);
      expect(overloaded).toMatchObject({ name: "ServerError", retryable: true, errorCode: "overloaded_error" });
      reply = { body: { hello: "world" } };
      const foreign = await adapter.complete(request).catch((e: unknown) => e);
      expect(foreign).toBeInstanceOf(ProviderError);
    });
  });

  describe("HTTP errors", () => {
    const cases = [
      [400, "invalid_request_error", "InvalidRequestError", false],
      [401, "authentication_error", "AuthenticationError", false],
      [403, "permission_error", "AccessDeniedError", false],
      [404, "not_found_error", "NotFoundError", false],
      [413, "request_too_large", "ContextLengthError", false],
      [429, "rate_limit_error", "RateLimitError", true],
      [500, "api_error", "ServerError", true],
      [529, "overloaded_error", "ServerError", true],
    ] as const;

    for (const [status, type, name, retryable] of cases) {
      it(`${status} ${type} → ${name} (complete and stream)`, async () => {
        const body = { type: "error", error: { type, message: `the ${type}` }, request_id: "req_body" };
        reply = {
          status,
          body,
          headers: { "request-id": "req_123", ...(status === 429 ? { "retry-after": "7" } : {}) },
        };
        for (const run of [() => adapter.complete(request), () => collect(adapter.stream(request))]) {
          const error = await run().catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ProviderError);
          expect(error).toMatchObject({
            name,
            retryable,
            provider: "anthropic",
            statusCode: status,
            errorCode: type,
            requestId: "req_123",
            raw: body,
          });
          expect((error as Error).message).toContain(`the ${type}`);
          expect((error as ProviderError).retryAfter).toBe(status === 429 ? 7 : undefined);
        }
      });
    }

    it("uses the response text when the error body is not JSON", async () => {
      reply = { status: 502, body: "Bad gateway" };
      const error = await adapter.complete(request).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "ServerError", statusCode: 502, raw: "Bad gateway" });
    });
  });

  describe("streaming", () => {
    it("streams text through start/delta/end to one finish", async () => {
      reply = { chunks: sse(START, { type: "ping" }, ...TEXT, ...END) };
      const events = await collect(adapter.stream(request));
      const last = checkStreamInvariants(events);
      expect(events.map((e) => e.type)).toEqual([
        "stream_start",
        "text_start",
        "text_delta",
        "text_delta",
        "text_end",
        "finish",
      ]);
      if (last.type !== "finish") throw new Error("no finish");
      expect(last.response.text).toBe("Hi there");
      expect(last.response.id).toBe("msg_1");
      expect(last.usage).toMatchObject({ inputTokens: 5, outputTokens: 3 });
      expect(server.requests[0].body).toMatchObject({ stream: true });
    });

    it("turns in-stream error events into error events with the matching class", async () => {
      for (const [type, name] of [
        ["overloaded_error", "ServerError"],
        ["rate_limit_error", "RateLimitError"],
        ["api_error", "ServerError"],
        ["invalid_request_error", "InvalidRequestError"],
      ] as const) {
        reply = {
          headers: { "request-id": "req_s" },
          chunks: sse(START, ...TEXT.slice(0, 2), { type: "error", error: { type, message: "bad" } }),
        };
        const events = await collect(adapter.stream(request));
        const last = events[events.length - 1];
        expect(last.type).toBe("error");
        if (last.type === "error") expect(last.error).toMatchObject({ name, errorCode: type, requestId: "req_s" });
      }
    });

    it("throws an error event that arrives before message_start (nothing was delivered)", async () => {
      reply = { chunks: sse({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }) };
      await expect(collect(adapter.stream(request))).rejects.toMatchObject({ name: "ServerError", retryable: true });
    });

    it("ends with a StreamError event when the connection is cut mid-stream", async () => {
      reply = { chunks: sse(START, ...TEXT.slice(0, 2)), delayMs: 10, cut: true };
      const events = await collect(adapter.stream(request));
      const last = checkStreamInvariants(events.filter((e) => !e.type.startsWith("text_")));
      expect(last.type).toBe("error");
      if (last.type === "error") {
        expect(last.error).toBeInstanceOf(StreamError);
        expect(last.error.retryable).toBe(true);
      }
      expect(events.some((e) => e.type === "text_delta")).toBe(true);
    });

    it("ends with a StreamError event when the stream closes without message_stop", async () => {
      reply = { chunks: sse(START, ...TEXT, END[0]) };
      const events = await collect(adapter.stream(request));
      const last = checkStreamInvariants(events);
      expect(last.type === "error" && last.error instanceof StreamError).toBe(true);
      if (last.type === "error") expect(last.error.message).toContain("message_stop");
    });

    it("ends with a StreamError event on malformed data", async () => {
      reply = { chunks: [...sse(START), "event: content_block_start\ndata: {not json\n\n"] };
      const events = await collect(adapter.stream(request));
      const last = events[events.length - 1];
      expect(last.type === "error" && last.error instanceof StreamError).toBe(true);
      reply = {
        chunks: [
          ...sse(START),
          `data: ${JSON.stringify({ type: "content_block_delta", index: 3, delta: { type: "text_delta", text: "x" } })}\n\n`,
        ],
      };
      const orphan = await collect(adapter.stream(request));
      const end = orphan[orphan.length - 1];
      expect(end.type === "error" && end.error instanceof StreamError).toBe(true);
      // A message_start whose prefilled content is broken still delivers stream_start first.
      reply = { chunks: sse({ ...START, message: { ...START.message, content: [{ text: "no type" }] } }) };
      const broken = await collect(adapter.stream(request));
      expect(broken.map((e) => e.type)).toEqual(["stream_start", "error"]);
    });
  });

  describe("timeouts and cancellation", () => {
    it("fails a silent stream with RequestTimeoutError (stream_read) and a silent request (request)", async () => {
      reply = { chunks: [...sse(START), ...sse(...TEXT)], delayMs: 2000 };
      const events = await collect(adapter.stream(request, { timeout: { streamReadMs: 150 } }));
      const last = events[events.length - 1];
      expect(last.type).toBe("error");
      if (last.type === "error")
        expect(last.error).toMatchObject({ name: "RequestTimeoutError", scope: "stream_read" });

      reply = { hang: true };
      const slow = new AnthropicAdapter({ apiKey: "k", baseUrl: server.url, timeout: { requestMs: 150 } });
      await expect(slow.complete(request)).rejects.toBeInstanceOf(RequestTimeoutError);
      await expect(collect(slow.stream(request, { timeout: { connectMs: 150 } }))).rejects.toMatchObject({
        name: "RequestTimeoutError",
        scope: "connect",
      });
    });

    it("rejects with AbortError when aborted, for complete and stream", async () => {
      reply = { hang: true };
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await expect(adapter.complete(request, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);

      const before = new AbortController();
      setTimeout(() => before.abort(), 50);
      await expect(collect(adapter.stream(request, { signal: before.signal }))).rejects.toBeInstanceOf(AbortError);

      reply = { chunks: [...sse(START), ...sse(...TEXT)], delayMs: 2000 };
      const during = new AbortController();
      const events: StreamEvent[] = [];
      for await (const event of adapter.stream(request, { signal: during.signal })) {
        events.push(event);
        if (event.type === "stream_start") during.abort();
      }
      const last = events[events.length - 1];
      expect(last.type).toBe("error");
      if (last.type === "error") {
        expect(last.error).toBeInstanceOf(AbortError);
        expect(LlmError.isInstance(last.error)).toBe(true);
      }
    });
  });

  it("closes the connection when the consumer breaks out of the stream", async () => {
    let closed: () => void = () => undefined;
    const closedPromise = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const slowServer = createServer((_req, res) => {
      res.on("close", () => closed());
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const chunk of sse(START, TEXT[0], TEXT[1])) res.write(chunk);
      // ...and never finishes on its own.
    });
    await new Promise<void>((resolve) => slowServer.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = slowServer.address() as AddressInfo;
      const slow = new AnthropicAdapter({ apiKey: "k", baseUrl: `http://127.0.0.1:${port}` });
      const seen: string[] = [];
      for await (const event of slow.stream(request)) {
        seen.push(event.type);
        if (event.type === "text_delta") break;
      }
      expect(seen).toEqual(["stream_start", "text_start", "text_delta"]);
      await expect(
        Promise.race([closedPromise.then(() => "closed"), new Promise((r) => setTimeout(() => r("open"), 2000))]),
      ).resolves.toBe("closed");
    } finally {
      slowServer.closeAllConnections();
      await new Promise<void>((resolve) => slowServer.close(() => resolve()));
    }
  });
});

describe("AnthropicAdapter configuration", () => {
  it("refuses to be built without an API key, naming the variable", () => {
    expect(() => new AnthropicAdapter({ apiKey: "" })).toThrow(/apiKey is required \(env ANTHROPIC_API_KEY\)/);
  });
});
