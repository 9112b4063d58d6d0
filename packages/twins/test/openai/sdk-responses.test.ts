// The official `openai` SDK, unchanged, against the OpenAI twin: the Responses API.
import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { admin, loadScriptInto } from "../helpers/admin.js";
import { sdkClient, startOpenAITwin, WEATHER_TOOL } from "../helpers/twins.js";

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

describe("responses.create (non-streaming)", () => {
  it("answers an echo with computed usage, the snapshot model and OpenAI ids", async () => {
    const { data: response, request_id } = await client.responses
      .create({ model: "gpt-4.1", input: "Hello twin, how are you today?" })
      .withResponse();
    expect(response.output_text).toBe("Echo: Hello twin, how are you today?");
    expect(response.model).toBe("gpt-4.1-2025-04-14");
    expect(response.status).toBe("completed");
    expect(response.id).toMatch(/^resp_[0-9a-f]{50}$/);
    expect(response.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed" });
    expect(response.output[0].id).toMatch(/^msg_[0-9a-f]{50}$/);
    expect(request_id).toMatch(/^req_[0-9a-f]{32}$/);
    const usage = response.usage!;
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens).toBe(10); // "Echo: Hello twin, how are you today?": 7 words, 3 punctuation marks
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
    expect(usage.input_tokens_details.cached_tokens).toBe(0);
  });

  it("calls tools, in parallel, and continues from the outputs (stateless and by previous_response_id)", async () => {
    await loadScriptInto(
      twin,
      `rules:
  - match: { userText: weather }
    reply:
      toolCalls:
        - { name: get_weather, arguments: { city: Paris } }
        - { name: get_weather, arguments: { city: Rome } }
  - match: { toolResult: get_weather, toolResultContains: sunny }
    reply: { text: "Sunny in Paris and Rome." }
`,
    );
    const first = await client.responses.create({
      model: "gpt-4.1",
      input: "weather in Paris and Rome?",
      tools: [WEATHER_TOOL],
    });
    const calls = first.output.filter((item) => item.type === "function_call");
    expect(calls.map((c) => [c.name, JSON.parse(c.arguments)])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Rome" }],
    ]);
    expect(calls[0].call_id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(first.output_text).toBe("");
    const outputs = calls.map((c) => ({ type: "function_call_output" as const, call_id: c.call_id, output: "sunny" }));
    const stateless = await client.responses.create({
      model: "gpt-4.1",
      input: [{ role: "user", content: "weather in Paris and Rome?" }, ...calls, ...outputs],
      tools: [WEATHER_TOOL],
    });
    expect(stateless.output_text).toBe("Sunny in Paris and Rome.");
    const chained = await client.responses.create({
      model: "gpt-4.1",
      previous_response_id: first.id,
      input: outputs,
      tools: [WEATHER_TOOL],
    });
    expect(chained.output_text).toBe("Sunny in Paris and Rome.");
    expect(chained.previous_response_id).toBe(first.id);
    expect((await client.responses.retrieve(first.id)).id).toBe(first.id);
  });

  it("forces a tool with tool_choice and fills its arguments from the schema", async () => {
    const response = await client.responses.create({
      model: "gpt-4.1",
      input: "anything",
      tools: [WEATHER_TOOL],
      tool_choice: { type: "function", name: "get_weather" },
    });
    const call = response.output[0];
    expect(call.type === "function_call" && JSON.parse(call.arguments)).toEqual({ city: "city" });
  });

  it("answers structured output (text.format json_schema) with an instance of the schema", async () => {
    const schema = {
      type: "object",
      properties: { name: { type: "string" }, age: { type: "integer" } },
      required: ["name", "age"],
      additionalProperties: false,
    };
    const response = await client.responses.create({
      model: "gpt-4.1",
      input: "Alice is 30.",
      text: { format: { type: "json_schema", name: "person", schema, strict: true } },
    });
    expect(JSON.parse(response.output_text)).toEqual({ name: "name", age: 0 });
    expect(response.text?.format).toMatchObject({ type: "json_schema", name: "person" });
    await loadScriptInto(twin, "rules:\n  - reply: { json: { name: Alice, age: 30 } }\n");
    const scripted = await client.responses.create({
      model: "gpt-4.1",
      input: "Alice is 30.",
      text: { format: { type: "json_schema", name: "person", schema, strict: true } },
    });
    expect(JSON.parse(scripted.output_text)).toEqual({ name: "Alice", age: 30 });
  });

  it("reasons: a reasoning item with its summary, and reasoning_tokens", async () => {
    await loadScriptInto(twin, "rules:\n  - reply: { reasoning: Two plus two is four., text: '4' }\n");
    const response = await client.responses.create({
      model: "gpt-5-mini",
      input: "2+2?",
      reasoning: { effort: "low", summary: "auto" },
      include: ["reasoning.encrypted_content"],
      store: false,
    });
    const [reasoning, message] = response.output;
    expect(reasoning).toMatchObject({
      type: "reasoning",
      summary: [{ type: "summary_text", text: "Two plus two is four." }],
    });
    expect(reasoning.type === "reasoning" && reasoning.encrypted_content).toMatch(/^gAAAAAB/);
    expect(message.type).toBe("message");
    expect(response.output_text).toBe("4");
    expect(response.reasoning).toEqual({ effort: "low", summary: "auto" });
    // "Two plus two is four." is 5 words and a period: 6 tokens; "4" is 1.
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(6);
    expect(response.usage?.output_tokens).toBe(7);
    // The reasoning item goes back as input (stateless multi-turn) and is accepted.
    const next = await client.responses.create({
      model: "gpt-5-mini",
      input: [
        { role: "user", content: "2+2?" },
        ...response.output,
        { role: "user", content: "and 3+3?" },
      ] as OpenAI.Responses.ResponseInput,
      store: false,
    });
    expect(next.status).toBe("completed");
  });

  it("reasoning models reason by default; the summary only when asked", async () => {
    const response = await client.responses.create({ model: "gpt-5-mini", input: "Say hi" });
    expect(response.output[0]).toMatchObject({ type: "reasoning", summary: [] });
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(response.reasoning?.effort).toBe("medium");
  });

  it("reports cached tokens when a long prefix repeats (1024+ tokens, steps of 128)", async () => {
    const instructions = "You are a meticulous assistant. ".repeat(200); // ~1600 tokens
    const first = await client.responses.create({ model: "gpt-4.1", instructions, input: "first question" });
    expect(first.usage?.input_tokens_details.cached_tokens).toBe(0);
    const second = await client.responses.create({ model: "gpt-4.1", instructions, input: "second question" });
    const cached = second.usage?.input_tokens_details.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThanOrEqual(second.usage?.input_tokens ?? 0);
  });

  it("stops at max_output_tokens with status incomplete", async () => {
    await loadScriptInto(twin, `rules:\n  - reply: { text: "${"word ".repeat(40).trim()}" }\n`);
    const response = await client.responses.create({ model: "gpt-4.1", input: "long please", max_output_tokens: 16 });
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(response.usage?.output_tokens).toBeLessThanOrEqual(16);
  });
});

describe("responses.create (streaming)", () => {
  it("streams text with the real event names, order and sequence numbers", async () => {
    const stream = await client.responses.create({ model: "gpt-4.1", input: "stream this please", stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((e) => e.type);
    expect(types.slice(0, 4)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
    ]);
    expect(types.filter((t, i) => t !== types[i - 1]).slice(4)).toEqual([
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const text = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : [])).join("");
    expect(text).toBe("Echo: stream this please");
    const completed = events.at(-1);
    expect(completed?.type === "response.completed" && completed.response.usage?.output_tokens).toBe(5);
  });

  it("streams reasoning summaries and parallel function calls; the SDK helper assembles them", async () => {
    await loadScriptInto(
      twin,
      `rules:
  - reply:
      reasoning: Look up both cities.
      toolCalls:
        - { name: get_weather, arguments: { city: Paris } }
        - { name: get_weather, arguments: { city: Rome } }
`,
    );
    const stream = client.responses.stream({
      model: "gpt-5-mini",
      input: "weather?",
      tools: [WEATHER_TOOL],
      reasoning: { effort: "high", summary: "detailed" },
    });
    const types: string[] = [];
    let args = "";
    stream.on("event", (event) => types.push(event.type));
    stream.on("response.function_call_arguments.delta", (event) => {
      args += event.delta;
    });
    const final = await stream.finalResponse();
    expect(final.output.map((o) => o.type)).toEqual(["reasoning", "function_call", "function_call"]);
    expect(args).toBe('{"city":"Paris"}{"city":"Rome"}');
    expect(types).toContain("response.reasoning_summary_text.delta");
    const calls = final.output.filter((o) => o.type === "function_call");
    expect(calls.map((c) => c.type === "function_call" && c.arguments)).toEqual([
      '{"city":"Paris"}',
      '{"city":"Rome"}',
    ]);
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(5);
    const collapsed = types.filter((t, i) => t !== types[i - 1]);
    expect(collapsed).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
  });
});
