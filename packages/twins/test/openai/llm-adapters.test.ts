// Our own `@darkfactory/llm` adapters against the OpenAI twin: OpenAIAdapter (Responses API) and
// OpenAICompatibleAdapter (Chat Completions). The twin shares no code with them (a devDependency
// used only here), so a wire-format bug in either side shows up as a failure.
import {
  type LlmError,
  Message,
  OpenAIAdapter,
  OpenAICompatibleAdapter,
  type ProviderAdapter,
  RateLimitError,
  type Request,
} from "@darkfactory/llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { admin, loadScriptInto } from "../helpers/admin.js";
import { collect, endedToolCalls, textOf, WEATHER, withToolResults } from "../helpers/llm-adapter.js";
import { startOpenAITwin } from "../helpers/twins.js";

let twin: RunningTwin;
beforeAll(async () => {
  twin = await startOpenAITwin();
});
afterAll(() => twin.close());
beforeEach(async () => {
  await admin(twin, "/reset", { method: "POST" });
  await loadScriptInto(
    twin,
    `rules:
  - match: { userText: weather }
    reply:
      toolCalls:
        - { name: get_weather, arguments: { city: Paris } }
        - { name: get_weather, arguments: { city: Rome } }
  - match: { toolResult: get_weather }
    reply: { text: "Paris is sunny, Rome is rainy." }
`,
  );
});

const adapters: [string, () => ProviderAdapter, string][] = [
  ["OpenAIAdapter (Responses API)", () => new OpenAIAdapter({ apiKey: "sk-llm", baseUrl: twin.sdkBaseUrl }), "gpt-4.1"],
  [
    "OpenAICompatibleAdapter (Chat Completions)",
    () => new OpenAICompatibleAdapter({ apiKey: "sk-llm", baseUrl: twin.sdkBaseUrl }),
    "gpt-4.1",
  ],
];

describe.each(adapters)("%s against the OpenAI twin", (_name, makeAdapter, model) => {
  it("complete: text and computed usage", async () => {
    const response = await makeAdapter().complete({ model, messages: [Message.user("Hello adapter")] });
    expect(response.text).toBe("Echo: Hello adapter");
    expect(response.finishReason.reason).toBe("stop");
    expect(response.usage.outputTokens).toBe(4); // "Echo" ":" " Hello" " adapter"
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.totalTokens).toBe(response.usage.inputTokens + response.usage.outputTokens);
    expect(response.model).toBe("gpt-4.1-2025-04-14");
  });

  it("stream: text deltas add up, and finish carries the response", async () => {
    const events = await collect(makeAdapter().stream({ model, messages: [Message.user("Stream to the adapter")] }));
    const text = textOf(events);
    expect(text).toBe("Echo: Stream to the adapter");
    const finish = events.at(-1);
    expect(finish?.type).toBe("finish");
    if (finish?.type === "finish") {
      expect(finish.response.text).toBe(text);
      expect(finish.usage.outputTokens).toBe(6); // 5 words and a colon
    }
  });

  it("tools: parallel calls, then the answer from the tool results (complete and stream)", async () => {
    const adapter = makeAdapter();
    const request: Request = {
      model,
      messages: [Message.user("What is the weather in Paris and Rome?")],
      tools: [WEATHER],
    };
    const first = await adapter.complete(request);
    expect(first.finishReason.reason).toBe("tool_calls");
    expect(first.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Rome" }],
    ]);
    const followUp = withToolResults(request, first.message, first.toolCalls);
    expect((await adapter.complete(followUp)).text).toBe("Paris is sunny, Rome is rainy.");

    const streamed = await collect(adapter.stream(request));
    const ended = endedToolCalls(streamed);
    expect(ended.map((c) => c.arguments)).toEqual([{ city: "Paris" }, { city: "Rome" }]);
    const streamedFollowUp = await collect(adapter.stream(followUp));
    expect(textOf(streamedFollowUp)).toBe("Paris is sunny, Rome is rainy.");
  });

  it("an injected 429 surfaces as RateLimitError with its Retry-After", async () => {
    await fetch(`${twin.url}/_twin/faults`, {
      method: "POST",
      body: "{ times: 1, fault: { kind: rate_limit, retryAfterSeconds: 3 } }",
    });
    const error = (await makeAdapter()
      .complete({ model, messages: [Message.user("x")] })
      .catch((e: unknown) => e)) as LlmError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3);
  });
});

describe("OpenAIAdapter specifics", () => {
  it("reasoning models report reasoning tokens; structured output follows the schema", async () => {
    await fetch(`${twin.url}/_twin/script`, { method: "DELETE" });
    const adapter = new OpenAIAdapter({ apiKey: "sk-llm", baseUrl: twin.sdkBaseUrl });
    const response = await adapter.complete({
      model: "gpt-5-mini",
      messages: [Message.user("Ann is 7")],
      reasoningEffort: "low",
      responseFormat: {
        type: "json_schema",
        name: "person",
        strict: true,
        jsonSchema: {
          type: "object",
          properties: { age: { type: "integer" } },
          required: ["age"],
          additionalProperties: false,
        },
      },
    });
    expect(JSON.parse(response.text)).toEqual({ age: 0 });
    expect(response.usage.reasoningTokens).toBeGreaterThan(0);
  });
});
