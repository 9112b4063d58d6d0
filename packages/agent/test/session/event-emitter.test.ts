import { describe, expect, it } from "vitest";
import { SessionEventEmitter } from "../../src/session/event-emitter.js";
import type { SessionEvent } from "../../src/session/events.js";
import { harness } from "../helpers/harness.js";
import { text } from "../helpers/scripted-adapter.js";

/** Compile-time check that the union is exhaustive and discriminated on `type` (§2.9). */
function label(event: SessionEvent): string {
  switch (event.type) {
    case "session_start":
    case "session_end":
    case "user_input":
    case "processing_end":
    case "assistant_text_start":
    case "assistant_text_delta":
    case "assistant_reasoning_delta":
    case "assistant_text_end":
    case "tool_call_start":
    case "tool_call_output_delta":
    case "tool_call_end":
    case "steering_injected":
    case "turn_limit":
    case "loop_detection":
    case "warning":
    case "error":
    case "subagent_event":
      return event.type;
    default: {
      const never: never = event;
      return never;
    }
  }
}

describe("SessionEventEmitter (§2.9)", () => {
  it("stamps events with the session id and an ISO timestamp", () => {
    const emitter = new SessionEventEmitter("s1", () => new Date("2026-01-02T03:04:05Z"));
    const seen: SessionEvent[] = [];
    emitter.subscribe((e) => seen.push(e));
    emitter.emit({ type: "user_input", content: "hi" });
    expect(seen).toEqual([
      { type: "user_input", content: "hi", sessionId: "s1", timestamp: "2026-01-02T03:04:05.000Z" },
    ]);
    expect(label(seen[0])).toBe("user_input");
  });

  it("iterators buffer until read, end after session_end, and a throwing listener is ignored", async () => {
    const emitter = new SessionEventEmitter("s1");
    emitter.subscribe(() => {
      throw new Error("broken listener");
    });
    const iterator = emitter.iterate();
    emitter.emit({ type: "user_input", content: "a" });
    emitter.emit({ type: "session_end", state: "closed", reason: "closed" });
    emitter.emit({ type: "user_input", content: "ignored after the end" });
    const seen: string[] = [];
    for await (const event of iterator) seen.push(event.type);
    expect(seen).toEqual(["user_input", "session_end"]);
    const late = emitter.iterate();
    expect(await late.next()).toEqual({ value: undefined, done: true });
  });

  it("breaking out of an iterator unsubscribes it", async () => {
    const h = harness([text("one"), text("two")]);
    const first: string[] = [];
    const consumer = (async () => {
      for await (const event of h.session.events()) {
        first.push(event.type);
        if (event.type === "processing_end") break;
      }
    })();
    await h.session.submit("1");
    await consumer;
    await h.session.submit("2");
    expect(first.at(-1)).toBe("processing_end");
    expect(first.filter((t) => t === "processing_end")).toHaveLength(1);
  });

  it("abort() from a session_start listener is safe (processing is tracked before the first event)", async () => {
    const h = harness([text("never")]);
    h.session.subscribe((event) => {
      if (event.type === "session_start") void h.session.abort();
    });
    const result = await h.session.submit("go");
    expect(result.stopReason).toBe("aborted");
    expect(h.types().at(-1)).toBe("session_end");
    expect(h.ofType("session_end")).toHaveLength(1);
    expect(h.adapter.requests).toHaveLength(0);
  });
});
