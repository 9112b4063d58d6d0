// Unified Request -> Gemini generateContent body (unified-llm-spec §7.3 Gemini, §5.3, §3.10).
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../../src/errors/client-errors.js";
import { SKIP_SIGNATURE } from "../../../src/providers/gemini/contents.js";
import { buildGeminiRequest, thinkingConfigFor } from "../../../src/providers/gemini/request.js";
import { parseGeminiResponse } from "../../../src/providers/gemini/response.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { ToolDefinition } from "../../../src/types/tool.js";

const weather: ToolDefinition = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const clock: ToolDefinition = { name: "now", description: "The time", parameters: { type: "object", properties: {} } };

function req(overrides: Partial<Request>): Request {
  return { model: "gemini-3-pro-preview", messages: [Message.user("hi")], ...overrides };
}

describe("buildGeminiRequest: messages", () => {
  it("translates all five roles: system and developer to systemInstruction, tool results by name", async () => {
    const { body, warnings } = await buildGeminiRequest(
      req({
        messages: [
          Message.system("Be brief."),
          Message.developer("Answer in English."),
          Message.user("Weather in Paris and Rome?"),
          Message.assistant([
            { kind: "text", text: "Checking." },
            { kind: "tool_call", toolCall: { id: "call_1", name: "get_weather", arguments: { city: "Paris" } } },
            { kind: "tool_call", toolCall: { id: "call_2", name: "get_weather", arguments: '{"city":"Rome"}' } },
          ]),
          Message.toolResult({ toolCallId: "call_1", content: "18C and sunny" }),
          Message.toolResult({ toolCallId: "call_2", content: { temp: 21, sky: "clear" } }),
          Message.user("Thanks"),
        ],
      }),
    );
    expect(warnings).toEqual([]);
    expect(body.systemInstruction).toEqual({ parts: [{ text: "Be brief." }, { text: "Answer in English." }] });
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and Rome?" }] },
      {
        role: "model",
        parts: [
          { text: "Checking." },
          { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: SKIP_SIGNATURE },
          { functionCall: { name: "get_weather", args: { city: "Rome" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { result: "18C and sunny" } } },
          { functionResponse: { name: "get_weather", response: { temp: 21, sky: "clear" } } },
        ],
      },
      { role: "user", parts: [{ text: "Thanks" }] },
    ]);
  });

  it("falls back to the tool message's name, wraps lists and errors, and fails without a name", async () => {
    const { body } = await buildGeminiRequest(
      req({
        messages: [
          Message.user("go"),
          Message.toolResult({ toolCallId: "gone", content: ["a", "b"], name: "list_files" }),
          Message.toolResult({ toolCallId: "gone2", content: "boom", isError: true, name: "run" }),
        ],
      }),
    );
    expect(body.contents[1].parts).toEqual([
      { functionResponse: { name: "list_files", response: { result: ["a", "b"] } } },
      { functionResponse: { name: "run", response: { error: "boom" } } },
    ]);
    await expect(
      buildGeminiRequest(req({ messages: [Message.toolResult({ toolCallId: "nowhere", content: "x" })] })),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("sends the server's functionCall id back on the call and its response", async () => {
    const { body } = await buildGeminiRequest(
      req({
        messages: [
          Message.assistant([
            {
              kind: "tool_call",
              toolCall: {
                id: "fc-7",
                name: "now",
                arguments: {},
                providerMetadata: { gemini: { thoughtSignature: "sig", functionCallId: "fc-7" } },
              },
            },
          ]),
          Message.toolResult({ toolCallId: "fc-7", content: "noon" }),
        ],
      }),
    );
    expect(body.contents).toEqual([
      { role: "model", parts: [{ functionCall: { name: "now", args: {}, id: "fc-7" }, thoughtSignature: "sig" }] },
      { role: "user", parts: [{ functionResponse: { name: "now", response: { result: "noon" }, id: "fc-7" } }] },
    ]);
  });

  it("sends images, audio and documents as fileData (URLs) or inlineData (bytes, data URIs, local files)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gemini-media-"));
    const file = join(dir, "cat.jpg");
    await writeFile(file, Buffer.from([1, 2, 3]));
    const { body } = await buildGeminiRequest(
      req({
        messages: [
          Message.user([
            { kind: "image", image: { url: "https://example.com/a/cat.webp?size=2" } },
            { kind: "image", image: { data: new Uint8Array([255, 216]), mediaType: "image/jpeg" } },
            { kind: "image", image: { url: file } },
            { kind: "image", image: { url: "data:image/gif;base64,R0lG" } },
            { kind: "audio", audio: { data: new Uint8Array([0]), mediaType: "audio/mp3" } },
            { kind: "document", document: { url: "gs://bucket/report.pdf" } },
            { kind: "document", document: { data: new Uint8Array([37, 80]) } },
          ]),
        ],
      }),
    );
    expect(body.contents[0].parts).toEqual([
      { fileData: { mimeType: "image/webp", fileUri: "https://example.com/a/cat.webp?size=2" } },
      { inlineData: { mimeType: "image/jpeg", data: "/9g=" } },
      { inlineData: { mimeType: "image/jpeg", data: "AQID" } },
      { inlineData: { mimeType: "image/gif", data: "R0lG" } },
      { inlineData: { mimeType: "audio/mp3", data: "AA==" } },
      { fileData: { mimeType: "application/pdf", fileUri: "gs://bucket/report.pdf" } },
      { inlineData: { mimeType: "application/pdf", data: "JVA=" } },
    ]);
    await expect(
      buildGeminiRequest(
        req({ messages: [Message.user([{ kind: "image", image: { url: join(dir, "missing.png") } }])] }),
      ),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("sends a tool result's image after its functionResponse", async () => {
    const message = Message.toolResult({ toolCallId: "c", content: "shot", name: "screenshot" });
    if (message.content[0].kind === "tool_result") message.content[0].toolResult.imageData = new Uint8Array([1]);
    const { body } = await buildGeminiRequest(req({ messages: [message] }));
    expect(body.contents[0].parts).toEqual([
      { functionResponse: { name: "screenshot", response: { result: "shot" } } },
      { inlineData: { mimeType: "image/png", data: "AQ==" } },
    ]);
  });

  it("round-trips thought signatures of tool calls, text and thinking from a response", async () => {
    const fields = parseGeminiResponse(
      {
        candidates: [
          {
            content: {
              role: "model",
              parts: [
                { text: "planning", thought: true, thoughtSignature: "T1" },
                { text: "Let me look.", thoughtSignature: "T2" },
                { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "T3" },
                { executableCode: { language: "PYTHON", code: "print(1)" } },
              ],
            },
            finishReason: "STOP",
          },
        ],
      },
      { provider: "gemini", model: "gemini-3-pro-preview" },
    );
    const callId = fields.message.content.find((p) => p.kind === "tool_call");
    const id = callId?.kind === "tool_call" ? callId.toolCall.id : "";
    const { body } = await buildGeminiRequest(
      req({ messages: [Message.user("q"), fields.message, Message.toolResult({ toolCallId: id, content: "sunny" })] }),
    );
    expect(body.contents[1]).toEqual({
      role: "model",
      parts: [
        { text: "planning", thought: true, thoughtSignature: "T1" },
        { text: "Let me look.", thoughtSignature: "T2" },
        { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "T3" },
        { executableCode: { language: "PYTHON", code: "print(1)" } },
      ],
    });
    expect(body.contents[2].parts).toEqual([
      { functionResponse: { name: "get_weather", response: { result: "sunny" } } },
    ]);
  });

  it("keeps a signature that follows a signed part as its own empty text part", async () => {
    const { body } = await buildGeminiRequest(
      req({
        messages: [
          Message.assistant([
            { kind: "thinking", thinking: { text: "hmm", signature: "A", redacted: false } },
            { kind: "provider", provider: "gemini", data: { thoughtSignature: "B" } },
          ]),
        ],
      }),
    );
    expect(body.contents[0].parts).toEqual([
      { text: "hmm", thought: true, thoughtSignature: "A" },
      { text: "", thoughtSignature: "B" },
    ]);
  });

  it("drops what Gemini cannot take, with warnings, and skips messages left empty", async () => {
    const { body, warnings } = await buildGeminiRequest(
      req({
        messages: [
          Message.user("q"),
          Message.assistant([{ kind: "redacted_thinking", thinking: { text: "opaque", redacted: true } }]),
          Message.assistant([
            { kind: "provider", provider: "openai", data: { type: "reasoning" } },
            { kind: "text", text: "a" },
          ]),
        ],
      }),
    );
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "q" }] },
      { role: "model", parts: [{ text: "a" }] },
    ]);
    expect(warnings.map((w) => w.code)).toEqual(["redacted_thinking_dropped", "provider_part_dropped"]);
  });

  it("signs unsigned function calls only for Gemini 3+ models", async () => {
    const messages = [
      Message.assistant([{ kind: "tool_call", toolCall: { id: "x", name: "now", arguments: {} } }]),
      Message.toolResult({ toolCallId: "x", content: "noon" }),
    ];
    const three = await buildGeminiRequest(req({ messages }));
    expect(three.body.contents[0].parts?.[0].thoughtSignature).toBe(SKIP_SIGNATURE);
    const two = await buildGeminiRequest(req({ model: "gemini-2.5-flash", messages }));
    expect(two.body.contents[0].parts?.[0].thoughtSignature).toBeUndefined();
  });
});

describe("buildGeminiRequest: tools, tool choice, generation config", () => {
  it("declares tools with parametersJsonSchema, omitting empty parameters", async () => {
    const { body } = await buildGeminiRequest(req({ tools: [weather, clock] }));
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "get_weather",
            description: "Weather for a city",
            parametersJsonSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          },
          { name: "now", description: "The time" },
        ],
      },
    ]);
    expect(body.toolConfig).toBeUndefined();
  });

  it.each([
    [{ mode: "auto" }, { mode: "AUTO" }],
    [{ mode: "none" }, { mode: "NONE" }],
    [{ mode: "required" }, { mode: "ANY" }],
    [
      { mode: "named", toolName: "get_weather" },
      { mode: "ANY", allowedFunctionNames: ["get_weather"] },
    ],
  ] as const)("maps tool choice %j to functionCallingConfig %j", async (toolChoice, config) => {
    const { body } = await buildGeminiRequest(req({ tools: [weather], toolChoice }));
    expect(body.toolConfig).toEqual({ functionCallingConfig: config });
  });

  it("sends no toolConfig without tools", async () => {
    const { body } = await buildGeminiRequest(req({ toolChoice: { mode: "required" } }));
    expect(body.toolConfig).toBeUndefined();
    expect(body.tools).toBeUndefined();
  });

  it("maps sampling parameters and response formats to generationConfig", async () => {
    const json = await buildGeminiRequest(
      req({ temperature: 0.2, topP: 0.9, maxTokens: 500, stopSequences: ["END"], responseFormat: { type: "json" } }),
    );
    expect(json.body.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 500,
      stopSequences: ["END"],
      responseMimeType: "application/json",
    });
    const schema = await buildGeminiRequest(
      req({
        responseFormat: {
          type: "json_schema",
          strict: true,
          jsonSchema: {
            $schema: "https://json-schema.org/draft/2020-12/schema",
            type: "object",
            properties: { n: { type: ["integer", "null"], minimum: 0, default: 1 }, kind: { const: "x" } },
            required: ["n"],
            additionalProperties: false,
          },
        },
      }),
    );
    expect(schema.body.generationConfig).toEqual({
      responseMimeType: "application/json",
      responseJsonSchema: {
        type: "object",
        properties: { n: { minimum: 0, anyOf: [{ type: "integer" }, { type: "null" }] }, kind: { enum: ["x"] } },
        required: ["n"],
        additionalProperties: false,
      },
    });
    const text = await buildGeminiRequest(req({ responseFormat: { type: "text" } }));
    expect(text.body.generationConfig).toBeUndefined();
  });

  it("maps reasoning effort to thinkingLevel (Gemini 3+) or thinkingBudget (2.x)", () => {
    expect(thinkingConfigFor("gemini-3-flash-preview", "low")).toEqual({ thinkingLevel: "LOW", includeThoughts: true });
    expect(thinkingConfigFor("gemini-3-flash-preview", "medium")).toEqual({
      thinkingLevel: "MEDIUM",
      includeThoughts: true,
    });
    expect(thinkingConfigFor("gemini-3-pro-preview", "medium")).toEqual({
      thinkingLevel: "HIGH",
      includeThoughts: true,
    });
    expect(thinkingConfigFor("gemini-3.1-pro-preview", "high")).toEqual({
      thinkingLevel: "HIGH",
      includeThoughts: true,
    });
    expect(thinkingConfigFor("gemini-2.5-flash", "low")).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    expect(thinkingConfigFor("models/gemini-2.5-pro", "medium")).toEqual({
      thinkingBudget: 8192,
      includeThoughts: true,
    });
    expect(thinkingConfigFor("gemini-2.0-flash", "high")).toEqual({ thinkingBudget: 24576, includeThoughts: true });
    expect(thinkingConfigFor("gemini-3-pro-preview", undefined)).toBeUndefined();
  });

  it("merges providerOptions.gemini into the body", async () => {
    const { body } = await buildGeminiRequest(
      req({
        tools: [weather],
        toolChoice: { mode: "auto" },
        reasoningEffort: "low",
        maxTokens: 100,
        providerOptions: {
          gemini: {
            safetySettings: [{ category: "HARM_CATEGORY_HATE_SPEECH", threshold: "BLOCK_ONLY_HIGH" }],
            cachedContent: "cachedContents/abc",
            generationConfig: { topK: 40, maxOutputTokens: 200 },
            thinkingConfig: { includeThoughts: false },
            tools: [{ googleSearch: {} }],
            toolConfig: { functionCallingConfig: { streamFunctionCallArguments: true } },
            serviceTier: "flex",
          },
          openai: { ignored: true },
        },
      }),
    );
    expect(body).toMatchObject({
      safetySettings: [{ category: "HARM_CATEGORY_HATE_SPEECH", threshold: "BLOCK_ONLY_HIGH" }],
      cachedContent: "cachedContents/abc",
      generationConfig: {
        maxOutputTokens: 200,
        topK: 40,
        thinkingConfig: { thinkingLevel: "LOW", includeThoughts: false },
      },
      toolConfig: { functionCallingConfig: { mode: "AUTO", streamFunctionCallArguments: true } },
      serviceTier: "flex",
    });
    expect(body.tools?.[1]).toEqual({ googleSearch: {} });
    expect(body).not.toHaveProperty("ignored");
  });
});
