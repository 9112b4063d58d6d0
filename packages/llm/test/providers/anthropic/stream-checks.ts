// Shared assertions for Anthropic tests: the invariants every unified stream must keep, and the
// check of a Response against a fixture expectation.
import { expect } from "vitest";
import type { Response } from "../../../src/types/response.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import type { ResponseExpectation } from "./fixture-expectations.js";

/**
 * Every stream: starts with `stream_start`; ends with exactly one terminal event (`finish` or
 * `error`), which is last; each text/reasoning/tool-call segment goes start → delta* → end
 * exactly once, and its end carries the concatenation of its deltas; the text deltas concatenate
 * to the final text, the reasoning deltas to the final reasoning, and the ended tool calls are the
 * final tool calls.
 * @returns the terminal event.
 */
export function checkStreamInvariants(events: StreamEvent[]): StreamEvent {
  expect(events.length).toBeGreaterThan(0);
  expect(events[0].type).toBe("stream_start");
  const terminal = events.filter((e) => e.type === "finish" || e.type === "error");
  expect(terminal).toHaveLength(1);
  expect(events[events.length - 1]).toBe(terminal[0]);

  const segments = new Map<string, { deltas: string; ended: boolean }>();
  const begin = (key: string) => {
    expect(segments.has(key), `${key} started twice`).toBe(false);
    segments.set(key, { deltas: "", ended: false });
  };
  const add = (key: string, delta: string) => {
    const seg = segments.get(key);
    expect(seg, `${key} delta before start`).toBeDefined();
    expect(seg?.ended, `${key} delta after end`).toBe(false);
    if (seg) seg.deltas += delta;
  };
  const end = (key: string, value: string | undefined) => {
    const seg = segments.get(key);
    expect(seg, `${key} ended before start`).toBeDefined();
    expect(seg?.ended, `${key} ended twice`).toBe(false);
    if (!seg) return;
    seg.ended = true;
    if (value !== undefined) expect(value).toBe(seg.deltas);
  };
  let text = "";
  let reasoning = "";
  const redacted = new Set<string>();
  const toolCalls: { id: string; name: string; arguments: Record<string, unknown> }[] = [];
  for (const event of events) {
    switch (event.type) {
      case "text_start":
        begin(`t:${event.textId}`);
        break;
      case "text_delta":
        add(`t:${event.textId}`, event.delta);
        text += event.delta;
        break;
      case "text_end":
        end(`t:${event.textId}`, event.text);
        break;
      case "reasoning_start":
        begin(`r:${event.reasoningId}`);
        if (event.redacted) redacted.add(event.reasoningId);
        break;
      case "reasoning_delta":
        add(`r:${event.reasoningId}`, event.delta);
        reasoning += event.delta;
        break;
      case "reasoning_end":
        end(`r:${event.reasoningId}`, redacted.has(event.reasoningId) ? undefined : event.text);
        break;
      case "tool_call_start":
        begin(`c:${event.toolCallId}`);
        break;
      case "tool_call_delta":
        add(`c:${event.toolCallId}`, event.argumentsDelta);
        break;
      case "tool_call_end": {
        const call = event.toolCall;
        const streamed = segments.get(`c:${call.id}`)?.deltas ?? "";
        end(`c:${call.id}`, call.rawArguments);
        if (call.rawArguments === undefined) expect(JSON.parse(streamed || "{}")).toEqual(call.arguments);
        toolCalls.push({ id: call.id, name: call.name, arguments: call.arguments });
        break;
      }
      default:
        break;
    }
  }
  for (const [key, seg] of segments) expect(seg.ended, `${key} never ended`).toBe(true);

  const last = terminal[0];
  if (last.type === "finish") {
    expect(last.response.text).toBe(text);
    expect(last.response.reasoning ?? "").toBe(reasoning);
    expect(last.response.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments }))).toEqual(toolCalls);
    expect(last.response.finishReason).toEqual(last.finishReason);
    expect(last.response.usage).toEqual(last.usage);
  }
  return last;
}

/** Checks a Response against a fixture expectation. */
export function checkResponse(response: Response, exp: ResponseExpectation): void {
  expect(response.provider).toBe("anthropic");
  expect(response.id).toBe(exp.id);
  expect(response.model).toBe(exp.model);
  if (exp.text !== undefined) expect(response.text).toBe(exp.text);
  if (exp.textPrefix !== undefined) expect(response.text.startsWith(exp.textPrefix)).toBe(true);
  expect(response.text).toHaveLength(exp.textLength);

  expect(response.toolCalls).toHaveLength(exp.toolCalls.length);
  exp.toolCalls.forEach((want, i) => {
    const got = response.toolCalls[i];
    expect(got.id).toBe(want.id);
    expect(got.name).toBe(want.name);
    if (want.arguments) expect(got.arguments).toMatchObject(want.arguments);
    if (want.caller) expect(got.providerMetadata).toEqual({ anthropic: { caller: want.caller } });
    else expect(got.providerMetadata).toBeUndefined();
  });

  const thinking = response.message.content.flatMap((p) => (p.kind === "thinking" ? [p.thinking] : []));
  expect(thinking).toHaveLength(exp.thinking.length);
  exp.thinking.forEach((want, i) => {
    expect(thinking[i].text.startsWith(want.textPrefix)).toBe(true);
    expect(thinking[i].text).toHaveLength(want.textLength);
    expect(thinking[i].signature?.startsWith(want.signaturePrefix)).toBe(true);
    expect(thinking[i].redacted).toBe(false);
  });

  const providerTypes = response.message.content.flatMap((p) =>
    p.kind === "provider" ? [`${p.provider}:${String(p.data.type)}`] : [],
  );
  expect(providerTypes).toEqual(exp.providerTypes.map((t) => `anthropic:${t}`));

  expect(response.finishReason).toEqual(exp.finish);
  const { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens } = response.usage;
  expect({ inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens }).toEqual(exp.usage);
  expect(response.usage.totalTokens).toBe(exp.usage.inputTokens + exp.usage.outputTokens);
  expect(response.usage.raw).toBeDefined();
}

/** The shape of a message: part kinds, provider parts by type. */
export function shapeOf(response: Response): string[] {
  return response.message.content.map((p) => (p.kind === "provider" ? `provider:${String(p.data.type)}` : p.kind));
}
