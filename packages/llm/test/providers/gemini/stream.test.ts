// Gemini stream translation (unified-llm-spec §7.7 Gemini) on hand-written chunks: streamed function
// call arguments (including a call whose terminal piece never comes), thoughts, media, provider
// parts, block reasons, in-stream errors and streams that end early.
import { describe, expect, it } from "vitest";
import { StreamError } from "../../../src/errors/client-errors.js";
import { RateLimitError, ServerError } from "../../../src/errors/provider-error.js";
import type { SseMessage } from "../../../src/http/sse.js";
import { parseJsonPath } from "../../../src/providers/gemini/function-call-stream.js";
import { translateGeminiStream } from "../../../src/providers/gemini/stream.js";
import type { GeminiCandidate, GeminiPartOut, GeminiResponse } from "../../../src/providers/gemini/wire-types.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import { checkStreamInvariants } from "./stream-checks.js";

const ctx = { provider: "gemini", model: "gemini-3-flash-preview", warnings: [] };

async function* sse(data: Array<string | GeminiResponse>): AsyncGenerator<SseMessage> {
  for (const d of data) yield { data: typeof d === "string" ? d : JSON.stringify(d), event: undefined, id: undefined };
}

function chunk(parts: GeminiPartOut[], extra: Omit<GeminiCandidate, "content"> = {}): GeminiResponse {
  return {
    responseId: "resp",
    modelVersion: "gemini-3-flash-preview",
    candidates: [{ content: { role: "model", parts }, ...extra }],
  };
}

async function run(data: Array<string | GeminiResponse>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of translateGeminiStream(sse(data), ctx)) events.push(event);
  return events;
}

async function runUntilError(data: Array<string | GeminiResponse>): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of translateGeminiStream(sse(data), ctx)) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

const usage = { usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 7, thoughtsTokenCount: 2 } };

describe("translateGeminiStream", () => {
  it("ends a streamed call at a piece without willContinue when the terminal functionCall never comes", async () => {
    const events = await run([
      chunk([{ functionCall: { name: "writeItems", willContinue: true }, thoughtSignature: "SIG" }]),
      chunk([
        {
          functionCall: {
            partialArgs: [{ jsonPath: "$.operations[0].action", stringValue: "add", willContinue: true }],
            willContinue: true,
          },
        },
      ]),
      chunk([
        {
          functionCall: { partialArgs: [{ jsonPath: "$.operations[0].action", stringValue: "" }], willContinue: true },
        },
      ]),
      chunk([
        {
          functionCall: { partialArgs: [{ jsonPath: "$.operations[0].price", numberValue: 0.5 }], willContinue: true },
        },
      ]),
      chunk([
        {
          functionCall: {
            partialArgs: [{ jsonPath: "$.operations[1]['item id']", stringValue: "b_1" }],
            willContinue: true,
          },
        },
      ]),
      chunk([
        {
          functionCall: {
            partialArgs: [
              { jsonPath: "$.operations[1].ok", boolValue: true },
              { jsonPath: "$.note", nullValue: "NULL_VALUE" },
            ],
          },
        },
      ]),
      { ...chunk([{ text: "" }], { finishReason: "STOP" }), ...usage },
    ]);
    const response = checkStreamInvariants(events);
    expect(response?.toolCalls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        name: "writeItems",
        arguments: {
          operations: [
            { action: "add", price: 0.5 },
            { "item id": "b_1", ok: true },
          ],
          note: null,
        },
        providerMetadata: { gemini: { thoughtSignature: "SIG" } },
      },
    ]);
    expect(response?.finishReason).toEqual({ reason: "tool_calls", raw: "STOP" });
    const types = events.map((e) => e.type);
    // The call ended with the piece that lacked willContinue, before the finish chunk.
    expect(types.indexOf("tool_call_end")).toBeLessThan(types.length - 1);
    expect(events.filter((e) => e.type === "tool_call_delta")).toHaveLength(1);
  });

  it("closes an open call when the next call starts or the candidate finishes", async () => {
    const events = await run([
      chunk([{ functionCall: { name: "a", willContinue: true } }]),
      chunk([{ functionCall: { partialArgs: [{ jsonPath: "$.x", stringValue: "1" }], willContinue: true } }]),
      chunk([{ functionCall: { name: "b", willContinue: true } }]),
      chunk([{ functionCall: { partialArgs: [{ jsonPath: "$.y", stringValue: "2" }], willContinue: true } }], {
        finishReason: "STOP",
      }),
    ]);
    const response = checkStreamInvariants(events);
    expect(response?.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
      ["a", { x: "1" }],
      ["b", { y: "2" }],
    ]);
  });

  it("streams thoughts as reasoning with the signature on reasoning_end, then text", async () => {
    const events = await run([
      chunk([{ text: "Let me ", thought: true }]),
      chunk([{ text: "think.", thought: true, thoughtSignature: "R" }, { text: "Answer" }]),
      chunk([{ text: " here." }], { finishReason: "STOP" }),
    ]);
    const response = checkStreamInvariants(events);
    expect(events.find((e) => e.type === "reasoning_end")).toMatchObject({ text: "Let me think.", signature: "R" });
    expect(response?.reasoning).toBe("Let me think.");
    expect(response?.text).toBe("Answer here.");
    expect(response?.message.content[0]).toEqual({
      kind: "thinking",
      thinking: { text: "Let me think.", signature: "R", redacted: false },
    });
  });

  it("puts media and unknown parts in the response and reports them as provider events", async () => {
    const events = await run([
      chunk([{ text: "Here:" }, { inlineData: { mimeType: "image/png", data: "AQ==" }, thoughtSignature: "I" }]),
      chunk([{ executableCode: { language: "PYTHON", code: "1+1" } }], { finishReason: "STOP" }),
    ]);
    const response = checkStreamInvariants(events);
    expect(events.filter((e) => e.type === "provider_event")).toHaveLength(3);
    expect(response?.message.content).toEqual([
      { kind: "text", text: "Here:" },
      { kind: "image", image: { data: new Uint8Array([1]), mediaType: "image/png" } },
      { kind: "provider", provider: "gemini", data: { thoughtSignature: "I" } },
      { kind: "provider", provider: "gemini", data: { part: { executableCode: { language: "PYTHON", code: "1+1" } } } },
    ]);
  });

  it("finishes a blocked prompt with content_filter", async () => {
    const events = await run([{ promptFeedback: { blockReason: "SAFETY" }, usageMetadata: { promptTokenCount: 4 } }]);
    const response = checkStreamInvariants(events);
    expect(response?.finishReason).toEqual({ reason: "content_filter", raw: "SAFETY" });
    expect(response?.usage.inputTokens).toBe(4);
  });

  it("maps MAX_TOKENS and SAFETY finish reasons, and reports the last usage", async () => {
    const length = checkStreamInvariants(
      await run([{ ...chunk([{ text: "a" }], { finishReason: "MAX_TOKENS" }), ...usage }]),
    );
    expect(length?.finishReason).toEqual({ reason: "length", raw: "MAX_TOKENS" });
    expect(length?.usage).toMatchObject({ inputTokens: 5, outputTokens: 9, totalTokens: 14, reasoningTokens: 2 });
    const safety = checkStreamInvariants(await run([chunk([{ text: "a" }], { finishReason: "SAFETY" })]));
    expect(safety?.finishReason).toEqual({ reason: "content_filter", raw: "SAFETY" });
  });

  it("fails with a StreamError when the connection closes before a finishReason", async () => {
    const { events, error } = await runUntilError([chunk([{ text: "partial" }])]);
    expect(events[0].type).toBe("stream_start");
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).message).toMatch(/before a finishReason/);
    const empty = await runUntilError([]);
    expect(empty.events).toEqual([]);
    expect(empty.error).toBeInstanceOf(StreamError);
  });

  it("fails with a StreamError on data that is not a JSON object, naming it", async () => {
    const { error } = await runUntilError([chunk([{ text: "a" }]), "{not json"]);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as Error).message).toContain("{not json");
    expect((await runUntilError(["[1,2]"])).error).toBeInstanceOf(StreamError);
    const stray = await runUntilError([
      chunk([{ functionCall: { partialArgs: [{ jsonPath: "$.a", stringValue: "x" }] } }]),
    ]);
    expect(stray.error).toBeInstanceOf(StreamError);
  });

  it("maps an in-stream error object like an HTTP error", async () => {
    const overloaded = await runUntilError([
      chunk([{ text: "a" }]),
      { error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } },
    ]);
    expect(overloaded.error).toBeInstanceOf(ServerError);
    expect(overloaded.error).toMatchObject({ statusCode: 503, errorCode: "UNAVAILABLE", retryable: true });
    const limited = await runUntilError([
      {
        error: {
          code: 429,
          message: "Resource exhausted",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }],
        },
      },
    ]);
    expect(limited.error).toBeInstanceOf(RateLimitError);
    expect(limited.error).toMatchObject({ retryAfter: 7 });
  });

  it("skips blank data lines", async () => {
    const events = await run(["", chunk([{ text: "ok" }], { finishReason: "STOP" })]);
    expect(checkStreamInvariants(events)?.text).toBe("ok");
  });
});

describe("parseJsonPath", () => {
  it("reads member names, indexes and quoted names", () => {
    expect(parseJsonPath("$.recipe.steps[0]")).toEqual(["recipe", "steps", 0]);
    expect(parseJsonPath("$['a b'][2].c")).toEqual(["a b", 2, "c"]);
    expect(parseJsonPath('$["x\\"y"]')).toEqual(['x"y']);
    expect(parseJsonPath("recipe")).toBeUndefined();
    expect(parseJsonPath("$.a[")).toBeUndefined();
  });
});
