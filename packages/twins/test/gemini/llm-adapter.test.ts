// Our own `@darkfactory/llm` GeminiAdapter against the Gemini twin. The twin shares no code
// with it (a devDependency used only here), so a wire-format bug on either side fails here.
import { GeminiAdapter, type LlmError, Message, RateLimitError, type Request } from "@darkfactory/llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { addFault, journal, loadScriptInto, resetTwin } from "../helpers/admin.js";
import { collect, endedToolCalls, textOf, WEATHER, withToolResults } from "../helpers/llm-adapter.js";
import { startGeminiTwin } from "./helpers.js";

let twin: RunningTwin;
let adapter: GeminiAdapter;
beforeAll(async () => {
  twin = await startGeminiTwin();
  adapter = new GeminiAdapter({ apiKey: "AIza-llm", baseUrl: `${twin.url}/v1beta` });
});
afterAll(() => twin.close());
beforeEach(async () => {
  await resetTwin(twin);
  await loadScriptInto(
    twin,
    `rules:
  - match: { userText: weather }
    reply:
      reasoning: Two cities, two calls.
      toolCalls:
        - { name: get_weather, arguments: { city: Paris } }
        - { name: get_weather, arguments: { city: Rome } }
  - match: { toolResult: get_weather }
    reply: { text: "Paris is sunny, Rome is rainy." }
`,
  );
});

describe("GeminiAdapter against the Gemini twin", () => {
  it("complete: text, computed usage, the model version", async () => {
    const response = await adapter.complete({ model: "gemini-2.0-flash", messages: [Message.user("Hello adapter")] });
    expect(response.text).toBe("Echo: Hello adapter");
    expect(response.finishReason).toEqual({ reason: "stop", raw: "STOP" });
    expect(response.usage.outputTokens).toBe(4); // "Echo" ":" " Hello" " adapter"
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.model).toBe("gemini-2.0-flash");
  });

  it("stream: the CRLF-framed SSE adds up to the text, and finish carries the response", async () => {
    const events = await collect(
      adapter.stream({
        model: "gemini-2.5-flash-lite",
        messages: [Message.user("Stream this to the adapter, please, in several chunks")],
      }),
    );
    const text = textOf(events);
    expect(text).toBe("Echo: Stream this to the adapter, please, in several chunks");
    const finish = events.at(-1);
    expect(finish?.type).toBe("finish");
    if (finish?.type === "finish") expect(finish.response.text).toBe(text);
  });

  it("reasoning: thoughts and reasoning tokens with reasoningEffort", async () => {
    const response = await adapter.complete({
      model: "gemini-3-flash-preview",
      messages: [Message.user("What is 12 + 7?")],
      reasoningEffort: "low",
    });
    expect(response.reasoning).toContain("The user wrote");
    expect(response.usage.reasoningTokens).toBeGreaterThan(0);
    // "Echo: What is 12 + 7?": 4 words, 2 numbers and 2 punctuation marks
    expect(response.usage.outputTokens).toBe((response.usage.reasoningTokens ?? 0) + 8);
  });

  it("tools: parallel calls, then the answer, with the thought signature round-tripped (complete and stream)", async () => {
    const request: Request = {
      model: "gemini-3-pro-preview",
      messages: [Message.user("What is the weather in Paris and Rome?")],
      tools: [WEATHER],
      reasoningEffort: "high",
    };
    const first = await adapter.complete(request);
    expect(first.finishReason.reason).toBe("tool_calls");
    expect(first.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Rome" }],
    ]);
    expect(first.reasoning).toBe("Two cities, two calls.");
    const followUp = withToolResults(request, first.message, first.toolCalls);
    expect((await adapter.complete(followUp)).text).toBe("Paris is sunny, Rome is rainy.");
    const [issued, sent] = await journal(twin);
    const wire = issued.response as { body: { candidates: { content: { parts: Record<string, unknown>[] } }[] } };
    const issuedParts = wire.body.candidates[0].content.parts;
    const signature = issuedParts.find((p) => p.functionCall)?.thoughtSignature;
    const sentModel = (sent.body as { contents: { role: string; parts: Record<string, unknown>[] }[] }).contents[1];
    expect(sentModel.role).toBe("model");
    expect(sentModel.parts.find((p) => p.functionCall)?.thoughtSignature).toBe(signature);

    const streamed = await collect(adapter.stream(request));
    const calls = endedToolCalls(streamed);
    expect(calls.map((c) => c.arguments)).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    const finish = streamed.at(-1);
    if (finish?.type !== "finish") throw new Error("no finish event");
    const streamedFollowUp = await collect(
      adapter.stream(withToolResults(request, finish.response.message, calls, () => "sunny")),
    );
    expect(textOf(streamedFollowUp)).toBe("Paris is sunny, Rome is rainy.");
  });

  it("cache: a repeated long prefix is read from the implicit cache on the next turn", async () => {
    const manual = `Reference manual. ${"The factory builds software from specs and scenarios. ".repeat(120)}`;
    const turn1: Request = {
      model: "gemini-2.5-flash",
      messages: [Message.system(manual), Message.user("First question")],
    };
    const first = await adapter.complete(turn1);
    expect(first.usage.cacheReadTokens).toBeUndefined();
    const second = await adapter.complete({
      ...turn1,
      messages: [...turn1.messages, first.message, Message.user("Second question")],
    });
    expect(second.usage.cacheReadTokens).toBeGreaterThanOrEqual(1024);
    expect(second.usage.cacheReadTokens).toBeLessThan(second.usage.inputTokens);
  });

  it("an injected 429 surfaces as RateLimitError with the RetryInfo delay", async () => {
    await addFault(twin, { times: 1, fault: { kind: "rate_limit", retryAfterSeconds: 3 } });
    const error = (await adapter
      .complete({ model: "gemini-2.5-flash", messages: [Message.user("x")] })
      .catch((e: unknown) => e)) as LlmError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3);
  });
});
