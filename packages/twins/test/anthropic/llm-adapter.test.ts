// Our own `@darkfactory/llm` AnthropicAdapter against the Anthropic twin. The twin shares no code
// with it (a devDependency used only here), so a wire-format bug on either side shows up here:
// complete, stream, tools, the thinking round trip and prompt caching on turn 2.
import {
  AnthropicAdapter,
  type LlmError,
  Message,
  RateLimitError,
  type Request,
  ServerError,
  type ToolDefinition,
} from "@darkfactory/llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { addFault, journal, loadScriptInto, resetTwin } from "../helpers/admin.js";
import { collect, endedToolCalls, textOf, withToolResults } from "../helpers/llm-adapter.js";
import { longText, MODEL, startAnthropicTwin } from "./helpers.js";

let twin: RunningTwin;
let adapter: AnthropicAdapter;
beforeAll(async () => {
  twin = await startAnthropicTwin();
  adapter = new AnthropicAdapter({ apiKey: "sk-ant-llm", baseUrl: twin.url });
});
afterAll(() => twin.close());
beforeEach(() => resetTwin(twin));

const WEATHER: ToolDefinition = {
  name: "get_weather",
  description: "Current weather of a city.",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

const SCRIPT = `rules:
  - match: { userText: weather }
    reply:
      reasoning: Two cities, two calls.
      toolCalls:
        - { name: get_weather, arguments: { city: Paris } }
        - { name: get_weather, arguments: { city: Rome } }
  - match: { toolResult: get_weather }
    reply: { reasoning: Both results are in., text: "Paris is sunny, Rome is rainy." }
`;

describe("AnthropicAdapter against the Anthropic twin", () => {
  it("complete: text, the resolved model, computed usage; the adapter's headers reach the twin", async () => {
    const response = await adapter.complete({ model: "claude-haiku-4-5", messages: [Message.user("Hello adapter")] });
    expect(response.text).toBe("Echo: Hello adapter");
    expect(response.model).toBe("claude-haiku-4-5-20251001");
    expect(response.finishReason).toEqual({ reason: "stop", raw: "end_turn" });
    expect(response.usage.outputTokens).toBe(4); // "Echo" ":" " Hello" " adapter"
    expect(response.usage.inputTokens).toBe(5); // "Hello adapter" 2 + 3 per block
    expect(response.usage.cacheReadTokens).toBe(0);
    const [entry] = await journal(twin);
    expect(entry.headers["anthropic-version"]).toBe("2023-06-01");
    expect(entry.headers["x-api-key"]).toBe("[redacted]");
    expect(entry.headers["anthropic-beta"]).toBe("prompt-caching-2024-07-31");
  });

  it("stream: text deltas add up, and finish carries the response", async () => {
    const events = await collect(adapter.stream({ model: MODEL, messages: [Message.user("Stream to the adapter")] }));
    expect(textOf(events)).toBe("Echo: Stream to the adapter");
    const finish = events.at(-1);
    expect(finish?.type).toBe("finish");
    if (finish?.type === "finish") {
      expect(finish.response.text).toBe("Echo: Stream to the adapter");
      expect(finish.usage.outputTokens).toBe(6); // 5 words and a colon
    }
  });

  it("tools: parallel calls, then the answer from the tool results (complete and stream)", async () => {
    await loadScriptInto(twin, SCRIPT);
    const request: Request = { model: MODEL, messages: [Message.user("weather in Paris and Rome?")], tools: [WEATHER] };
    const first = await adapter.complete(request);
    expect(first.finishReason.reason).toBe("tool_calls");
    // the script reasons, but without thinking enabled the model shows no thinking block
    expect(first.message.content.some((p) => p.kind === "thinking")).toBe(false);
    expect(first.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Rome" }],
    ]);
    const followUp = withToolResults(request, first.message, first.toolCalls);
    expect((await adapter.complete(followUp)).text).toBe("Paris is sunny, Rome is rainy.");
    const streamed = await collect(adapter.stream(request));
    const ended = endedToolCalls(streamed);
    expect(ended.map((c) => c.arguments)).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    expect(textOf(await collect(adapter.stream(followUp)))).toBe("Paris is sunny, Rome is rainy.");
  });

  it("thinking: signed thinking comes back on the tool-result turn and the twin accepts it", async () => {
    await loadScriptInto(twin, SCRIPT);
    const request: Request = {
      model: MODEL,
      messages: [Message.user("weather in Paris and Rome?")],
      tools: [WEATHER],
      reasoningEffort: "low",
    };
    const first = await adapter.complete(request);
    const thinking = first.message.content.find((p) => p.kind === "thinking");
    expect(thinking?.kind === "thinking" && thinking.thinking.text).toBe("Two cities, two calls.");
    expect(thinking?.kind === "thinking" && thinking.thinking.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(first.usage.reasoningTokens).toBe(6); // thinking tokens: "Two cities, two calls." is 4 words and 2 punctuation marks
    const followUp = withToolResults(request, first.message, first.toolCalls, () => "sunny");
    const events = await collect(adapter.stream(followUp));
    expect(events.flatMap((e) => (e.type === "reasoning_delta" ? [e.delta] : [])).join("")).toBe(
      "Both results are in.",
    );
    expect(textOf(events)).toBe("Paris is sunny, Rome is rainy.");
    const [, second] = await journal(twin);
    expect(second.response?.status).toBe(200);
    expect((second.body as { thinking: unknown }).thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
  });

  it("prompt caching: the adapter's automatic breakpoints are written on turn 1 and read on turn 2", async () => {
    const system = Message.system(longText(2500));
    const turn1 = await adapter.complete({ model: MODEL, messages: [system, Message.user("First question")] });
    expect(turn1.usage.cacheWriteTokens).toBeGreaterThan(2048);
    expect(turn1.usage.cacheReadTokens).toBe(0);
    const turn2 = await adapter.complete({
      model: MODEL,
      messages: [system, Message.user("First question"), turn1.message, Message.user("Second question")],
    });
    expect(turn2.usage.cacheReadTokens).toBe(turn1.usage.cacheWriteTokens);
    expect(turn2.usage.cacheWriteTokens).toBe(turn2.usage.inputTokens - turn1.usage.inputTokens);
    const streamed = await collect(
      adapter.stream({
        model: MODEL,
        messages: [system, Message.user("First question"), turn1.message, Message.user("Second question")],
      }),
    );
    const finish = streamed.at(-1);
    expect(finish?.type === "finish" && finish.usage.cacheReadTokens).toBe(turn2.usage.inputTokens);
  });

  it("an injected 429 is a RateLimitError with its retry-after; a 529 is a ServerError", async () => {
    await addFault(twin, { times: 1, fault: { kind: "rate_limit", retryAfterSeconds: 3 } });
    const limited = (await adapter
      .complete({ model: MODEL, messages: [Message.user("x")] })
      .catch((e: unknown) => e)) as LlmError;
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfter).toBe(3);
    await addFault(twin, { times: 1, fault: "overloaded" });
    const overloaded = await adapter.complete({ model: MODEL, messages: [Message.user("x")] }).catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(ServerError);
  });
});
