// Invariants every unified stream must keep (unified-llm-spec §3.13-3.14, STYLE pattern 6), used by
// the Gemini and OpenAI-compatible suites: one stream_start first, one terminal event last, every
// text/reasoning/tool-call segment going start -> delta* -> end with the end carrying what the deltas
// built, and the finish Response agreeing with a fresh StreamAccumulator fed the same events.
import { expect } from "vitest";
import { StreamAccumulator } from "../../../src/stream/stream-accumulator.js";
import type { Response } from "../../../src/types/response.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";

/** Collects a stream's events. */
export async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** Asserts the §3.13 lifecycle invariants; returns the finish event's Response (if any). */
export function checkStreamInvariants(events: StreamEvent[]): Response | undefined {
  expect(events.length).toBeGreaterThan(0);
  expect(events[0].type).toBe("stream_start");
  expect(events.filter((e) => e.type === "stream_start")).toHaveLength(1);
  const terminals = events.filter((e) => e.type === "finish" || e.type === "error");
  expect(terminals).toHaveLength(1);
  expect(events.at(-1)).toBe(terminals[0]);

  const text = new Map<string, { text: string; ended: boolean }>();
  const reasoning = new Map<string, { text: string; ended: boolean }>();
  const calls = new Map<string, { name: string; args: string; ended: boolean }>();
  for (const event of events) {
    switch (event.type) {
      case "text_start":
        expect(text.has(event.textId)).toBe(false);
        text.set(event.textId, { text: "", ended: false });
        break;
      case "text_delta": {
        const seg = text.get(event.textId);
        expect(seg && !seg.ended).toBe(true);
        if (seg) seg.text += event.delta;
        break;
      }
      case "text_end": {
        const seg = text.get(event.textId);
        expect(seg && !seg.ended).toBe(true);
        expect(event.text).toBe(seg?.text);
        if (seg) seg.ended = true;
        break;
      }
      case "reasoning_start":
        expect(reasoning.has(event.reasoningId)).toBe(false);
        reasoning.set(event.reasoningId, { text: "", ended: false });
        break;
      case "reasoning_delta": {
        const seg = reasoning.get(event.reasoningId);
        expect(seg && !seg.ended).toBe(true);
        if (seg) seg.text += event.delta;
        break;
      }
      case "reasoning_end": {
        const seg = reasoning.get(event.reasoningId);
        expect(seg && !seg.ended).toBe(true);
        expect(event.text).toBe(seg?.text);
        if (seg) seg.ended = true;
        break;
      }
      case "tool_call_start":
        expect(calls.has(event.toolCallId)).toBe(false);
        expect(event.toolName).not.toBe("");
        calls.set(event.toolCallId, { name: event.toolName, args: "", ended: false });
        break;
      case "tool_call_delta": {
        const call = calls.get(event.toolCallId);
        expect(call && !call.ended).toBe(true);
        if (call) call.args += event.argumentsDelta;
        break;
      }
      case "tool_call_end": {
        const call = calls.get(event.toolCall.id);
        expect(call && !call.ended).toBe(true);
        expect(event.toolCall.name).toBe(call?.name);
        const built = call?.args ?? "";
        if (event.toolCall.rawArguments !== undefined) expect(event.toolCall.rawArguments).toBe(built);
        else expect(JSON.parse(built === "" ? "{}" : built)).toEqual(event.toolCall.arguments);
        if (call) call.ended = true;
        break;
      }
      default:
        break;
    }
  }
  const last = events.at(-1);
  if (last?.type !== "finish") return undefined;
  for (const seg of [...text.values(), ...reasoning.values(), ...calls.values()]) expect(seg.ended).toBe(true);

  // The finish Response agrees with what the events alone build.
  const acc = new StreamAccumulator();
  for (const event of events.slice(0, -1)) acc.process(event);
  const rebuilt = acc.response({ finishReason: last.finishReason, usage: last.usage });
  expect(last.response.text).toBe(rebuilt.text);
  expect(last.response.reasoning).toBe(rebuilt.reasoning);
  expect(last.response.toolCalls).toEqual(rebuilt.toolCalls);
  expect(last.response.finishReason).toEqual(last.finishReason);
  expect(last.response.usage).toEqual(last.usage);
  return last.response;
}

/** The parts of a message that survive both paths, with tool call ids left out (they are synthetic). */
export function comparable(response: Response): unknown {
  return {
    content: response.message.content.map((part) =>
      part.kind === "tool_call" ? { ...part, toolCall: { ...part.toolCall, id: "<id>" } } : part,
    ),
    finishReason: response.finishReason,
    usage: { ...response.usage, raw: undefined },
    id: response.id,
    model: response.model,
  };
}
