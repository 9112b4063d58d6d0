// Unified Request -> Chat Completions body (unified-llm-spec §7.10, §5.3, §3.10).
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildChatRequest } from "../../../src/providers/openai-compatible/request.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { ToolDefinition } from "../../../src/types/tool.js";

const NAME = "openai-compatible";
const weather: ToolDefinition = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

function req(overrides: Partial<Request>): Request {
  return { model: "llama3.1:8b", messages: [Message.user("hi")], ...overrides };
}

describe("buildChatRequest: messages", () => {
  it("translates all five roles", async () => {
    const { body, warnings } = await buildChatRequest(
      req({
        messages: [
          Message.system("Be brief."),
          Message.developer("Use metric units."),
          Message.user("Weather in Paris?"),
          Message.assistant([
            { kind: "thinking", thinking: { text: "need the tool", redacted: false } },
            { kind: "text", text: "Checking." },
            { kind: "tool_call", toolCall: { id: "call_1", name: "get_weather", arguments: { city: "Paris" } } },
            { kind: "tool_call", toolCall: { id: "call_2", name: "get_weather", arguments: '{"city":"Lyon"}' } },
          ]),
          Message.toolResult({ toolCallId: "call_1", content: "18C" }),
          Message.toolResult({ toolCallId: "call_2", content: { temp: 20 }, isError: false }),
          Message.assistant([{ kind: "tool_call", toolCall: { id: "call_3", name: "get_weather", arguments: {} } }]),
          Message.toolResult({ toolCallId: "call_3", content: "unknown city", isError: true }),
        ],
      }),
      NAME,
      false,
    );
    expect(warnings).toEqual([]);
    expect(body.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "system", content: "Use metric units." },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "Checking.",
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "call_2", type: "function", function: { name: "get_weather", arguments: '{"city":"Lyon"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "18C" },
      { role: "tool", tool_call_id: "call_2", content: '{"temp":20}' },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_3", type: "function", function: { name: "get_weather", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "call_3", content: "unknown city" },
    ]);
    expect(body).not.toHaveProperty("stream");
  });

  it("keeps the developer role when asked", async () => {
    const { body } = await buildChatRequest(
      req({
        messages: [Message.developer("x"), Message.user("y")],
        providerOptions: { [NAME]: { developerRole: "developer" } },
      }),
      NAME,
      false,
    );
    expect(body.messages[0]).toEqual({ role: "developer", content: "x" });
    expect(body).not.toHaveProperty("developerRole");
  });

  it("sends images as image_url (URLs, data URIs), audio and documents from bytes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "chat-media-"));
    const file = join(dir, "pic.png");
    await writeFile(file, Buffer.from([137, 80]));
    const { body, warnings } = await buildChatRequest(
      req({
        messages: [
          Message.user([
            { kind: "text", text: "Look:" },
            { kind: "image", image: { url: "https://example.com/cat.jpg", detail: "low" } },
            { kind: "image", image: { data: new Uint8Array([255, 216]), mediaType: "image/jpeg" } },
            { kind: "image", image: { url: file } },
            { kind: "audio", audio: { data: new Uint8Array([1]), mediaType: "audio/mpeg" } },
            { kind: "audio", audio: { url: "https://example.com/a.wav" } },
            { kind: "document", document: { data: new Uint8Array([37]), fileName: "a.pdf" } },
          ]),
        ],
      }),
      NAME,
      false,
    );
    expect(body.messages[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "Look:" },
        { type: "image_url", image_url: { url: "https://example.com/cat.jpg", detail: "low" } },
        { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9g=" } },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVA=" } },
        { type: "input_audio", input_audio: { data: "AQ==", format: "mp3" } },
        { type: "file", file: { file_data: "data:application/pdf;base64,JQ==", filename: "a.pdf" } },
      ],
    });
    expect(warnings.map((w) => w.code)).toEqual(["audio_url_dropped"]);
  });
});

describe("buildChatRequest: tools and parameters", () => {
  it.each([
    [{ mode: "auto" }, "auto"],
    [{ mode: "none" }, "none"],
    [{ mode: "required" }, "required"],
    [
      { mode: "named", toolName: "get_weather" },
      { type: "function", function: { name: "get_weather" } },
    ],
  ] as const)("maps tool choice %j", async (toolChoice, expected) => {
    const { body } = await buildChatRequest(req({ tools: [weather], toolChoice }), NAME, false);
    expect(body.tools).toEqual([
      {
        type: "function",
        function: { name: "get_weather", description: "Weather for a city", parameters: weather.parameters },
      },
    ]);
    expect(body.tool_choice).toEqual(expected);
  });

  it("sends no tool_choice without tools", async () => {
    const { body } = await buildChatRequest(req({ toolChoice: { mode: "required" } }), NAME, false);
    expect(body).not.toHaveProperty("tool_choice");
    expect(body).not.toHaveProperty("tools");
  });

  it("maps response formats, sampling, limits, stop and reasoning effort", async () => {
    const schema = { type: "object", properties: { n: { type: "integer" } } };
    const { body } = await buildChatRequest(
      req({
        temperature: 0.3,
        topP: 0.8,
        maxTokens: 256,
        stopSequences: ["</end>"],
        reasoningEffort: "high",
        metadata: { run: "1" },
        responseFormat: { type: "json_schema", jsonSchema: schema, name: "count", strict: true },
      }),
      NAME,
      false,
    );
    expect(body).toEqual({
      model: "llama3.1:8b",
      messages: [{ role: "user", content: "hi" }],
      response_format: { type: "json_schema", json_schema: { name: "count", schema, strict: true } },
      temperature: 0.3,
      top_p: 0.8,
      max_tokens: 256,
      stop: ["</end>"],
      reasoning_effort: "high",
    });
    const json = await buildChatRequest(req({ responseFormat: { type: "json" } }), NAME, false);
    expect(json.body.response_format).toEqual({ type: "json_object" });
    const schemaDefaults = await buildChatRequest(
      req({ responseFormat: { type: "json_schema", jsonSchema: schema } }),
      NAME,
      false,
    );
    expect(schemaDefaults.body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "response", schema, strict: false },
    });
  });

  it("sends max_completion_tokens when asked, and copies other provider options verbatim", async () => {
    const swapped = await buildChatRequest(
      req({ maxTokens: 100, providerOptions: { [NAME]: { useMaxCompletionTokens: true } } }),
      NAME,
      false,
    );
    expect(swapped.body).toMatchObject({ max_completion_tokens: 100 });
    expect(swapped.body).not.toHaveProperty("max_tokens");
    expect(swapped.body).not.toHaveProperty("useMaxCompletionTokens");
    const raw = await buildChatRequest(
      req({
        maxTokens: 100,
        providerOptions: { [NAME]: { max_completion_tokens: 300, top_k: 20, seed: 7 }, gemini: { x: 1 } },
      }),
      NAME,
      false,
    );
    expect(raw.body).toMatchObject({ max_completion_tokens: 300, top_k: 20, seed: 7 });
    expect(raw.body).not.toHaveProperty("max_tokens");
    expect(raw.body).not.toHaveProperty("x");
  });

  it("adds stream and stream_options for streams, and reads options under a custom adapter name", async () => {
    const streamed = await buildChatRequest(req({}), NAME, true);
    expect(streamed.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const noUsage = await buildChatRequest(
      req({ providerOptions: { ollama: { includeUsage: false, keep_alive: "5m" } } }),
      "ollama",
      true,
    );
    expect(noUsage.body).toMatchObject({ stream: true, keep_alive: "5m" });
    expect(noUsage.body).not.toHaveProperty("stream_options");
    expect(noUsage.body).not.toHaveProperty("includeUsage");
  });
});
