// §8.9 rows: single tool call, parallel tool calls, a multi-step tool loop, streaming with tools.
import { expect } from "vitest";
import { generate } from "../../../src/generate/generate.js";
import { stream } from "../../../src/generate/stream.js";
import type { GenerateResult } from "../../../src/generate/types.js";
import type { Request } from "../../../src/types/request.js";
import { lookupChain, PROMPTS, weatherTool } from "../scenarios.js";
import { base, collect, type ParityRow, partsOf, wireViews } from "./context.js";

/** The ids of the tool results at the end of a request's conversation, in order. */
function trailingToolResultIds(request: Request): string[] {
  const ids: string[] = [];
  for (const message of [...request.messages].reverse()) {
    if (message.role !== "tool") break;
    for (const part of message.content) if (part.kind === "tool_result") ids.unshift(part.toolResult.toolCallId);
  }
  return ids;
}

/** Tool result messages anywhere in a request. */
function toolResultCount(request: Request): number {
  return request.messages.flatMap((m) => m.content.filter((p) => p.kind === "tool_result")).length;
}

/** totalUsage is the sum of the steps' usage. */
function expectTotalUsage(result: GenerateResult): void {
  const sum = (pick: (u: GenerateResult["usage"]) => number) =>
    result.steps.reduce((s, step) => s + pick(step.usage), 0);
  expect(result.totalUsage.inputTokens).toBe(sum((u) => u.inputTokens));
  expect(result.totalUsage.outputTokens).toBe(sum((u) => u.outputTokens));
  expect(result.totalUsage.totalTokens).toBe(sum((u) => u.totalTokens));
}

export const toolRows: ParityRow[] = [
  {
    id: "single_tool",
    title: "Single tool call + execution",
    async run(ctx) {
      const weather = weatherTool();
      const result = await generate({
        ...base(ctx),
        prompt: PROMPTS.weatherOne,
        tools: [weather.tool],
        maxToolRounds: 3,
      });
      expect(weather.log.calls).toHaveLength(1);
      expect(String(weather.log.calls[0].city)).toMatch(/paris/i);
      const temperature = weather.temperatures.get("paris");
      expect(result.steps).toHaveLength(2);
      const [first, last] = result.steps;
      expect(first.finishReason.reason).toBe("tool_calls");
      expect(first.toolCalls.map((c) => c.name)).toEqual(["get_weather"]);
      expect(first.toolResults).toEqual([
        { toolCallId: first.toolCalls[0].id, content: expect.stringContaining(`${temperature}°C`), isError: false },
      ]);
      expect(last.finishReason.reason).toBe("stop");
      expect(result.text).toContain(String(temperature));
      expectTotalUsage(result);
      expect(ctx.calls).toHaveLength(2);
      expect(trailingToolResultIds(ctx.calls[1].request)).toEqual([first.toolCalls[0].id]);
      if (!ctx.probe) return;
      const views = wireViews(ctx.probe, 2);
      expect(views[0].tools).toEqual(["get_weather"]);
      expect(partsOf(views[0], "tool_result")).toEqual([]);
      const [call] = partsOf(views[1], "tool_call");
      expect(call).toMatchObject({ name: "get_weather", args: weather.log.calls[0] });
      const results = partsOf(views[1], "tool_result", -1);
      expect(results).toHaveLength(1);
      expect(results[0].output).toContain(`${temperature}°C`);
      expect(results[0].isError).toBe(false);
      if (call.id !== undefined) expect(results[0].id).toBe(call.id);
    },
  },
  {
    id: "parallel_tools",
    title: "Multiple parallel tool calls",
    async run(ctx) {
      const weather = weatherTool({ barrier: 2 });
      const result = await generate({
        ...base(ctx),
        prompt: PROMPTS.weatherTwo,
        tools: [weather.tool],
        maxToolRounds: 3,
      });
      const [first] = result.steps;
      expect(first.toolCalls).toHaveLength(2);
      const cities = first.toolCalls.map((c) => String(c.arguments.city).toLowerCase());
      expect([...cities].sort()).toEqual(["paris", "tokyo"]);
      expect(weather.log.maxActive, "both handlers were running at the same time").toBe(2);
      // All results, in call order, in the single continuation request.
      expect(first.toolResults.map((r) => r.toolCallId)).toEqual(first.toolCalls.map((c) => c.id));
      first.toolResults.forEach((r, i) => {
        expect(r.content).toContain(`${weather.temperatures.get(cities[i])}°C`);
      });
      expect(result.steps).toHaveLength(2);
      expect(ctx.calls).toHaveLength(2);
      expect(trailingToolResultIds(ctx.calls[1].request)).toEqual(first.toolCalls.map((c) => c.id));
      for (const city of cities) expect(result.text).toContain(String(weather.temperatures.get(city)));
      if (!ctx.probe) return;
      const views = wireViews(ctx.probe, 2);
      expect(partsOf(views[0], "tool_result")).toEqual([]);
      const sent = partsOf(views[1], "tool_result", -1);
      expect(sent.map((r) => r.output)).toEqual(first.toolResults.map((r) => r.content));
      const calls = partsOf(views[1], "tool_call");
      if (calls.every((c) => c.id !== undefined)) expect(sent.map((r) => r.id)).toEqual(calls.map((c) => c.id));
    },
  },
  {
    id: "tool_loop",
    title: "Multi-step tool loop (3+ rounds)",
    async run(ctx) {
      const chain = lookupChain(3);
      const result = await generate({
        ...base(ctx),
        prompt: PROMPTS.lookup(chain.start),
        tools: [chain.tool],
        maxToolRounds: 6,
      });
      // Each key is only known from the previous result: the rounds cannot be merged or guessed.
      expect(chain.log.calls.map((c) => c.key)).toEqual(chain.keys);
      expect(result.steps).toHaveLength(4);
      expect(result.steps.slice(0, 3).map((s) => s.finishReason.reason)).toEqual([
        "tool_calls",
        "tool_calls",
        "tool_calls",
      ]);
      expect(result.finishReason.reason).toBe("stop");
      expect(result.text).toContain(chain.answer);
      expectTotalUsage(result);
      expect(ctx.calls.map((c) => toolResultCount(c.request))).toEqual([0, 1, 2, 3]);
      if (!ctx.probe) return;
      const views = wireViews(ctx.probe, 4);
      expect(views.map((v) => partsOf(v, "tool_result").length)).toEqual([0, 1, 2, 3]);
      expect(partsOf(views[3], "tool_result").map((r) => r.output)).toEqual([
        `next key: ${chain.keys[1]}`,
        `next key: ${chain.keys[2]}`,
        `final answer: ${chain.answer}`,
      ]);
    },
  },
  {
    id: "streaming_tools",
    title: "Streaming with tool calls",
    async run(ctx) {
      const weather = weatherTool();
      const run = stream({ ...base(ctx), prompt: PROMPTS.weatherOne, tools: [weather.tool], maxToolRounds: 3 });
      const events = await collect(run);
      const result = await run.result();
      const response = await run.response();
      const temperature = weather.temperatures.get("paris");
      const start = events.findIndex((e) => e.type === "tool_call_start");
      const end = events.findIndex((e) => e.type === "tool_call_end");
      const stepFinish = events.findIndex((e) => e.type === "step_finish");
      const finish = events.findLastIndex((e) => e.type === "finish");
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThan(start);
      expect(stepFinish).toBeGreaterThan(end);
      expect(finish).toBeGreaterThan(stepFinish);
      const started = events[start];
      const ended = events[end];
      if (started.type !== "tool_call_start" || ended.type !== "tool_call_end") throw new Error("unreachable");
      expect(started.toolName).toBe("get_weather");
      const argsText = events.flatMap((e) =>
        e.type === "tool_call_delta" && e.toolCallId === started.toolCallId ? [e.argumentsDelta] : [],
      );
      expect(JSON.parse(argsText.join(""))).toEqual(ended.toolCall.arguments);
      expect(String(ended.toolCall.arguments.city)).toMatch(/paris/i);
      const step = events[stepFinish];
      if (step.type === "step_finish") expect(step.step.toolResults[0].content).toContain(`${temperature}°C`);
      const finalText = events.slice(stepFinish).flatMap((e) => (e.type === "text_delta" ? [e.delta] : []));
      expect(finalText.join("")).toBe(response.text);
      expect(response.text).toContain(String(temperature));
      expect(result.steps).toHaveLength(2);
      expect(ctx.calls.map((c) => c.kind)).toEqual(["stream", "stream"]);
      if (!ctx.probe) return;
      const views = wireViews(ctx.probe, 2);
      expect(views.map((v) => v.stream)).toEqual([true, true]);
      expect(partsOf(views[1], "tool_result", -1).map((r) => r.output)).toEqual([
        expect.stringContaining(`${temperature}°C`),
      ]);
    },
  },
];
