// Invariants every unified stream must keep (unified-llm-spec §3.13-3.14, STYLE pattern 6):
// start -> delta* -> end per segment id, exactly one terminal event (finish or error) and it is
// the last, and the deltas add up to the final response.
import { expect } from "vitest";
import type { Response } from "../../../src/types/response.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";

/** Reads a stream to its end. */
export async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

interface Lifecycle {
  starts: number;
  ends: number;
  deltas: string;
  /** The text the end event reported. */
  endText?: string;
}

function track(map: Map<string, Lifecycle>, id: string): Lifecycle {
  let entry = map.get(id);
  if (!entry) {
    entry = { starts: 0, ends: 0, deltas: "" };
    map.set(id, entry);
  }
  return entry;
}

/** Asserts the invariants; returns the final response when the stream finished. */
export function checkStreamInvariants(events: StreamEvent[]): Response | undefined {
  expect(events.length).toBeGreaterThan(0);
  expect(events[0]?.type).toBe("stream_start");
  expect(events.filter((e) => e.type === "stream_start")).toHaveLength(1);
  const terminals = events.filter((e) => e.type === "finish" || e.type === "error");
  expect(terminals).toHaveLength(1);
  expect(events.at(-1)).toBe(terminals[0]);

  const texts = new Map<string, Lifecycle>();
  const reasonings = new Map<string, Lifecycle>();
  const calls = new Map<string, Lifecycle>();
  let allText = "";
  let allReasoning = "";
  const ended: StreamEvent[] = [];
  for (const event of events) {
    switch (event.type) {
      case "text_start":
      case "reasoning_start":
      case "tool_call_start": {
        const map = event.type === "text_start" ? texts : event.type === "reasoning_start" ? reasonings : calls;
        const id =
          event.type === "text_start"
            ? event.textId
            : event.type === "reasoning_start"
              ? event.reasoningId
              : event.toolCallId;
        const entry = track(map, id);
        expect(entry.starts, `second start for ${id}`).toBe(0);
        entry.starts++;
        break;
      }
      case "text_delta": {
        const entry = track(texts, event.textId);
        expect(entry.starts, `delta before start for ${event.textId}`).toBe(1);
        expect(entry.ends, `delta after end for ${event.textId}`).toBe(0);
        expect(event.delta).not.toBe("");
        entry.deltas += event.delta;
        allText += event.delta;
        break;
      }
      case "reasoning_delta": {
        const entry = track(reasonings, event.reasoningId);
        expect(entry.starts).toBe(1);
        expect(entry.ends).toBe(0);
        entry.deltas += event.delta;
        allReasoning += event.delta;
        break;
      }
      case "tool_call_delta": {
        const entry = track(calls, event.toolCallId);
        expect(entry.starts, `delta before start for ${event.toolCallId}`).toBe(1);
        expect(entry.ends).toBe(0);
        entry.deltas += event.argumentsDelta;
        break;
      }
      case "text_end":
      case "reasoning_end": {
        const map = event.type === "text_end" ? texts : reasonings;
        const id = event.type === "text_end" ? event.textId : event.reasoningId;
        const entry = track(map, id);
        expect(entry.starts, `end before start for ${id}`).toBe(1);
        expect(entry.ends, `second end for ${id}`).toBe(0);
        entry.ends++;
        expect(event.text).toBe(entry.deltas);
        break;
      }
      case "tool_call_end": {
        const entry = track(calls, event.toolCall.id);
        expect(entry.starts, `end before start for ${event.toolCall.id}`).toBe(1);
        expect(entry.ends).toBe(0);
        entry.ends++;
        if (entry.deltas !== "") expect(event.toolCall.rawArguments).toBe(entry.deltas);
        ended.push(event);
        break;
      }
      default:
        break;
    }
  }
  for (const map of [texts, reasonings, calls]) {
    for (const [id, entry] of map) {
      expect(entry.starts, `segment ${id}`).toBe(1);
      if (terminals[0]?.type === "finish") expect(entry.ends, `segment ${id} never ended`).toBe(1);
    }
  }
  const last = terminals[0];
  if (last?.type !== "finish") return undefined;
  const response = last.response;
  expect(response.text).toBe(allText);
  expect(response.reasoning ?? "").toBe(allReasoning);
  expect(last.finishReason).toEqual(response.finishReason);
  expect(last.usage).toEqual(response.usage);
  const endedCalls = ended.flatMap((e) => (e.type === "tool_call_end" ? [e.toolCall] : []));
  expect(response.toolCalls.map((c) => [c.id, c.name, c.arguments])).toEqual(
    endedCalls.map((c) => [c.id, c.name, c.arguments]),
  );
  return response;
}
