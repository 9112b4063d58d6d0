// The Gemini adapter over HTTP (unified-llm-spec §2.2, §4.7, §6, §7.6): key header, base URL and
// model paths, the env factory, error statuses, and stream failures (cut, read timeout, abort,
// early break closing the connection).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { providersFromEnv } from "../../../src/client/from-env.js";
import { AbortError, ConfigurationError, RequestTimeoutError, StreamError } from "../../../src/errors/client-errors.js";
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from "../../../src/errors/provider-error.js";
import { GEMINI_DEFAULT_BASE_URL, GeminiAdapter, geminiProviderFactory } from "../../../src/providers/gemini/index.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import { type ProviderServer, type Reply, startProviderServer } from "../../helpers/provider-server.js";

const request: Request = { model: "gemini-3-flash-preview", messages: [Message.user("hi")] };
const okBody = {
  candidates: [{ content: { role: "model", parts: [{ text: "hello" }] }, finishReason: "STOP" }],
  usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1 },
  responseId: "r",
  modelVersion: "gemini-3-flash-preview",
};
const textChunk = (text: string) => `data: ${JSON.stringify({ candidates: [{ content: { parts: [{ text }] } }] })}\n\n`;
const finalChunk = `data: ${JSON.stringify(okBody)}\n\n`;

let server: ProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(reply: Reply | ((url: string) => Reply)): Promise<ProviderServer> {
  server = await startProviderServer((r) => (typeof reply === "function" ? reply(r.url) : reply));
  return server;
}

function adapter(s: ProviderServer, extra: Partial<ConstructorParameters<typeof GeminiAdapter>[0]> = {}) {
  return new GeminiAdapter({ apiKey: "secret", baseUrl: `${s.url}/v1beta/`, ...extra });
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

describe("GeminiAdapter: configuration", () => {
  it("sends the key in x-goog-api-key (never in the URL) with the default headers", async () => {
    const s = await serve({ body: okBody, headers: { "x-ratelimit-remaining-requests": "9" } });
    const response = await adapter(s, { defaultHeaders: { "x-custom": "1" } }).complete(request);
    expect(response.text).toBe("hello");
    expect(response.rateLimit).toEqual({ requestsRemaining: 9 });
    const [recorded] = s.requests;
    expect(recorded.method).toBe("POST");
    expect(recorded.url).toBe("/v1beta/models/gemini-3-flash-preview:generateContent");
    expect(recorded.headers["x-goog-api-key"]).toBe("secret");
    expect(recorded.headers["x-custom"]).toBe("1");
    expect(recorded.headers["content-type"]).toBe("application/json");
    expect(recorded.url).not.toContain("key=");
    expect(recorded.body).toEqual({ contents: [{ role: "user", parts: [{ text: "hi" }] }] });
  });

  it("keeps model resource paths and defaults to the public API root", async () => {
    const s = await serve({ body: okBody });
    await adapter(s).complete({ ...request, model: "models/gemini-2.5-pro" });
    await adapter(s).complete({ ...request, model: "tunedModels/my-model" });
    expect(s.requests.map((r) => r.url)).toEqual([
      "/v1beta/models/gemini-2.5-pro:generateContent",
      "/v1beta/tunedModels/my-model:generateContent",
    ]);
    expect(GEMINI_DEFAULT_BASE_URL).toBe("https://generativelanguage.googleapis.com/v1beta");
    expect(() => new GeminiAdapter({ apiKey: "" })).toThrow(ConfigurationError);
    expect(new GeminiAdapter({ apiKey: "k" }).supportsToolChoice("named")).toBe(true);
  });

  it("is built from GEMINI_API_KEY, else GOOGLE_API_KEY, with GEMINI_BASE_URL", async () => {
    const s = await serve({ body: okBody });
    expect(geminiProviderFactory.fromEnv({}, {})).toBeUndefined();
    const fromGoogle = geminiProviderFactory.fromEnv({ GOOGLE_API_KEY: "g", GEMINI_BASE_URL: `${s.url}/v9` }, {});
    await fromGoogle?.complete(request);
    expect(s.requests[0].headers["x-goog-api-key"]).toBe("g");
    expect(s.requests[0].url).toBe("/v9/models/gemini-3-flash-preview:generateContent");
    const both = geminiProviderFactory.fromEnv(
      { GEMINI_API_KEY: "a", GOOGLE_API_KEY: "g", GEMINI_BASE_URL: s.url },
      {},
    );
    await both?.complete(request);
    expect(s.requests[1].headers["x-goog-api-key"]).toBe("a");
    const providers = providersFromEnv({ GEMINI_API_KEY: "a", OPENAI_COMPATIBLE_BASE_URL: "http://localhost:1/v1" });
    expect(Object.keys(providers)).toEqual(["gemini", "openai-compatible"]);
    expect(providers.gemini).toBeInstanceOf(GeminiAdapter);
  });
});

describe("GeminiAdapter: errors", () => {
  const googleError = (code: number, status: string, message: string, details: unknown[] = []) => ({
    error: { code, message, status, details },
  });

  it.each([
    [400, "INVALID_ARGUMENT", InvalidRequestError, false],
    [401, "UNAUTHENTICATED", AuthenticationError, false],
    [404, "NOT_FOUND", NotFoundError, false],
    [500, "INTERNAL", ServerError, true],
    [503, "UNAVAILABLE", ServerError, true],
  ] as const)("maps HTTP %i %s", async (status, grpc, kind, retryable) => {
    const s = await serve({ status, body: googleError(status, grpc, "went wrong") });
    const error = await adapter(s)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ statusCode: status, errorCode: grpc, retryable, provider: "gemini" });
    expect((error as Error).message).toContain("went wrong");
  });

  it("reads 429 retry delays from Retry-After, else from RetryInfo", async () => {
    const retryInfo = [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "30s" }];
    let s = await serve({ status: 429, body: googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded", retryInfo) });
    const fromBody = await adapter(s)
      .complete(request)
      .catch((e: unknown) => e);
    expect(fromBody).toBeInstanceOf(RateLimitError);
    expect(fromBody).toMatchObject({ retryAfter: 30, retryable: true });
    await s.close();
    s = await serve({
      status: 429,
      headers: { "retry-after": "5" },
      body: googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded", retryInfo),
    });
    const fromHeader = await drain(adapter(s).stream(request));
    expect(fromHeader.events).toEqual([]);
    expect(fromHeader.thrown).toBeInstanceOf(RateLimitError);
    expect(fromHeader.thrown).toMatchObject({ retryAfter: 5 });
  });

  it("maps a non-JSON error body by status", async () => {
    const s = await serve({ status: 502, body: "<html>Bad Gateway</html>" });
    const error = await adapter(s)
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain("Bad Gateway");
  });
});

describe("GeminiAdapter: streaming failures", () => {
  it("ends with a StreamError event when the connection is cut mid-stream", async () => {
    const s = await serve({ chunks: [textChunk("Hel"), textChunk("lo")], delayMs: 30, cut: true });
    const { events, thrown } = await drain(adapter(s).stream(request));
    expect(thrown).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(["stream_start", "text_start", "text_delta", "text_delta", "error"]);
    const last = events.at(-1);
    expect(last?.type === "error" && last.error).toBeInstanceOf(StreamError);
  });

  it("ends with a StreamError event when the server closes before a finishReason", async () => {
    const s = await serve({ chunks: [textChunk("Hel")] });
    const { events } = await drain(adapter(s).stream(request));
    const last = events.at(-1);
    expect(last?.type === "error" && last.error).toBeInstanceOf(StreamError);
  });

  it("times out between events (stream_read) and before headers (connect)", async () => {
    let s = await serve({ chunks: [textChunk("a"), finalChunk], delayMs: 300 });
    const slow = await drain(adapter(s, { timeout: { streamReadMs: 100 } }).stream(request));
    const last = slow.events.at(-1);
    expect(last?.type === "error" && last.error).toBeInstanceOf(RequestTimeoutError);
    expect(last?.type === "error" && (last.error as RequestTimeoutError).scope).toBe("stream_read");
    await s.close();
    s = await serve({ hang: true });
    const hung = await drain(adapter(s).stream(request, { timeout: { connectMs: 100 } }));
    expect(hung.events).toEqual([]);
    expect(hung.thrown).toBeInstanceOf(RequestTimeoutError);
    const complete = await adapter(s, { timeout: { requestMs: 100 } })
      .complete(request)
      .catch((e: unknown) => e);
    expect(complete).toMatchObject({ name: "RequestTimeoutError", scope: "request" });
  });

  it("aborts: before sending (thrown), mid-stream (error event), and complete()", async () => {
    const s = await serve({ chunks: [textChunk("a"), textChunk("b"), finalChunk], delayMs: 200 });
    const early = new AbortController();
    early.abort();
    const before = await drain(adapter(s).stream(request, { signal: early.signal }));
    expect(before.thrown).toBeInstanceOf(AbortError);
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const event of adapter(s).stream(request, { signal: controller.signal })) {
      events.push(event);
      if (event.type === "text_delta") controller.abort();
    }
    const last = events.at(-1);
    expect(last?.type === "error" && last.error).toBeInstanceOf(AbortError);
    const hangServer = await startProviderServer(() => ({ hang: true }));
    try {
      const c = new AbortController();
      const pending = adapter(hangServer).complete(request, { signal: c.signal });
      setTimeout(() => c.abort(), 50);
      await expect(pending).rejects.toBeInstanceOf(AbortError);
    } finally {
      await hangServer.close();
    }
  });

  it("closes the connection when the consumer breaks out of the loop", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const raw = createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(textChunk("first"));
      req.socket.on("close", () => closed());
    });
    await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
    const { port } = raw.address() as AddressInfo;
    try {
      const gemini = new GeminiAdapter({ apiKey: "k", baseUrl: `http://127.0.0.1:${port}` });
      for await (const event of gemini.stream(request)) {
        if (event.type === "text_delta") break;
      }
      await connectionClosed;
    } finally {
      raw.closeAllConnections();
      await new Promise<void>((r) => raw.close(() => r()));
    }
  });
});

describe("compiled Gemini adapter", () => {
  const dist = join(dirname(fileURLToPath(import.meta.url)), "../../../dist/providers/gemini");
  it.skipIf(!existsSync(dist))("does not load @google/genai at run time", () => {
    for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
      expect(readFileSync(join(dist, file), "utf8")).not.toMatch(/@google\/genai/);
    }
  });
});
