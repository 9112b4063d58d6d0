import { describe, expect, it } from "vitest";
import { StreamAccumulator } from "../../src/stream/stream-accumulator.js";
import type { StreamEvent } from "../../src/types/stream-event.js";
import { eventsFor, responseOf, usage } from "../helpers/fake-adapter.js";

describe("StreamAccumulator (§4.4)", () => {
  it("accumulates a stream into the Response that complete() would return", () => {
    const response = responseOf(
      [
        { kind: "thinking", thinking: { text: "hmm, let me see", signature: "sig", redacted: false } },
        { kind: "text", text: "The weather:" },
        { kind: "tool_call", toolCall: { id: "c1", name: "get_weather", arguments: { city: "SF" } } },
      ],
      { finishReason: { reason: "tool_calls" }, usage: usage(3, 4) },
    );
    const events = eventsFor(response);
    const withoutFinish = new StreamAccumulator({ id: "r", model: "m", provider: "fake" });
    for (const e of events.slice(0, -1)) withoutFinish.process(e);
    const built = withoutFinish.response({ finishReason: { reason: "tool_calls" }, usage: usage(3, 4) });
    expect(built.text).toBe("The weather:");
    expect(built.toolCalls).toEqual([{ id: "c1", name: "get_weather", arguments: { city: "SF" } }]);
    expect(built.finishReason.reason).toBe("tool_calls");
    expect(built.provider).toBe("fake");

    const withFinish = new StreamAccumulator();
    for (const e of events) withFinish.process(e);
    expect(withFinish.response()).toBe(response);
  });

  it("accumulates reasoning segments with their signature and redaction", () => {
    const acc = new StreamAccumulator();
    const events: StreamEvent[] = [
      { type: "reasoning_start", reasoningId: "r1" },
      { type: "reasoning_delta", reasoningId: "r1", delta: "step 1. " },
      { type: "reasoning_delta", reasoningId: "r1", delta: "step 2." },
      { type: "reasoning_end", reasoningId: "r1", text: "step 1. step 2.", signature: "sig==" },
      { type: "reasoning_start", reasoningId: "r2", redacted: true },
      { type: "reasoning_end", reasoningId: "r2", text: "opaque", redacted: true },
      { type: "text_start", textId: "t" },
      { type: "text_delta", textId: "t", delta: "42" },
    ];
    for (const e of events) acc.process(e);
    const message = acc.message();
    expect(message.content).toEqual([
      { kind: "thinking", thinking: { text: "step 1. step 2.", redacted: false, signature: "sig==" } },
      { kind: "redacted_thinking", thinking: { text: "opaque", redacted: true } },
      { kind: "text", text: "42" },
    ]);
    expect(acc.response().reasoning).toBe("step 1. step 2.");
  });

  it("gives a partial response mid-stream, including unfinished tool call arguments", () => {
    const acc = new StreamAccumulator({ model: "m" });
    acc.process({ type: "stream_start", id: "resp_7", warnings: [] });
    acc.process({ type: "text_start", textId: "a" });
    acc.process({ type: "text_delta", textId: "a", delta: "Hel" });
    expect(acc.response().text).toBe("Hel");
    acc.process({ type: "text_delta", textId: "a", delta: "lo" });
    acc.process({ type: "tool_call_start", toolCallId: "c", toolName: "t" });
    acc.process({ type: "tool_call_delta", toolCallId: "c", argumentsDelta: '{"x":' });
    const partial = acc.response();
    expect(partial.id).toBe("resp_7");
    expect(partial.model).toBe("m");
    expect(partial.text).toBe("Hello");
    expect(partial.message.content[1]).toEqual({
      kind: "tool_call",
      toolCall: { id: "c", name: "t", arguments: '{"x":' },
    });
    expect(partial.finishReason.reason).toBe("other");
  });

  it("handles deltas without a start event and interleaved segments", () => {
    const acc = new StreamAccumulator();
    acc.process({ type: "text_delta", textId: "a", delta: "A1" });
    acc.process({ type: "text_delta", textId: "b", delta: "B1" });
    acc.process({ type: "text_delta", textId: "a", delta: "A2" });
    expect(acc.message().content).toEqual([
      { kind: "text", text: "A1A2" },
      { kind: "text", text: "B1" },
    ]);
  });

  it("ignores error, provider and step_finish events", () => {
    const acc = new StreamAccumulator();
    acc.process({ type: "provider_event", raw: { x: 1 } });
    expect(acc.message().content).toEqual([]);
  });

  it("addPart keeps parts that have no stream events, in order", () => {
    const acc = new StreamAccumulator();
    acc.process({ type: "text_delta", textId: "a", delta: "x" });
    acc.addPart({ kind: "provider", provider: "openai", data: { type: "reasoning", id: "rs_1" } });
    expect(acc.message().content.map((p) => p.kind)).toEqual(["text", "provider"]);
  });
});
