import type { StreamEvent } from "@darkfactory/llm";
import { describe, expect, it } from "vitest";
import { SessionStateError } from "../../src/session/errors.js";
import type { SessionEvent } from "../../src/session/events.js";
import { sleepTool, testProfile } from "../helpers/fake-tools.js";
import { harness } from "../helpers/harness.js";
import { calls, text } from "../helpers/scripted-adapter.js";

const partialStream: StreamEvent[] = [
  { type: "stream_start", id: "r1", model: "test-model", warnings: [] },
  { type: "text_start", textId: "t" },
  { type: "text_delta", textId: "t", delta: "partial" },
];

describe("abort and graceful shutdown (§2.8, Appendix B, §9.1)", () => {
  it("abort mid-stream cancels the LLM stream, closes the triple, and ends CLOSED with session_end", async () => {
    const h = harness([{ kind: "events", events: partialStream, thenHang: true }], {
      profile: testProfile({ streaming: true }),
    });
    h.session.subscribe((event) => {
      if (event.type === "assistant_text_delta") void h.session.abort();
    });
    const result = await h.session.submit("go");
    expect(result).toMatchObject({ stopReason: "aborted", state: "closed" });
    expect(h.session.state).toBe("closed");
    expect(h.adapter.closedStreams).toBe(1);
    expect(h.ofType("assistant_text_end")[0]).toMatchObject({ text: "partial", incomplete: true });
    expect(h.types().slice(-2)).toEqual(["processing_end", "session_end"]);
    expect(h.ofType("session_end")[0]).toMatchObject({ state: "closed", reason: "aborted" });
    expect(h.session.history.map((t) => t.kind)).toEqual(["user"]);
    await expect(h.session.submit("again")).rejects.toBeInstanceOf(SessionStateError);
  });

  it("abort mid-tool signals the running tool (kills its command) and returns at once", async () => {
    const { tool, stats } = sleepTool(60_000);
    const h = harness([calls([{ id: "s", name: "sleep" }])], { profile: testProfile({ tools: [tool] }) });
    h.session.subscribe((event) => {
      if (event.type === "tool_call_start") setTimeout(() => void h.session.abort("user pressed ctrl-c"), 5);
    });
    const started = performance.now();
    const result = await h.session.submit("go");
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.stopReason).toBe("aborted");
    expect(stats.aborted).toBe(1);
    expect(h.ofType("tool_call_end")[0]).toMatchObject({ callId: "s", isError: true });
    expect(h.session.signal.reason).toBe("user pressed ctrl-c");
    expect(h.ofType("session_end")).toHaveLength(1);
  });

  it("the session's own AbortSignal option aborts a hanging LLM call", async () => {
    const controller = new AbortController();
    const h = harness([{ kind: "hang" }], { signal: controller.signal });
    const pending = h.session.submit("go");
    setTimeout(() => controller.abort(), 5);
    expect(await pending).toMatchObject({ stopReason: "aborted", state: "closed" });
  });

  it("close() on an idle session emits session_end and ends the event iterator", async () => {
    const h = harness([text("hi")]);
    const seen: SessionEvent[] = [];
    const consumer = (async () => {
      for await (const event of h.session.events()) seen.push(event);
    })();
    await h.session.submit("hello");
    await h.session.close();
    await consumer;
    expect(seen.map((e) => e.type)).toEqual([
      "session_start",
      "user_input",
      "assistant_text_start",
      "assistant_text_end",
      "processing_end",
      "session_end",
    ]);
    expect(seen.at(-1)).toMatchObject({ reason: "closed" });
    expect(() => h.session.steer("late")).toThrow(SessionStateError);
    await h.session.close(); // idempotent
    expect(h.ofType("session_end")).toHaveLength(1);
  });

  it("close() before any input still brackets the session with session_start/session_end", async () => {
    const h = harness([]);
    await h.session.close();
    expect(h.types()).toEqual(["session_start", "session_end"]);
  });
});
