// The official `@anthropic-ai/sdk` driving the Anthropic twin unchanged: Messages non-streaming
// and streaming (raw events and the `messages.stream()` helper), tool use (parallel calls),
// structured output, stop sequences and limits, token counting, models and a scripted
// conversation end to end.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { journal, loadScriptInto, resetTwin } from "../helpers/admin.js";
import { type ApiError, MODEL, sdkClient, startAnthropicTwin, WEATHER_TOOL } from "./helpers.js";

let twin: RunningTwin;
let client: Anthropic;
beforeAll(async () => {
  twin = await startAnthropicTwin();
  client = sdkClient(twin);
});
afterAll(() => twin.close());
beforeEach(() => resetTwin(twin));

describe("messages.create", () => {
  it("answers with a Message: ids, the resolved model, content, stop reason and computed usage", async () => {
    const message = await client.messages.create({
      model: "claude-opus-4-5",
      max_tokens: 200,
      system: "Be brief.",
      messages: [{ role: "user", content: "Hello twin" }],
    });
    expect(message.id).toMatch(/^msg_01[A-Za-z0-9]{22}$/);
    expect(message.model).toBe("claude-opus-4-5-20251101");
    expect(message.content).toEqual([{ type: "text", text: "Echo: Hello twin" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.stop_sequence).toBeNull();
    // a word is a token, so is a punctuation mark; + 3 per block: "Be brief." 3 + 3, "Hello twin" 2 + 3
    expect(message.usage).toEqual({
      input_tokens: 11,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: 4,
      service_tier: "standard",
      inference_geo: "not_available",
    });
    const response = await client.messages
      .create({ model: MODEL, max_tokens: 50, messages: [{ role: "user", content: "x" }] })
      .asResponse();
    expect(response.headers.get("request-id")).toMatch(/^req_011C/);
    expect(response.headers.get("anthropic-ratelimit-requests-limit")).toBe("4000");
    const [entry] = await journal(twin);
    expect(entry.headers["anthropic-version"]).toBe("2026-10-21");
    expect(entry.headers.authorization).toBe("Bearer [redacted]"); // the SDK sends apiKey as a bearer token
  });

  it("streams the real event sequence (stream: true)", async () => {
    const stream = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      stream: true,
      messages: [{ role: "user", content: "Stream three words" }],
    });
    const types: string[] = [];
    let text = "";
    let outputTokens = 0;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
      if (event.type === "message_start") expect(event.message.usage.input_tokens).toBe(6);
      if (event.type === "message_delta") {
        expect(event.delta.stop_reason).toBe("end_turn");
        outputTokens = event.usage.output_tokens;
      }
    }
    expect(text).toBe("Echo: Stream three words");
    expect(outputTokens).toBe(5); // "Echo: Stream three words": 4 words and a colon
    expect(types.filter((t, i) => t !== types[i - 1])).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const [entry] = await journal(twin);
    expect(String(entry.response?.body)).toContain('event: ping\ndata: {"type":"ping"}');
  });

  it("the messages.stream() helper assembles the final message", async () => {
    const seen: string[] = [];
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: "user", content: "Helper please" }],
    });
    stream.on("text", (delta) => seen.push(delta));
    const final = await stream.finalMessage();
    expect(seen.join("")).toBe("Echo: Helper please");
    expect(final.content).toEqual([{ type: "text", text: "Echo: Helper please" }]);
    expect(final.usage.output_tokens).toBe(4);
    expect(final.stop_reason).toBe("end_turn");
  });
});

describe("tool use", () => {
  const weather = `rules:
  - match: { userText: weather }
    reply:
      text: Let me check both cities.
      toolCalls:
        - { name: get_weather, arguments: { city: Paris } }
        - { name: get_weather, arguments: { city: Rome } }
  - match: { toolResult: get_weather }
    reply: { text: Paris is sunny and Rome is rainy. }
`;

  it("parallel tool_use blocks, then the answer from the tool results", async () => {
    await loadScriptInto(twin, weather);
    const question: Anthropic.MessageParam = { role: "user", content: "What is the weather in Paris and Rome?" };
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 500,
      tools: [WEATHER_TOOL],
      messages: [question],
    });
    expect(first.stop_reason).toBe("tool_use");
    expect(first.content.map((b) => b.type)).toEqual(["text", "tool_use", "tool_use"]);
    const uses = first.content.filter((b): b is Anthropic.ToolUseBlock => b.type === "tool_use");
    expect(uses.map((u) => [u.name, u.input])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Rome" }],
    ]);
    expect(uses[0].id).toMatch(/^toolu_01/);
    expect(uses[0].caller).toEqual({ type: "direct" });
    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 500,
      tools: [WEATHER_TOOL],
      messages: [
        question,
        { role: "assistant", content: first.content },
        {
          role: "user",
          content: uses.map((u) => ({
            type: "tool_result" as const,
            tool_use_id: u.id,
            content: `weather of ${u.id}`,
          })),
        },
      ],
    });
    expect(second.content).toEqual([{ type: "text", text: "Paris is sunny and Rome is rainy." }]);
    expect(second.stop_reason).toBe("end_turn");
  });

  it("streams tool input in input_json_delta pieces; disable_parallel_tool_use keeps one call", async () => {
    await loadScriptInto(twin, weather);
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 500,
      tools: [WEATHER_TOOL],
      messages: [{ role: "user", content: "weather please" }],
    });
    const pieces: string[] = [];
    stream.on("streamEvent", (event) => {
      if (event.type === "content_block_delta" && event.delta.type === "input_json_delta")
        pieces.push(event.delta.partial_json);
    });
    const final = await stream.finalMessage();
    const inputs = final.content.flatMap((b) => (b.type === "tool_use" ? [b.input] : []));
    expect(inputs).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    expect(pieces.filter((p) => p !== "").length).toBeGreaterThanOrEqual(2);
    expect(pieces.join("")).toBe('{"city":"Paris"}{"city":"Rome"}');

    const single = await client.messages.create({
      model: MODEL,
      max_tokens: 500,
      tools: [WEATHER_TOOL],
      tool_choice: { type: "auto", disable_parallel_tool_use: true },
      messages: [{ role: "user", content: "weather please" }],
    });
    expect(single.content.filter((b) => b.type === "tool_use")).toHaveLength(1);
  });

  it("structured output through a forced tool, and through output_config.format", async () => {
    const extract = {
      name: "record_person",
      description: "Record a person.",
      input_schema: {
        type: "object" as const,
        properties: { name: { type: "string" }, age: { type: "integer", minimum: 18 } },
        required: ["name", "age"],
      },
    };
    const forced = await client.messages.create({
      model: MODEL,
      max_tokens: 300,
      tools: [WEATHER_TOOL, extract],
      tool_choice: { type: "tool", name: "record_person" },
      messages: [{ role: "user", content: "Ann is 31." }],
    });
    expect(forced.stop_reason).toBe("tool_use");
    expect(forced.content).toHaveLength(1);
    expect(forced.content[0]).toMatchObject({
      type: "tool_use",
      name: "record_person",
      input: { name: "name", age: 18 },
    });

    const formatted = await client.messages.create({
      model: MODEL,
      max_tokens: 300,
      output_config: {
        format: {
          type: "json_schema",
          schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
      messages: [{ role: "user", content: "A city, as JSON." }],
    });
    const block = formatted.content[0];
    expect(block.type === "text" && JSON.parse(block.text)).toEqual({ city: "city" });
  });
});

describe("limits and stops", () => {
  it("stop_sequences end the text with stop_reason stop_sequence; max_tokens cuts with max_tokens", async () => {
    const stopped = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      stop_sequences: ["STOP"],
      messages: [{ role: "user", content: "one two STOP three" }],
    });
    expect(stopped.content).toEqual([{ type: "text", text: "Echo: one two " }]);
    expect(stopped.stop_reason).toBe("stop_sequence");
    expect(stopped.stop_sequence).toBe("STOP");

    const cut = await client.messages.create({
      model: MODEL,
      max_tokens: 3,
      messages: [{ role: "user", content: "one two three four five six" }],
    });
    expect(cut.stop_reason).toBe("max_tokens");
    expect(cut.content).toEqual([{ type: "text", text: "Echo: one" }]);
    expect(cut.usage.output_tokens).toBe(3);
  });

  it("counts tokens like the usage of the same prompt", async () => {
    const params = {
      model: MODEL,
      system: "You are terse.",
      tools: [WEATHER_TOOL],
      messages: [{ role: "user" as const, content: "Count me" }],
    };
    const counted = await client.messages.countTokens(params);
    const answered = await client.messages.create({ ...params, max_tokens: 50 });
    expect(counted.input_tokens).toBe(answered.usage.input_tokens);
    expect(counted.input_tokens).toBeGreaterThan(20);
  });
});

describe("models", () => {
  it("lists models newest first, page by page, and retrieves one by id or alias", async () => {
    const first = await client.models.list({ limit: 5 });
    expect(first.data).toHaveLength(5);
    expect(first.has_more).toBe(true);
    expect(first.first_id).toBe(first.data[0].id);
    expect(first.last_id).toBe(first.data[4].id);
    expect(first.data[0]).toMatchObject({ type: "model", id: "claude-fable-5-2", display_name: "Claude Fable 5.2" });
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 7 })) ids.push(model.id);
    expect(ids).toContain("claude-sonnet-4-5-20250929");
    expect(new Set(ids).size).toBe(ids.length);
    const pages = await journal(twin);
    expect(pages.filter((e) => e.path === "/v1/models").length).toBeGreaterThan(2);
    const next = await first.getNextPage();
    expect(next.data[0].id).toBe(ids[5]);

    const model = await client.models.retrieve("claude-haiku-4-5");
    expect(model).toMatchObject({ id: "claude-haiku-4-5-20251001", max_tokens: 64000, type: "model" });
    expect(model.capabilities?.thinking.supported).toBe(true);
  });
});

describe("a scripted conversation end to end", () => {
  it("an ordered script drives a tool loop, and a request off the script is the API's 400", async () => {
    await loadScriptInto(
      twin,
      `mode: ordered
rules:
  - name: plan
    match: { userText: deploy, turn: 1 }
    reply:
      reasoning: I should check the build first.
      toolCalls: [{ name: run_build, arguments: { target: prod } }]
  - name: report
    match: { toolResult: run_build, toolResultContains: green }
    reply: { text: The build is green; deploying now. }
`,
    );
    const tools = [{ name: "run_build", input_schema: { type: "object" as const, properties: {} } }];
    const thinking = { type: "enabled" as const, budget_tokens: 1024 };
    const question: Anthropic.MessageParam = { role: "user", content: "Please deploy" };
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking,
      tools,
      messages: [question],
    });
    expect(first.content.map((b) => b.type)).toEqual(["thinking", "tool_use"]);
    const use = first.content[1] as Anthropic.ToolUseBlock;
    const second = await client.messages
      .stream({
        model: MODEL,
        max_tokens: 4000,
        thinking,
        tools,
        messages: [
          question,
          { role: "assistant", content: first.content },
          { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: "all green" }] },
        ],
      })
      .finalMessage();
    expect(second.content.filter((b) => b.type === "text").map((b) => b.type === "text" && b.text)).toEqual([
      "The build is green; deploying now.",
    ]);
    const off = await client.messages
      .create({ model: MODEL, max_tokens: 100, messages: [{ role: "user", content: "again" }] })
      .catch((e: unknown) => e as ApiError);
    expect((off as ApiError).status).toBe(400);
    expect((off as ApiError).message).toMatch(/twin script: request 3 came after the ordered script ended/);
    expect((await journal(twin)).map((e) => e.scriptRule)).toEqual(["plan", "report", undefined]);
  });
});

describe("script captures and strict mode", () => {
  it("fills the captures of the user text and of the tool result into tool input and text", async () => {
    await loadScriptInto(
      twin,
      `strict: true
rules:
  - match: { userTextRegex: "deploy (?<branch>[\\\\w-]+) to (\\\\w+)" }
    reply:
      toolCalls: [{ name: run_build, arguments: { branch: "{{match.branch}}", target: "{{userText.2}}" } }]
  - match: { toolResult: run_build, toolResultRegex: "build (\\\\d+) is (green|red)" }
    reply: { text: "Build {{toolResult.1}} is {{toolResult.2}}: deploying {{request.model}} style." }
`,
    );
    const tools = [{ name: "run_build", input_schema: { type: "object" as const, properties: {} } }];
    const question: Anthropic.MessageParam = { role: "user", content: "please deploy feature-x to staging" };
    const first = await client.messages.create({ model: MODEL, max_tokens: 200, tools, messages: [question] });
    const use = first.content.find((b) => b.type === "tool_use");
    expect(use?.type === "tool_use" && use.input).toEqual({ branch: "feature-x", target: "staging" });
    if (use?.type !== "tool_use") return;
    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      tools,
      messages: [
        question,
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: "build 42 is green" }] },
      ],
    });
    expect(second.content).toEqual([{ type: "text", text: "Build 42 is green: deploying claude-sonnet-4-6 style." }]);
    // strict: a request no rule answers is the API's 400, saying why.
    const off = await client.messages
      .create({ model: MODEL, max_tokens: 100, messages: [{ role: "user", content: "hello" }] })
      .catch((e: unknown) => e as ApiError);
    expect(off).toBeInstanceOf(Anthropic.BadRequestError);
    expect((off as ApiError).message).toContain("twin script (strict): request 3 matches no rule: rule 1:");
  });
});
