// Errors and faults as the official `openai` SDK sees them: its typed errors, its own retries,
// cut and malformed streams, hangs and slow tokens.
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JournalEntry, RunningTwin } from "../../src/index.js";
import { admin, loadScriptInto } from "../helpers/admin.js";
import { sdkClient, startOpenAITwin } from "../helpers/twins.js";

let twin: RunningTwin;
let client: OpenAI;
beforeAll(async () => {
  twin = await startOpenAITwin({ apiKeys: ["sk-good"] });
  client = sdkClient(twin, { apiKey: "sk-good" });
});
afterAll(() => twin.close());
beforeEach(async () => {
  await admin(twin, "/reset", { method: "POST" });
  await fetch(`${twin.url}/_twin/script`, { method: "DELETE" });
});

const addFault = (rule: unknown) =>
  fetch(`${twin.url}/_twin/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
const journal = () => admin<{ entries: JournalEntry[] }>(twin, "/journal").then((j) => j.entries);

describe("auth", () => {
  it("a key outside the allow-list is an AuthenticationError with OpenAI's body", async () => {
    const bad = sdkClient(twin, { apiKey: "sk-wrong-key-123456" });
    const error = await bad.responses.create({ model: "gpt-4.1", input: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const auth = error as InstanceType<typeof OpenAI.AuthenticationError>;
    expect(auth.status).toBe(401);
    expect(auth.code).toBe("invalid_api_key");
    expect(auth.type).toBe("invalid_request_error");
    expect(auth.message).toBe(
      "401 Incorrect API key provided: sk-************3456. You can find your API key at https://platform.openai.com/account/api-keys.",
    );
    expect(auth.requestID).toMatch(/^req_/);
  });

  it("no Authorization header: OpenAI's 'You didn't provide an API key' 401", async () => {
    const response = await fetch(`${twin.sdkBaseUrl}/models`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { message: string; code: null } };
    expect(body.error.message).toMatch(/^You didn't provide an API key\./);
    expect(body.error.code).toBeNull();
  });
});

describe("bad requests", () => {
  const badRequest = async (body: Record<string, unknown>, path = "/responses") =>
    (await client.post(path, { body }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;

  it("name the bad parameter, as BadRequestError", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ input: "x" }, "model", "Missing required parameter: 'model'."],
      [
        { model: "gpt-4.1", input: 42 },
        "input",
        "Invalid type for 'input': expected one of a string or array of input items, but got an integer instead.",
      ],
      [
        { model: "gpt-4.1", input: "x", temperature: 3 },
        "temperature",
        "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.",
      ],
      [{ model: "gpt-4.1", input: "x", tools: [{ type: "browser" }] }, "tools[0].type", "Invalid value: 'browser'."],
      [
        { model: "gpt-4.1", input: "x", tools: [{ type: "function" }] },
        "tools[0].name",
        "Missing required parameter: 'tools[0].name'.",
      ],
      [{ model: "gpt-4.1", input: "x", frobnicate: true }, "frobnicate", "Unknown parameter: 'frobnicate'."],
      [
        { model: "gpt-5", input: "x", temperature: 0.2 },
        "temperature",
        "Unsupported parameter: 'temperature' is not supported with this model.",
      ],
      [
        { model: "gpt-4.1", input: "x", reasoning: { effort: "high" } },
        "reasoning.effort",
        "Unsupported parameter: 'reasoning.effort' is not supported with this model.",
      ],
      [
        { model: "gpt-4.1", input: "x", max_output_tokens: 5 },
        "max_output_tokens",
        "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 5 instead.",
      ],
      [{ model: "gpt-4.1", input: [{ role: "robot", content: "x" }] }, "input[0].role", "Invalid value: 'robot'."],
      [{ model: "gpt-nope", input: "x" }, "model", "The requested model 'gpt-nope' does not exist."],
      [
        { model: "gpt-4.1", input: [{ type: "function_call_output", call_id: "call_1", output: "x" }] },
        "input",
        "No tool call found for function call output with call_id call_1.",
      ],
      [
        { model: "gpt-4.1", input: "x", previous_response_id: "resp_missing" },
        "previous_response_id",
        "Previous response with id 'resp_missing' not found.",
      ],
    ];
    for (const [body, param, message] of cases) {
      const error = await badRequest(body);
      expect(error, JSON.stringify(body)).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param).toBe(param);
      expect(error.message.startsWith(`400 ${message}`), error.message).toBe(true);
    }
  });

  it("rejects strict schemas that strict mode cannot serve", async () => {
    const error = await badRequest({
      model: "gpt-4.1",
      input: "x",
      tools: [
        {
          type: "function",
          name: "f",
          strict: true,
          parameters: { type: "object", properties: { a: { type: "string" } } },
        },
      ],
    });
    expect(error.param).toBe("tools[0].parameters");
    expect(error.message).toBe(
      "400 Invalid schema for function 'f': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    );
  });

  it("chat: tool messages must answer tool_calls; reasoning models refuse max_tokens; unknown models are 404", async () => {
    const orphan = await badRequest(
      {
        model: "gpt-4.1",
        messages: [
          { role: "user", content: "x" },
          { role: "tool", tool_call_id: "call_1", content: "r" },
        ],
      },
      "/chat/completions",
    );
    expect(orphan.param).toBe("messages.[1].role");
    const maxTokens = await badRequest(
      { model: "o3", messages: [{ role: "user", content: "x" }], max_tokens: 10 },
      "/chat/completions",
    );
    expect(maxTokens.message).toBe(
      "400 Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    );
    const unknown = await client.chat.completions
      .create({ model: "gpt-nope", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    const codex = await client.chat.completions
      .create({ model: "gpt-5-codex", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect((codex as Error).message).toBe(
      "404 This model is only supported in v1/responses and not in v1/chat/completions.",
    );
  });

  it("invalid JSON and unknown paths get OpenAI's bodies", async () => {
    const garbled = await fetch(`${twin.sdkBaseUrl}/responses`, {
      method: "POST",
      headers: { authorization: "Bearer sk-good", "content-type": "application/json" },
      body: "{nope",
    });
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: { message: string } }).error.message).toMatch(
      /^We could not parse the JSON body/,
    );
    const lost = await fetch(`${twin.sdkBaseUrl}/embeddingz`, { headers: { authorization: "Bearer sk-good" } });
    expect(await lost.json()).toEqual({
      error: { message: "Invalid URL (GET /v1/embeddingz)", type: "invalid_request_error", param: null, code: null },
    });
  });
});

describe("injected faults", () => {
  it("429 is a RateLimitError with Retry-After and exhausted rate-limit headers", async () => {
    await addFault({ fault: { kind: "rate_limit", retryAfterSeconds: 2 } });
    const error = (await client.responses
      .create({ model: "gpt-4.1", input: "x" })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.code).toBe("rate_limit_exceeded");
    expect(error.headers.get("retry-after")).toBe("2");
    expect(error.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(error.message).toMatch(/^429 Rate limit reached for gpt-4\.1 in organization org-twin on requests per min/);
  });

  it("the SDK's own retry succeeds after an injected 429 (and after a 500)", async () => {
    const retrying = sdkClient(twin, { apiKey: "sk-good", maxRetries: 2 });
    await addFault({ path: "/v1/responses", nth: 1, fault: { kind: "rate_limit", retryAfterSeconds: 0.05 } });
    await addFault({ path: "/v1/chat/completions", times: 1, fault: { kind: "server_error" } });
    const started = Date.now();
    const response = await retrying.responses.create({ model: "gpt-4.1", input: "retry me" });
    expect(response.output_text).toBe("Echo: retry me");
    expect(Date.now() - started).toBeLessThan(2000);
    const completion = await retrying.chat.completions.create({
      model: "gpt-4.1",
      messages: [{ role: "user", content: "again" }],
    });
    expect(completion.choices[0].message.content).toBe("Echo: again");
    const entries = await journal();
    expect(entries.map((e) => [e.response?.status, e.fault, e.headers["x-stainless-retry-count"]])).toEqual([
      [429, "rate_limit", "0"],
      [200, undefined, "1"],
      [500, "server_error", "0"],
      [200, undefined, "1"],
    ]);
  });

  it("overloaded is OpenAI's 503; a scripted fault fires like a rule fault", async () => {
    await loadScriptInto(twin, "rules:\n  - match: { userText: boom }\n    fault: overloaded\n");
    const error = await client.responses.create({ model: "gpt-4.1", input: "boom" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as { status: number }).status).toBe(503);
    expect((await journal())[0]).toMatchObject({ fault: "overloaded", scriptRule: "1" });
  });

  it("stream_cut ends the SSE stream midway: the SDK's iteration fails", async () => {
    await addFault({ fault: { kind: "stream_cut", afterEvents: 4 } });
    const stream = await client.responses.create({
      model: "gpt-4.1",
      input: "a long enough answer to cut",
      stream: true,
    });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(seen).toHaveLength(4);
    const [entry] = await journal();
    expect(entry.outcome).toBe("aborted");
    expect(entry.fault).toBe("stream_cut");
  });

  it("malformed_sse sends JSON the SDK cannot parse", async () => {
    await addFault({ fault: { kind: "malformed_sse", afterEvents: 2 } });
    const stream = await client.chat.completions.create({
      model: "gpt-4.1",
      messages: [{ role: "user", content: "hi there" }],
      stream: true,
    });
    const failure = await (async () => {
      for await (const _ of stream) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyntaxError);
  });

  it("hang answers nothing until the client gives up", async () => {
    await addFault({ fault: { kind: "hang" } });
    const impatient = sdkClient(twin, { apiKey: "sk-good", timeoutMs: 300 });
    const started = Date.now();
    const error = await impatient.responses.create({ model: "gpt-4.1", input: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [entry] = await journal();
    expect(entry).toMatchObject({ fault: "hang", outcome: "aborted", response: null });
  });

  it("slow delays the first token and paces the rest", async () => {
    await addFault({ fault: { kind: "slow", ttftMs: 150, tokensPerSecond: 100 } });
    const started = Date.now();
    const stream = await client.responses.create({
      model: "gpt-4.1",
      input: "one two three four five six seven eight nine ten",
      stream: true,
    });
    let firstDelta = 0;
    for await (const event of stream)
      if (event.type === "response.output_text.delta" && !firstDelta) firstDelta = Date.now() - started;
    const total = Date.now() - started;
    expect(firstDelta).toBeGreaterThanOrEqual(140);
    expect(total - firstDelta).toBeGreaterThanOrEqual(80); // 10 more deltas at 100 tokens/s
  });

  it("faults chosen at random with a seed hit the same requests every run", async () => {
    const pattern = async () => {
      await admin(twin, "/reset", { method: "POST" });
      await addFault({ probability: 0.5, seed: 99, fault: { kind: "server_error", status: 503 } });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const response = await fetch(`${twin.sdkBaseUrl}/models`, { headers: { authorization: "Bearer sk-good" } });
        statuses.push(response.status);
      }
      return statuses;
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });
});
