// The official `openai` SDK, unchanged, against the OpenAI twin: Chat Completions and models.
import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { admin, loadScriptInto } from "../helpers/admin.js";
import { sdkClient, startOpenAITwin } from "../helpers/twins.js";

let twin: RunningTwin;
let client: OpenAI;
beforeAll(async () => {
  twin = await startOpenAITwin();
  client = sdkClient(twin);
});
afterAll(() => twin.close());
beforeEach(async () => {
  await admin(twin, "/reset", { method: "POST" });
  await fetch(`${twin.url}/_twin/script`, { method: "DELETE" });
});

const WEATHER: OpenAI.Chat.ChatCompletionTool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
      additionalProperties: false,
    },
    strict: true,
  },
};

const PARALLEL = `rules:
  - match: { userText: weather }
    reply:
      text: Let me check.
      toolCalls:
        - { name: get_weather, arguments: { city: Paris } }
        - { name: get_weather, arguments: { city: Rome } }
  - match: { toolResult: get_weather }
    reply: { text: "Paris: sunny. Rome: rainy." }
`;

describe("chat.completions.create (non-streaming)", () => {
  it("answers with a chat.completion, computed usage and the snapshot model", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(completion.model).toBe("gpt-4o-2024-08-06");
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: "Echo: Hello there", refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ]);
    expect(completion.usage).toMatchObject({ completion_tokens: 4, prompt_tokens_details: { cached_tokens: 0 } });
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it("calls tools in parallel and continues from the tool messages", async () => {
    await loadScriptInto(twin, PARALLEL);
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: "user", content: "weather in Paris and Rome?" },
    ];
    const first = await client.chat.completions.create({ model: "gpt-4.1", messages, tools: [WEATHER] });
    const choice = first.choices[0];
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBe("Let me check.");
    const calls = choice.message.tool_calls ?? [];
    expect(calls.map((c) => c.type === "function" && [c.function.name, c.function.arguments])).toEqual([
      ["get_weather", '{"city":"Paris"}'],
      ["get_weather", '{"city":"Rome"}'],
    ]);
    messages.push(choice.message, ...calls.map((c) => ({ role: "tool" as const, tool_call_id: c.id, content: "ok" })));
    const second = await client.chat.completions.create({ model: "gpt-4.1", messages, tools: [WEATHER] });
    expect(second.choices[0].message.content).toBe("Paris: sunny. Rome: rainy.");
  });

  it("answers json_schema response formats, n choices, and reasoning models' reasoning tokens", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-5-mini",
      n: 2,
      messages: [{ role: "user", content: "Extract: Bob is 41" }],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "person",
          strict: true,
          schema: {
            type: "object",
            properties: { name: { type: "string" } },
            required: ["name"],
            additionalProperties: false,
          },
        },
      },
    });
    expect(completion.choices.map((c) => c.index)).toEqual([0, 1]);
    expect(JSON.parse(completion.choices[1].message.content ?? "")).toEqual({ name: "name" });
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  });

  it("reports a forced named tool with finish_reason stop, as the API does", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4.1",
      messages: [{ role: "user", content: "x" }],
      tools: [WEATHER],
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.choices[0].message.content).toBeNull();
    expect(completion.choices[0].message.tool_calls?.length).toBe(1);
  });
});

describe("chat.completions.create (streaming)", () => {
  it("streams content and tool calls by index, a usage chunk, then [DONE]", async () => {
    await loadScriptInto(twin, PARALLEL);
    const stream = await client.chat.completions.create({
      model: "gpt-4.1",
      messages: [{ role: "user", content: "weather in Paris and Rome?" }],
      tools: [WEATHER],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "", refusal: null });
    const content = chunks.flatMap((c) => (c.choices[0]?.delta.content ? [c.choices[0].delta.content] : [])).join("");
    expect(content).toBe("Let me check.");
    const toolDeltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    const headers = toolDeltas.filter((d) => d.id !== undefined);
    expect(headers.map((d) => [d.index, d.type, d.function?.name])).toEqual([
      [0, "function", "get_weather"],
      [1, "function", "get_weather"],
    ]);
    const args = [0, 1].map((i) =>
      toolDeltas
        .filter((d) => d.index === i)
        .map((d) => d.function?.arguments ?? "")
        .join(""),
    );
    expect(args).toEqual(['{"city":"Paris"}', '{"city":"Rome"}']);
    const finish = chunks.at(-2);
    expect(finish?.choices[0].finish_reason).toBe("tool_calls");
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    const raw = (await admin<{ entries: { response: { body: string } }[] }>(twin, "/journal?limit=1")).entries[0];
    expect(raw.response.body.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("the SDK's stream helper assembles the final completion", async () => {
    await loadScriptInto(twin, PARALLEL);
    const stream = client.chat.completions.stream({
      model: "gpt-4.1",
      messages: [{ role: "user", content: "weather?" }],
      tools: [WEATHER],
    });
    const final = await stream.finalChatCompletion();
    const calls = final.choices[0].message.tool_calls ?? [];
    expect(calls.map((c) => c.type === "function" && c.function.arguments)).toEqual([
      '{"city":"Paris"}',
      '{"city":"Rome"}',
    ]);
    expect(final.choices[0].message.content).toBe("Let me check.");
  });

  it("without include_usage there is no usage field", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4.1",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => !("usage" in c))).toBe(true);
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe("stop");
  });
});

describe("models", () => {
  it("lists and retrieves models; an unknown one is a NotFoundError", async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((m) => m.id)).toEqual(
      expect.arrayContaining(["gpt-5-mini", "gpt-4.1", "gpt-4.1-2025-04-14", "o3"]),
    );
    expect(models[0]).toMatchObject({ object: "model", owned_by: "system" });
    expect(await client.models.retrieve("gpt-4o")).toEqual({
      id: "gpt-4o",
      object: "model",
      created: 1715367049,
      owned_by: "system",
    });
    await expect(client.models.retrieve("gpt-nope")).rejects.toMatchObject({ status: 404, code: "model_not_found" });
  });
});
