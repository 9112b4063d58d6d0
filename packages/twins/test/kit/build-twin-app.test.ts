// The kit with a minimal provider of its own ("toy"): what the Anthropic and Gemini twins build on.
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { answerConversation } from "../../src/kit/answer.js";
import { isAcceptedKey } from "../../src/kit/auth.js";
import { buildTwinApp } from "../../src/kit/build-twin-app.js";
import type { JournalEntry } from "../../src/kit/journal.js";
import { promptBlock } from "../../src/kit/prompt-cache.js";
import { getTwin, listTwins, registerTwin } from "../../src/kit/registry.js";
import { sendJson, sendSse } from "../../src/kit/send.js";
import { startTwin } from "../../src/kit/start-twin.js";
import type { TwinDefinition, WireError } from "../../src/kit/types.js";

const toyError = (status: number, message: string, headers?: Record<string, string>): WireError => ({
  status,
  ...(headers ? { headers } : {}),
  body: { toy_error: { message } },
});

const toy: TwinDefinition = {
  name: "toy",
  title: "Toy",
  sdkBaseUrl: { env: "TOY_BASE_URL", path: "/api" },
  requestId: { header: "request-id", mint: (ids) => `toy_${ids.hex(8)}` },
  cachePolicy: { mode: "automatic", minTokens: 10 },
  errors: {
    notFound: (method, path) => toyError(404, `no route ${method} ${path}`),
    unreadableBody: (message, status) => toyError(status, `bad body: ${message}`),
    rateLimited: ({ retryAfterSeconds }) => toyError(429, "slow down", { "retry-after": String(retryAfterSeconds) }),
    serverError: (status) => toyError(status, "oops"),
    overloaded: () => toyError(529, "overloaded"),
    scriptMismatch: (message) => toyError(400, message),
  },
  authenticate: (request, kit) =>
    isAcceptedKey(request.headers["x-toy-key"] as string | undefined, kit) ? undefined : toyError(401, "bad key"),
  modelOf: (request) => (request.body as { model?: string } | undefined)?.model,
  plugin: (app, kit) => {
    app.post<{ Body: { model: string; prompt: string; stream?: boolean } }>("/api/ask", async (request, reply) => {
      const { model, prompt, stream } = request.body;
      const conversation = {
        model,
        system: "",
        messages: [{ role: "user" as const, parts: [{ type: "text" as const, text: prompt }] }],
        tools: [],
        toolChoice: { mode: "auto" as const },
        responseFormat: { type: "text" as const },
        stream: stream === true,
        promptBlocks: [promptBlock("prompt", prompt)],
      };
      const answer = await answerConversation(kit, request, reply, conversation, { toolCallId: () => "t1" });
      if (!answer) return reply;
      if (stream) {
        const words = answer.text.split(" ").map((w) => ({ event: "word", data: JSON.stringify(w), tokens: 1 }));
        return sendSse(request, reply, kit, [...words, { event: "usage", data: JSON.stringify(answer.usage) }]);
      }
      return sendJson(request, reply, kit, { text: answer.text, usage: answer.usage });
    });
  },
};
registerTwin(toy);

const KEY = { "x-toy-key": "k1" };

describe("buildTwinApp with a provider definition", () => {
  const app = buildTwinApp("toy", {
    apiKeys: ["k1"],
    script: "rules:\n  - match: { userText: ping }\n    reply: { text: pong }\n",
  });
  afterAll(() => app.close());

  it("the registry knows it", () => {
    expect(listTwins()).toContain("toy");
    expect(getTwin("toy").title).toBe("Toy");
    expect(() => getTwin("nope")).toThrow(/unknown twin 'nope' \(known: .*toy/);
    expect(() => buildTwinApp("nope")).toThrow(/unknown twin 'nope'/);
  });

  it("answers from the script and computes usage", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/ask",
      headers: KEY,
      payload: { model: "m", prompt: "ping" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      text: "pong",
      usage: { inputTokens: 4, outputTokens: 1, reasoningTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
    });
  });

  it("mints request ids in the provider's header and format, or echoes the client's", async () => {
    const minted = await app.inject({
      method: "POST",
      url: "/api/ask",
      headers: KEY,
      payload: { model: "m", prompt: "x" },
    });
    expect(minted.headers["request-id"]).toMatch(/^toy_[0-9a-f]{8}$/);
    const echoed = await app.inject({
      method: "POST",
      url: "/api/ask",
      headers: { ...KEY, "request-id": "mine-1" },
      payload: { model: "m", prompt: "x" },
    });
    expect(echoed.headers["request-id"]).toBe("mine-1");
  });

  it("refuses bad keys, unknown paths and unreadable bodies in the provider's shape", async () => {
    const noKey = await app.inject({ method: "POST", url: "/api/ask", payload: { model: "m", prompt: "x" } });
    expect([noKey.statusCode, noKey.json()]).toEqual([401, { toy_error: { message: "bad key" } }]);
    const lost = await app.inject({ url: "/api/nothing?key=secret" });
    expect([lost.statusCode, lost.json()]).toEqual([404, { toy_error: { message: "no route GET /api/nothing" } }]);
    const garbled = await app.inject({
      method: "POST",
      url: "/api/ask",
      headers: { ...KEY, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().toy_error.message).toMatch(/^bad body: /);
  });

  it("injects faults by rule in the provider's shape, and records them in the journal", async () => {
    await app.inject({
      method: "POST",
      url: "/_twin/faults",
      payload:
        "[{ model: m*, nth: 1, fault: { kind: rate_limit, retryAfterSeconds: 2 } }, { fault: overloaded, times: 1 }]",
    });
    const limited = await app.inject({
      method: "POST",
      url: "/api/ask",
      headers: KEY,
      payload: { model: "m2", prompt: "x" },
    });
    expect([limited.statusCode, limited.headers["retry-after"]]).toEqual([429, "2"]);
    const overloaded = await app.inject({
      method: "POST",
      url: "/api/ask",
      headers: KEY,
      payload: { model: "m2", prompt: "x" },
    });
    expect(overloaded.statusCode).toBe(529);
    const journal = (await app.inject({ url: "/_twin/journal?limit=2" })).json().entries;
    expect(journal.map((e: { fault?: string }) => e.fault)).toEqual(["rate_limit", "overloaded"]);
    await app.inject({ method: "DELETE", url: "/_twin/faults" });
  });

  it("prompt caching follows the definition's policy", async () => {
    const prompt = "a fairly long prompt that is certainly more than ten tokens long, for the cache";
    const ask = () =>
      app
        .inject({ method: "POST", url: "/api/ask", headers: KEY, payload: { model: "m", prompt } })
        .then((r) => r.json());
    expect((await ask()).usage.cachedInputTokens).toBe(0);
    expect((await ask()).usage.cachedInputTokens).toBeGreaterThan(10);
  });
});

describe("startTwin with a provider definition", () => {
  it("listens on loopback, streams SSE, logs one debug line per request, and closes", async () => {
    const log = new PassThrough();
    let logged = "";
    log.on("data", (chunk: Buffer) => {
      logged += chunk.toString();
    });
    const twin = await startTwin("toy", { logLevel: "debug", logStream: log });
    try {
      expect(twin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(twin.sdkBaseUrl).toBe(`${twin.url}/api`);
      const response = await fetch(`${twin.url}/api/ask`, {
        method: "POST",
        headers: { ...KEY, "content-type": "application/json" },
        body: JSON.stringify({ model: "m", prompt: "one two three", stream: true }),
      });
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const text = await response.text();
      expect(text).toContain('event: word\ndata: "Echo:"\n\n');
      expect(text).toContain("event: usage\n");
      const journal = (await fetch(`${twin.url}/_twin/journal`).then((r) => r.json())) as { entries: JournalEntry[] };
      expect(journal.entries[0].response?.body).toBe(text);
    } finally {
      await twin.close();
    }
    const lines = logged
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.some((l) => l.level === 20 && /^POST \/api\/ask 200 \d+ms$/.test(l.msg))).toBe(true);
    expect(lines.some((l) => /^GET \/_twin\/journal 200/.test(l.msg))).toBe(true);
  });

  it("says so when the port is taken", async () => {
    const first = await startTwin("toy");
    try {
      const port = Number(new URL(first.url).port);
      await expect(startTwin("toy", { port })).rejects.toThrow(
        `toy twin cannot listen on 127.0.0.1:${port}: address already in use`,
      );
    } finally {
      await first.close();
    }
  });
});
