import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate/generate.js";
import { hasToolCall, stepCountIs } from "../../src/generate/stop-condition.js";
import type { Tool } from "../../src/generate/types.js";
import { Message } from "../../src/types/message.js";
import { fakeClient, respond, responseOf, textResponse, toolCallsResponse } from "../helpers/fake-adapter.js";

const weather: Tool<{ city: string }> = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  execute: ({ city }) => `72F in ${city}`,
};

const callWeather = (id: string, city: string) => ({ id, name: "get_weather", args: { city } });

describe("tool loop (§5.6)", () => {
  it("§8.7 active tools trigger the automatic tool execution loop", async () => {
    const { client, adapter } = fakeClient([
      respond(toolCallsResponse([callWeather("c1", "SF")])),
      respond(textResponse("It is 72F in SF.")),
    ]);
    const result = await generate({ model: "m", prompt: "Weather in SF?", client, tools: [weather] });
    expect(result.text).toBe("It is 72F in SF.");
    expect(result.steps).toHaveLength(2);
    expect(adapter.calls).toHaveLength(2);
    const second = adapter.requests[1]?.messages ?? [];
    expect(second.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(second[2]).toEqual(Message.toolResult({ toolCallId: "c1", content: "72F in SF", isError: false }));
    expect(second[1]?.content[0]).toMatchObject({ kind: "tool_call", toolCall: { id: "c1", name: "get_weather" } });
  });

  it("§8.7 passive tools (no execute) return their calls to the caller without looping", async () => {
    const { client, adapter } = fakeClient([respond(toolCallsResponse([callWeather("c1", "SF")]))]);
    const passive: Tool = { name: "get_weather", description: "d", parameters: weather.parameters };
    const result = await generate({ model: "m", prompt: "p", client, tools: [passive], maxToolRounds: 3 });
    expect(adapter.calls).toHaveLength(1);
    expect(result.toolCalls).toEqual([{ id: "c1", name: "get_weather", arguments: { city: "SF" } }]);
    expect(result.toolResults).toEqual([]);
    expect(result.finishReason.reason).toBe("tool_calls");
  });

  it("runs the active calls of a mixed batch but stops for the passive one", async () => {
    const { client, adapter } = fakeClient([
      respond(toolCallsResponse([callWeather("c1", "SF"), { id: "c2", name: "approve", args: {} }])),
    ]);
    const approve: Tool = { name: "approve", description: "human approval", parameters: { type: "object" } };
    const result = await generate({ model: "m", prompt: "p", client, tools: [weather, approve] });
    expect(adapter.calls).toHaveLength(1);
    expect(result.toolResults).toEqual([{ toolCallId: "c1", content: "72F in SF", isError: false }]);
    expect(result.toolCalls.map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("§8.7 maxToolRounds is respected: at most maxToolRounds + 1 LLM calls", async () => {
    const script = Array.from({ length: 5 }, (_, i) => respond(toolCallsResponse([callWeather(`c${i}`, "SF")])));
    const { client, adapter } = fakeClient(script);
    let executions = 0;
    const counted: Tool = { ...weather, execute: () => `run ${++executions}` };
    const result = await generate({ model: "m", prompt: "p", client, tools: [counted], maxToolRounds: 2 });
    expect(adapter.calls).toHaveLength(3);
    expect(executions).toBe(2);
    expect(result.steps).toHaveLength(3);
    expect(result.steps[2]?.toolResults).toEqual([]);
    expect(result.toolCalls.map((c) => c.id)).toEqual(["c2"]);
  });

  it("§8.7 default maxToolRounds is 1", async () => {
    const script = Array.from({ length: 3 }, (_, i) => respond(toolCallsResponse([callWeather(`c${i}`, "SF")])));
    const { client, adapter } = fakeClient(script);
    await generate({ model: "m", prompt: "p", client, tools: [weather] });
    expect(adapter.calls).toHaveLength(2);
  });

  it("§8.7 maxToolRounds = 0 disables automatic execution entirely", async () => {
    const { client, adapter } = fakeClient([respond(toolCallsResponse([callWeather("c1", "SF")]))]);
    let executed = false;
    const spy: Tool = {
      ...weather,
      execute: () => {
        executed = true;
        return "x";
      },
    };
    const result = await generate({ model: "m", prompt: "p", client, tools: [spy], maxToolRounds: 0 });
    expect(executed).toBe(false);
    expect(adapter.calls).toHaveLength(1);
    expect(result.toolCalls).toHaveLength(1);
    expect(result.toolResults).toEqual([]);
  });

  it("does not execute tool calls when the finish reason is not tool_calls", async () => {
    const response = responseOf(
      [{ kind: "tool_call", toolCall: { id: "c1", name: "get_weather", arguments: { city: "SF" } } }],
      { finishReason: { reason: "length" } },
    );
    const { client, adapter } = fakeClient([respond(response)]);
    const result = await generate({ model: "m", prompt: "p", client, tools: [weather] });
    expect(adapter.calls).toHaveLength(1);
    expect(result.toolResults).toEqual([]);
  });

  it("stopWhen ends the loop after a step (stepCountIs, hasToolCall)", async () => {
    const script = () => Array.from({ length: 4 }, (_, i) => respond(toolCallsResponse([callWeather(`c${i}`, "SF")])));
    const a = fakeClient(script());
    const byCount = await generate({
      model: "m",
      prompt: "p",
      client: a.client,
      tools: [weather],
      maxToolRounds: 10,
      stopWhen: stepCountIs(2),
    });
    expect(a.adapter.calls).toHaveLength(2);
    expect(byCount.steps[1]?.toolResults).toHaveLength(1);
    const b = fakeClient(script());
    await generate({
      model: "m",
      prompt: "p",
      client: b.client,
      tools: [weather],
      maxToolRounds: 10,
      stopWhen: hasToolCall("get_weather"),
    });
    expect(b.adapter.calls).toHaveLength(1);
  });

  it("§8.7 parallel tool calls: all N execute concurrently", async () => {
    const { client } = fakeClient([
      respond(toolCallsResponse([callWeather("c1", "A"), callWeather("c2", "B"), callWeather("c3", "C")])),
      respond(textResponse("done")),
    ]);
    const spans: { city: string; start: number; end: number }[] = [];
    const slow: Tool<{ city: string }> = {
      ...weather,
      execute: async ({ city }) => {
        const start = performance.now();
        await new Promise((r) => setTimeout(r, 60));
        spans.push({ city, start, end: performance.now() });
        return city;
      },
    };
    const started = performance.now();
    await generate({ model: "m", prompt: "p", client, tools: [slow] });
    const elapsed = performance.now() - started;
    expect(spans).toHaveLength(3);
    const lastStart = Math.max(...spans.map((s) => s.start));
    const firstEnd = Math.min(...spans.map((s) => s.end));
    expect(lastStart).toBeLessThan(firstEnd);
    expect(elapsed).toBeLessThan(170);
  });

  it("§8.7 parallel tool results: all N results go back in one continuation request, in call order", async () => {
    const { client, adapter } = fakeClient([
      respond(toolCallsResponse([callWeather("c1", "A"), callWeather("c2", "B"), callWeather("c3", "C")])),
      respond(textResponse("done")),
    ]);
    const delays: Record<string, number> = { A: 40, B: 5, C: 20 };
    const staggered: Tool<{ city: string }> = {
      ...weather,
      execute: async ({ city }) => {
        await new Promise((r) => setTimeout(r, delays[city]));
        return `weather ${city}`;
      },
    };
    const result = await generate({ model: "m", prompt: "p", client, tools: [staggered] });
    expect(adapter.calls).toHaveLength(2);
    const continuation = adapter.requests[1]?.messages ?? [];
    expect(continuation.filter((m) => m.role === "tool").map((m) => m.toolCallId)).toEqual(["c1", "c2", "c3"]);
    expect(result.steps[0]?.toolResults.map((r) => r.content)).toEqual(["weather A", "weather B", "weather C"]);
  });

  it("§8.7 tool execution errors are sent to the model as error results, not raised", async () => {
    const { client, adapter } = fakeClient([
      respond(toolCallsResponse([callWeather("c1", "A"), callWeather("c2", "B")])),
      respond(textResponse("recovered")),
    ]);
    const flaky: Tool<{ city: string }> = {
      ...weather,
      execute: ({ city }) => {
        if (city === "B") throw new Error("service down");
        return "sunny";
      },
    };
    const result = await generate({ model: "m", prompt: "p", client, tools: [flaky] });
    expect(result.text).toBe("recovered");
    expect(result.steps[0]?.toolResults).toEqual([
      { toolCallId: "c1", content: "sunny", isError: false },
      { toolCallId: "c2", content: "Error executing tool get_weather: service down", isError: true },
    ]);
    const toolMessages = (adapter.requests[1]?.messages ?? []).filter((m) => m.role === "tool");
    expect(toolMessages[1]?.content[0]).toMatchObject({ kind: "tool_result", toolResult: { isError: true } });
  });

  it("§8.7 unknown tool calls send an error result naming the known tools, not an exception", async () => {
    const { client } = fakeClient([
      respond(toolCallsResponse([{ id: "c1", name: "get_wether", args: {} }])),
      respond(textResponse("sorry")),
    ]);
    const result = await generate({ model: "m", prompt: "p", client, tools: [weather] });
    expect(result.steps[0]?.toolResults).toEqual([
      { toolCallId: "c1", content: "Unknown tool: get_wether. Available tools: get_weather", isError: true },
    ]);
    expect(result.text).toBe("sorry");
  });

  it("§8.7 tool call arguments are parsed and validated before execute; invalid ones go back as error results", async () => {
    const { client } = fakeClient([
      respond(
        toolCallsResponse([
          { id: "c1", name: "get_weather", args: '{"city": "Paris"}' },
          { id: "c2", name: "get_weather", args: '{"city": 42}' },
          { id: "c3", name: "get_weather", args: '{"city": "Par' },
        ]),
      ),
      respond(textResponse("ok")),
    ]);
    const seen: unknown[] = [];
    const recording: Tool = {
      ...weather,
      execute: (args) => {
        seen.push(args);
        return "fine";
      },
    };
    const result = await generate({ model: "m", prompt: "p", client, tools: [recording] });
    expect(seen).toEqual([{ city: "Paris" }]);
    const [ok, badType, badJson] = result.steps[0]?.toolResults ?? [];
    expect(ok).toEqual({ toolCallId: "c1", content: "fine", isError: false });
    expect(badType?.isError).toBe(true);
    expect(badType?.content).toMatch(/Invalid arguments for tool get_weather: \/city: must be string/);
    expect(badJson?.isError).toBe(true);
    expect(badJson?.content).toMatch(/not valid JSON/);
  });

  it("§5.8 repairToolCall can fix invalid arguments", async () => {
    const { client } = fakeClient([
      respond(toolCallsResponse([{ id: "c1", name: "get_weather", args: { town: "Oslo" } }])),
      respond(textResponse("ok")),
    ]);
    const result = await generate({
      model: "m",
      prompt: "p",
      client,
      tools: [weather],
      repairToolCall: ({ toolCall, error }) => {
        expect(error.message).toMatch(/city/);
        return { city: String(toolCall.arguments.town) };
      },
    });
    expect(result.steps[0]?.toolResults).toEqual([{ toolCallId: "c1", content: "72F in Oslo", isError: false }]);
  });

  it("§5.2 handlers receive the injected context: toolCallId, messages and abortSignal", async () => {
    const { client } = fakeClient([
      respond(toolCallsResponse([callWeather("call_9", "SF")])),
      respond(textResponse("ok")),
    ]);
    let context: { toolCallId: string; messages: Message[]; abortSignal: AbortSignal } | undefined;
    const spy: Tool = {
      ...weather,
      execute: (_args, ctx) => {
        context = ctx;
        return "x";
      },
    };
    await generate({ model: "m", prompt: "Weather?", client, tools: [spy] });
    expect(context?.toolCallId).toBe("call_9");
    expect(context?.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(context?.abortSignal).toBeInstanceOf(AbortSignal);
  });
});
