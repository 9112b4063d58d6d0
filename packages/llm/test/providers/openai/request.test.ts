// Request translation for the OpenAI Responses API (unified-llm-spec §7.2-7.4, §5.3, §3.10):
// the body `buildRequestBody` sends for roles, tools, tool choice and parameters. Message content
// (tool results, replayed items, media) is in input.test.ts.
import { describe, expect, it } from "vitest";
import { buildRequestBody, mergeProviderOptions } from "../../../src/providers/openai/request.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { ToolDefinition } from "../../../src/types/tool.js";

const weather: ToolDefinition = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const search: ToolDefinition = {
  name: "search",
  description: "Search the web",
  parameters: { type: "object", properties: { q: { type: "string" } } },
};

const req = (over: Partial<Request> = {}): Request => ({ model: "gpt-5.2", messages: [Message.user("Hi")], ...over });
const body = async (over: Partial<Request> = {}) => (await buildRequestBody(req(over), false)).body;

describe("buildRequestBody: roles", () => {
  it("translates all five roles: system -> instructions, the others -> input items in order", async () => {
    const built = await buildRequestBody(
      req({
        messages: [
          Message.system("You are terse."),
          Message.developer("Answer in French."),
          Message.user("What is the weather in Paris?"),
          Message.assistant([
            { kind: "text", text: "Let me check." },
            { kind: "tool_call", toolCall: { id: "call_1", name: "get_weather", arguments: { city: "Paris" } } },
          ]),
          Message.toolResult({ toolCallId: "call_1", content: "18C, cloudy" }),
          Message.system("Be polite."),
        ],
        tools: [weather],
      }),
      false,
    );
    expect(built.body).toEqual({
      model: "gpt-5.2",
      instructions: "You are terse.\n\nBe polite.",
      input: [
        { type: "message", role: "developer", content: [{ type: "input_text", text: "Answer in French." }] },
        { type: "message", role: "user", content: [{ type: "input_text", text: "What is the weather in Paris?" }] },
        {
          type: "message",
          role: "assistant",
          content: [{ type: "output_text", text: "Let me check.", annotations: [] }],
        },
        { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { type: "function_call_output", call_id: "call_1", output: "18C, cloudy" },
      ],
      tools: [
        {
          type: "function",
          name: "get_weather",
          description: "Weather for a city",
          parameters: weather.parameters,
          strict: false,
        },
      ],
    });
    expect(built.warnings).toEqual([]);
    expect([...built.declaredTools]).toEqual(["get_weather"]);
  });

  it("sends no instructions without system messages, and keeps multi-part user content in order", async () => {
    const b = await body({
      messages: [
        Message.user([
          { kind: "text", text: "Compare" },
          { kind: "image", image: { url: "https://example.com/a.png" } },
          { kind: "text", text: "with" },
          { kind: "image", image: { url: "https://example.com/b.png", detail: "low" } },
        ]),
      ],
    });
    expect(b).not.toHaveProperty("instructions");
    expect(b.input).toEqual([
      {
        type: "message",
        role: "user",
        content: [
          { type: "input_text", text: "Compare" },
          { type: "input_image", image_url: "https://example.com/a.png", detail: "auto" },
          { type: "input_text", text: "with" },
          { type: "input_image", image_url: "https://example.com/b.png", detail: "low" },
        ],
      },
    ]);
  });

  it("splits an assistant turn into messages and call items in conversation order", async () => {
    const b = await body({
      messages: [
        Message.user("Go"),
        Message.assistant([
          { kind: "text", text: "A" },
          { kind: "text", text: "B" },
          { kind: "tool_call", toolCall: { id: "c1", name: "get_weather", arguments: '{"city":"Rome"}' } },
          { kind: "tool_call", toolCall: { id: "c2", name: "search", arguments: {} } },
          { kind: "text", text: "C" },
        ]),
      ],
    });
    expect(b.input.slice(1)).toEqual([
      {
        type: "message",
        role: "assistant",
        content: [
          { type: "output_text", text: "A", annotations: [] },
          { type: "output_text", text: "B", annotations: [] },
        ],
      },
      // A string argument is sent as it is.
      { type: "function_call", call_id: "c1", name: "get_weather", arguments: '{"city":"Rome"}' },
      { type: "function_call", call_id: "c2", name: "search", arguments: "{}" },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "C", annotations: [] }] },
    ]);
  });
});

describe("buildRequestBody: tools and tool choice", () => {
  it.each([
    ["auto", { mode: "auto" }, "auto"],
    ["none", { mode: "none" }, "none"],
    ["required", { mode: "required" }, "required"],
    ["named", { mode: "named", toolName: "search" }, { type: "function", name: "search" }],
  ] as const)("maps tool choice %s", async (_name, toolChoice, expected) => {
    const b = await body({ tools: [weather, search], toolChoice });
    expect(b.tool_choice).toEqual(expected);
    expect(b.tools?.map((t) => (t as { name: string }).name)).toEqual(["get_weather", "search"]);
  });

  it("leaves tool_choice out when there are no tools (provider default), warning for modes that need tools", async () => {
    const auto = await buildRequestBody(req({ toolChoice: { mode: "auto" } }), false);
    expect(auto.body).not.toHaveProperty("tool_choice");
    expect(auto.body).not.toHaveProperty("tools");
    expect(auto.warnings).toEqual([]);
    const required = await buildRequestBody(req({ toolChoice: { mode: "required" } }), false);
    expect(required.body).not.toHaveProperty("tool_choice");
    expect(required.warnings).toEqual([
      {
        code: "unsupported_parameter",
        message: "openai: toolChoice 'required' was not sent because the request has no tools",
      },
    ]);
  });

  it("appends built-in tools from providerOptions.openai.tools after the function tools", async () => {
    const b = await body({
      tools: [weather],
      toolChoice: { mode: "required" },
      providerOptions: {
        openai: { tools: [{ type: "web_search" }, { type: "file_search", vector_store_ids: ["vs_1"] }] },
      },
    });
    expect(b.tools?.map((t) => t.type)).toEqual(["function", "web_search", "file_search"]);
    expect(b.tool_choice).toBe("required");
  });

  it("sends tool_choice with only built-in tools", async () => {
    const b = await body({
      toolChoice: { mode: "required" },
      providerOptions: { openai: { tools: [{ type: "web_search" }] } },
    });
    expect(b.tool_choice).toBe("required");
  });
});

describe("buildRequestBody: parameters", () => {
  it("maps response formats to text.format", async () => {
    expect(await body({ responseFormat: { type: "text" } })).not.toHaveProperty("text");
    expect((await body({ responseFormat: { type: "json" } })).text).toEqual({ format: { type: "json_object" } });
    const schema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };
    expect((await body({ responseFormat: { type: "json_schema", jsonSchema: schema } })).text).toEqual({
      format: { type: "json_schema", name: "response", schema, strict: false },
    });
    expect(
      (await body({ responseFormat: { type: "json_schema", jsonSchema: schema, name: "person", strict: true } })).text,
    ).toEqual({ format: { type: "json_schema", name: "person", schema, strict: true } });
  });

  it("maps reasoning effort, max tokens, sampling and metadata", async () => {
    const b = await body({
      reasoningEffort: "high",
      maxTokens: 512,
      temperature: 0.2,
      topP: 0.9,
      metadata: { run: "42" },
    });
    expect(b).toMatchObject({
      reasoning: { effort: "high" },
      max_output_tokens: 512,
      temperature: 0.2,
      top_p: 0.9,
      metadata: { run: "42" },
    });
    const plain = await body();
    for (const key of ["reasoning", "max_output_tokens", "temperature", "top_p", "metadata", "tool_choice", "stream"]) {
      expect(plain).not.toHaveProperty(key);
    }
  });

  it("does not send stop sequences (the Responses API has none) and warns", async () => {
    const built = await buildRequestBody(req({ stopSequences: ["END"] }), false);
    expect(JSON.stringify(built.body)).not.toContain("END");
    expect(built.warnings).toEqual([
      {
        code: "unsupported_parameter",
        message: "openai: the Responses API has no stop sequences; stopSequences was not sent",
      },
    ]);
  });

  it("merges providerOptions.openai into the body", async () => {
    const b = await body({
      reasoningEffort: "low",
      responseFormat: { type: "json" },
      metadata: { a: "1" },
      providerOptions: {
        openai: {
          include: ["reasoning.encrypted_content"],
          store: false,
          previous_response_id: "resp_prev",
          parallel_tool_calls: false,
          service_tier: "flex",
          reasoning: { summary: "auto" },
          text: { verbosity: "low" },
          metadata: { b: "2" },
          stream: true,
          truncation: "auto",
        },
        anthropic: { ignored: true },
      },
    });
    expect(b).toEqual({
      model: "gpt-5.2",
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "Hi" }] }],
      include: ["reasoning.encrypted_content"],
      store: false,
      previous_response_id: "resp_prev",
      parallel_tool_calls: false,
      service_tier: "flex",
      reasoning: { effort: "low", summary: "auto" },
      text: { format: { type: "json_object" }, verbosity: "low" },
      metadata: { a: "1", b: "2" },
      truncation: "auto",
    });
  });

  it("adds include entries without duplicates", () => {
    const merged = mergeProviderOptions(
      { model: "m", input: [], include: ["file_search_call.results"] },
      { include: ["file_search_call.results", "reasoning.encrypted_content"] },
    );
    expect(merged.include).toEqual(["file_search_call.results", "reasoning.encrypted_content"]);
  });

  it("sets stream: true only for streaming bodies", async () => {
    expect((await buildRequestBody(req(), true)).body.stream).toBe(true);
    expect((await buildRequestBody(req(), false)).body).not.toHaveProperty("stream");
  });
});
