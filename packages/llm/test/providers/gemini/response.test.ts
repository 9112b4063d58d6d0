// Gemini GenerateContentResponse -> unified Response (unified-llm-spec §7.5, §3.8, §3.9).
import { describe, expect, it } from "vitest";
import { parseGeminiErrorBody, parseGoogleDuration } from "../../../src/providers/gemini/errors.js";
import {
  geminiPartsToContent,
  geminiUsage,
  mapGeminiFinishReason,
  parseGeminiResponse,
} from "../../../src/providers/gemini/response.js";
import { hasNoParameters, toGeminiSchema } from "../../../src/providers/gemini/schema.js";

const meta = { provider: "gemini", model: "gemini-3-pro-preview" };

describe("mapGeminiFinishReason", () => {
  it.each([
    ["STOP", false, "stop"],
    ["STOP", true, "tool_calls"],
    ["MAX_TOKENS", true, "length"],
    ["SAFETY", false, "content_filter"],
    ["RECITATION", false, "content_filter"],
    ["BLOCKLIST", false, "content_filter"],
    ["PROHIBITED_CONTENT", false, "content_filter"],
    ["SPII", false, "content_filter"],
    ["MALFORMED_FUNCTION_CALL", false, "other"],
    ["LANGUAGE", false, "other"],
    ["OTHER", false, "other"],
  ] as const)("%s (tool calls: %s) -> %s, raw kept", (raw, calls, reason) => {
    expect(mapGeminiFinishReason(raw, calls)).toEqual({ reason, raw });
  });
});

describe("geminiUsage", () => {
  it("counts thoughts in output tokens and maps cache and tool-use prompt tokens", () => {
    const metadata = {
      promptTokenCount: 100,
      toolUsePromptTokenCount: 5,
      candidatesTokenCount: 20,
      thoughtsTokenCount: 30,
      cachedContentTokenCount: 60,
      totalTokenCount: 155,
    };
    expect(geminiUsage(metadata)).toEqual({
      inputTokens: 105,
      outputTokens: 50,
      totalTokens: 155,
      reasoningTokens: 30,
      cacheReadTokens: 60,
      raw: metadata,
    });
    expect(geminiUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });
});

describe("parseGeminiResponse", () => {
  it("translates text, thoughts, calls, media and other parts", () => {
    const response = parseGeminiResponse(
      {
        responseId: "r1",
        modelVersion: "gemini-3-pro-preview-001",
        candidates: [
          {
            content: {
              role: "model",
              parts: [
                { text: "thinking...", thought: true, thoughtSignature: "S0" },
                { text: "Hello", thoughtSignature: "S1" },
                { inlineData: { mimeType: "image/png", data: "AQI=" } },
                { codeExecutionResult: { outcome: "OUTCOME_OK", output: "1" } },
                { functionCall: { name: "f", args: { a: 1 } } },
              ],
            },
            finishReason: "STOP",
            groundingMetadata: { webSearchQueries: ["q"] },
          },
        ],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4 },
      },
      meta,
    );
    expect(response.id).toBe("r1");
    expect(response.model).toBe("gemini-3-pro-preview-001");
    expect(response.finishReason).toEqual({ reason: "tool_calls", raw: "STOP" });
    const content = response.message.content;
    expect(content.slice(0, 5)).toEqual([
      { kind: "thinking", thinking: { text: "thinking...", signature: "S0", redacted: false } },
      { kind: "text", text: "Hello" },
      { kind: "provider", provider: "gemini", data: { thoughtSignature: "S1" } },
      { kind: "image", image: { data: new Uint8Array([1, 2]), mediaType: "image/png" } },
      {
        kind: "provider",
        provider: "gemini",
        data: { part: { codeExecutionResult: { outcome: "OUTCOME_OK", output: "1" } } },
      },
    ]);
    expect(content[5]).toMatchObject({ kind: "tool_call", toolCall: { name: "f", arguments: { a: 1 } } });
    expect((response.raw as { candidates: unknown[] }).candidates).toHaveLength(1);
  });

  it("reports a blocked prompt as content_filter with an empty message", () => {
    const response = parseGeminiResponse(
      { promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, usageMetadata: { promptTokenCount: 7 } },
      meta,
    );
    expect(response.finishReason).toEqual({ reason: "content_filter", raw: "PROHIBITED_CONTENT" });
    expect(response.message.content).toEqual([]);
    expect(response.model).toBe("gemini-3-pro-preview");
  });

  it("uses the server's functionCall id when there is one", () => {
    const [part] = geminiPartsToContent([{ functionCall: { id: "fc1", name: "f" } }]);
    expect(part).toEqual({
      kind: "tool_call",
      toolCall: { id: "fc1", name: "f", arguments: {}, providerMetadata: { gemini: { functionCallId: "fc1" } } },
    });
  });
});

describe("Gemini error bodies", () => {
  it("reads message, gRPC status and RetryInfo", () => {
    expect(
      parseGeminiErrorBody({
        error: {
          code: 429,
          message: "slow down",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "30s" }],
        },
      }),
    ).toEqual({ message: "slow down", code: "RESOURCE_EXHAUSTED", grpcStatus: "RESOURCE_EXHAUSTED", retryAfter: 30 });
    expect(parseGeminiErrorBody([{ error: { code: 500, message: "x" } }])).toEqual({ message: "x", code: "500" });
    expect(parseGeminiErrorBody({ nope: 1 })).toEqual({});
    expect(parseGoogleDuration("1.5s")).toBe(1.5);
    expect(parseGoogleDuration("soon")).toBeUndefined();
  });
});

describe("toGeminiSchema", () => {
  it("keeps documented keywords, rewrites const/allOf/definitions, drops the rest", () => {
    expect(
      toGeminiSchema({
        type: "object",
        definitions: { Pos: { type: "number", exclusiveMinimum: 0 } },
        properties: {
          pattern: { type: "string", pattern: "^a", minLength: 1, description: "a field called pattern" },
          pos: { $ref: "#/definitions/Pos" },
          list: { type: "array", items: { type: "string", format: "date" }, minItems: 1, uniqueItems: true },
        },
        allOf: [{ properties: { extra: { type: "boolean" } }, required: ["extra"] }],
        required: ["pattern"],
      }),
    ).toEqual({
      type: "object",
      $defs: { Pos: { type: "number" } },
      properties: {
        pattern: { type: "string", description: "a field called pattern" },
        pos: { $ref: "#/$defs/Pos" },
        list: { type: "array", items: { type: "string", format: "date" }, minItems: 1 },
        extra: { type: "boolean" },
      },
      required: ["pattern", "extra"],
    });
    expect(hasNoParameters({ type: "object", properties: {} })).toBe(true);
    expect(hasNoParameters({ type: "object", properties: { a: { type: "string" } } })).toBe(false);
  });
});
