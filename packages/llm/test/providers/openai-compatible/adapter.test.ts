// The OpenAI-compatible adapter over HTTP (unified-llm-spec §7.10, §2.2, §4.7, §6): auth header,
// base URL, adapter name, the env factory, error statuses, and stream failures (cut, read timeout,
// abort, early break closing the connection).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { AbortError, ConfigurationError, RequestTimeoutError, StreamError } from "../../../src/errors/client-errors.js";
import {
  AccessDeniedError,
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from "../../../src/errors/provider-error.js";
import {
  OpenAICompatibleAdapter,
  openAICompatibleProviderFactory,
} from "../../../src/providers/openai-compatible/index.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import { type ProviderServer, type Reply, startProviderServer } from "../../helpers/provider-server.js";

const request: Request = { model: "qwen3:8b", messages: [Message.user("hi")] };
const okBody = {
  id: "chatcmpl-1",
  object: "chat.completion",
  model: "qwen3:8b",
  choices: [{ index: 0, message: { role: "assistant", content: "hello" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};
const chunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c", model: "qwen3:8b", choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;

let server: ProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(reply: Reply): Promise<ProviderServer> {
  server = await startProviderServer(() => reply);
  return server;
}

async function drain(stream: AsyncIterable<StreamEvent>): Promise<{ events: StreamEvent[]; thrown?: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (thrown) {
    return { events, thrown };
  }
  return { events };
}

describe("OpenAICompatibleAdapter: configuration", () => {
  it("posts to {baseUrl}/chat/completions with a bearer key and default headers", async () => {
    const s = await serve({ body: okBody, headers: { "x-ratelimit-limit-requests": "100" } });
    const adapter = new OpenAICompatibleAdapter({
      baseUrl: `${s.url}/v1/`,
      apiKey: "sk-1",
      defaultHeaders: { "x-gateway": "g" },
    });
    const response = await adapter.complete(request);
    expect(response.text).toBe("hello");
    expect(response.provider).toBe("openai-compatible");
    expect(response.rateLimit).toEqual({ requestsLimit: 100 });
    const [recorded] = s.requests;
    expect(recorded.url).toBe("/v1/chat/completions");
    expect(recorded.headers.authorization).toBe("Bearer sk-1");
    expect(recorded.headers["x-gateway"]).toBe("g");
    expect(recorded.body).toEqual({ model: "qwen3:8b", messages: [{ role: "user", content: "hi" }] });
  });

  it("sends no Authorization without a key, and takes its name for provider and options", async () => {
    const s = await serve({ body: okBody });
    const adapter = new OpenAICompatibleAdapter({ baseUrl: s.url, name: "ollama" });
    expect(adapter.name).toBe("ollama");
    const response = await adapter.complete({ ...request, providerOptions: { ollama: { keep_alive: "1m" } } });
    expect(response.provider).toBe("ollama");
    expect(s.requests[0].headers.authorization).toBeUndefined();
    expect(s.requests[0].body).toMatchObject({ keep_alive: "1m" });
    expect(() => new OpenAICompatibleAdapter({ baseUrl: "" })).toThrow(ConfigurationError);
    expect(adapter.supportsToolChoice("required")).toBe(true);
  });

  it("is built from OPENAI_COMPATIBLE_BASE_URL and OPENAI_COMPATIBLE_API_KEY", async () => {
    const s = await serve({ body: okBody });
    expect(openAICompatibleProviderFactory.fromEnv({ OPENAI_COMPATIBLE_API_KEY: "k" }, {})).toBeUndefined();
    const adapter = openAICompatibleProviderFactory.fromEnv(
      { OPENAI_COMPATIBLE_BASE_URL: `${s.url}/v1`, OPENAI_COMPATIBLE_API_KEY: "k" },
      {},
    );
    expect(adapter?.name).toBe("openai-compatible");
    await adapter?.complete(request);
    expect(s.requests[0].url).toBe("/v1/chat/completions");
    expect(s.requests[0].headers.authorization).toBe("Bearer k");
  });
});

describe("OpenAICompatibleAdapter: errors", () => {
  it.each([
    [401, AuthenticationError, false],
    [403, AccessDeniedError, false],
    [404, NotFoundError, false],
    [500, ServerError, true],
    [503, ServerError, true],
  ] as const)("maps HTTP %i", async (status, kind, retryable) => {
    const s = await serve({ status, body: { error: { message: `failed ${status}`, type: "error" } } });
    const error = await new OpenAICompatibleAdapter({ baseUrl: s.url }).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ statusCode: status, retryable, provider: "openai-compatible" });
  });

  it("reads Retry-After on 429, for complete() and before a stream starts", async () => {
    const s = await serve({ status: 429, headers: { "retry-after": "3" }, body: { error: "too many requests" } });
    const adapter = new OpenAICompatibleAdapter({ baseUrl: s.url });
    const error = await adapter.complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfter: 3, retryable: true });
    const streamed = await drain(adapter.stream(request));
    expect(streamed.events).toEqual([]);
    expect(streamed.thrown).toMatchObject({ name: "RateLimitError", retryAfter: 3 });
  });

  it("rejects a 200 body that carries an error", async () => {
    const s = await serve({ body: { error: { message: "upstream failed", code: 502 } } });
    const error = await new OpenAICompatibleAdapter({ baseUrl: s.url }).complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ statusCode: 502 });
  });
});

describe("OpenAICompatibleAdapter: streaming failures", () => {
  it("ends with a StreamError event when the connection is cut mid-stream", async () => {
    const s = await serve({ chunks: [chunk("Hel"), chunk("lo")], delayMs: 30, cut: true });
    const { events, thrown } = await drain(new OpenAICompatibleAdapter({ baseUrl: s.url }).stream(request));
    expect(thrown).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(["stream_start", "text_start", "text_delta", "text_delta", "error"]);
    const last = events.at(-1);
    expect(last?.type === "error" && last.error).toBeInstanceOf(StreamError);
  });

  it("times out between events and before headers", async () => {
    let s = await serve({ chunks: [chunk("a"), chunk("", "stop"), "data: [DONE]\n\n"], delayMs: 300 });
    const slow = await drain(
      new OpenAICompatibleAdapter({ baseUrl: s.url, timeout: { streamReadMs: 100 } }).stream(request),
    );
    const last = slow.events.at(-1);
    expect(last?.type === "error" && last.error).toMatchObject({ name: "RequestTimeoutError", scope: "stream_read" });
    await s.close();
    s = await serve({ hang: true });
    const hung = await drain(
      new OpenAICompatibleAdapter({ baseUrl: s.url }).stream(request, { timeout: { connectMs: 100 } }),
    );
    expect(hung.thrown).toBeInstanceOf(RequestTimeoutError);
  });

  it("aborts mid-stream with an AbortError event, and before sending with a throw", async () => {
    const s = await serve({ chunks: [chunk("a"), chunk("b"), chunk("", "stop"), "data: [DONE]\n\n"], delayMs: 200 });
    const adapter = new OpenAICompatibleAdapter({ baseUrl: s.url });
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const event of adapter.stream(request, { signal: controller.signal })) {
      events.push(event);
      if (event.type === "text_delta") controller.abort();
    }
    const last = events.at(-1);
    expect(last?.type === "error" && last.error).toBeInstanceOf(AbortError);
    const before = await drain(adapter.stream(request, { signal: AbortSignal.abort() }));
    expect(before.thrown).toBeInstanceOf(AbortError);
  });

  it("closes the connection when the consumer breaks out of the loop", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const raw = createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(chunk("first"));
      req.socket.on("close", () => closed());
    });
    await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
    const { port } = raw.address() as AddressInfo;
    try {
      const adapter = new OpenAICompatibleAdapter({ baseUrl: `http://127.0.0.1:${port}/v1` });
      for await (const event of adapter.stream(request)) {
        if (event.type === "text_delta") break;
      }
      await connectionClosed;
    } finally {
      raw.closeAllConnections();
      await new Promise<void>((r) => raw.close(() => r()));
    }
  });
});

describe("compiled OpenAI-compatible adapter", () => {
  const dist = join(dirname(fileURLToPath(import.meta.url)), "../../../dist/providers/openai-compatible");
  it.skipIf(!existsSync(dist))("does not load the openai SDK at run time", () => {
    for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
      expect(readFileSync(join(dist, file), "utf8")).not.toMatch(/from "openai/);
    }
  });
});
