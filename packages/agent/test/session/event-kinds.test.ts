// coding-agent-loop-spec §9.10 "all event kinds listed in Section 2.9 are emitted at the correct
// times": one session that goes through every kind, checked against an exhaustive list (a new kind
// fails to compile here until it is covered) and for the order the spec gives.
import { AuthenticationError } from "@darkfactory/llm";
import { describe, expect, it } from "vitest";
import type { SessionEventType } from "../../src/session/events.js";
import type { SessionToolContext } from "../../src/session/tool-execution.js";
import type { RegisteredTool } from "../../src/tools/types.js";
import { bigTool, echoTool, testProfile } from "../helpers/fake-tools.js";
import { harness } from "../helpers/harness.js";
import { ConversationAdapter, calls, fail, responseOf, text, withAgent } from "../helpers/scripted-adapter.js";

/** Every §2.9 kind; `Record` makes the compiler demand an entry for each member of the union. */
const ALL_KINDS: Record<SessionEventType, true> = {
  session_start: true,
  session_end: true,
  user_input: true,
  processing_end: true,
  assistant_text_start: true,
  assistant_text_delta: true,
  assistant_reasoning_delta: true,
  assistant_text_end: true,
  tool_call_start: true,
  tool_call_output_delta: true,
  tool_call_end: true,
  steering_injected: true,
  turn_limit: true,
  loop_detection: true,
  warning: true,
  error: true,
  subagent_event: true,
};

/** `build`: reports its output in two deltas before returning it whole. */
const buildTool: RegisteredTool = {
  definition: { name: "build", description: "Build.", parameters: { type: "object", properties: {} } },
  executor: async (_args, context) => {
    (context as SessionToolContext).onOutputDelta?.("compiling\n");
    (context as SessionToolContext).onOutputDelta?.("done\n");
    return "compiling\ndone\n";
  },
};

describe("event kinds (§2.9, §9.10)", () => {
  it("a session emits every kind, each at its time", async () => {
    const first = responseOf([
      { kind: "thinking", thinking: { text: "plan the build", redacted: false } },
      { kind: "text", text: "Building first." },
      { kind: "tool_call", toolCall: { id: "b", name: "build", arguments: {} } },
    ]);
    const echo = (id: string) => calls([{ id, name: "echo", args: { text: "same" } }]);
    const adapter = new ConversationAdapter("anthropic", {
      go: [
        { kind: "response", response: first },
        calls([{ id: "s", name: "spawn_agent", args: { task: "child task" } }]),
        withAgent("wait", "w"),
        calls([{ id: "big", name: "big" }]), // 12,000 characters in a 2,000-token window: context warning
        echo("e1"),
        echo("e2"), // the last two calls repeat: loop detection (window 2)
        // the 6th round is the per-input limit: no 7th call for this input
        fail(new AuthenticationError({ message: "key revoked", provider: "anthropic", statusCode: 401 })),
      ],
      "child task": [text("child done")],
    });
    const h = harness([], {
      adapter,
      profile: testProfile({
        tools: [buildTool, echoTool(), bigTool(12_000)],
        subagents: true,
        streaming: true,
        contextWindowSize: 2_000,
      }),
      config: { loopDetectionWindow: 2, maxToolRoundsPerInput: 6 },
    });
    h.session.subscribe((event) => {
      if (event.type === "tool_call_start" && event.callId === "b") h.session.steer("Keep it small");
    });

    const limited = await h.session.submit("go");
    expect(limited.stopReason).toBe("max_tool_rounds");
    const failed = await h.session.submit("go on");
    expect(failed).toMatchObject({ stopReason: "error", state: "closed" });

    const types = h.types();
    expect(new Set(types)).toEqual(new Set(Object.keys(ALL_KINDS)));

    // The session is bracketed; each input opens with user_input and closes with processing_end.
    expect(types[0]).toBe("session_start");
    expect(types.at(-1)).toBe("session_end");
    expect(types.filter((t) => t === "session_start" || t === "session_end")).toHaveLength(2);
    expect(h.ofType("user_input").map((e) => e.content)).toEqual(["go", "go on"]);
    expect(h.ofType("processing_end").map((e) => e.stopReason)).toEqual(["max_tool_rounds", "error"]);

    // First LLM call: start → reasoning/text deltas → end, then its tool call with output deltas.
    const firstCall = types.slice(types.indexOf("assistant_text_start"), types.indexOf("tool_call_end") + 1);
    expect(firstCall[0]).toBe("assistant_text_start");
    expect(firstCall).toContain("assistant_reasoning_delta");
    expect(firstCall.lastIndexOf("assistant_text_delta")).toBeLessThan(firstCall.indexOf("assistant_text_end"));
    expect(firstCall.slice(firstCall.indexOf("assistant_text_end") + 1)).toEqual([
      "tool_call_start",
      "tool_call_output_delta",
      "tool_call_output_delta",
      "tool_call_end",
    ]);

    // steer() during the first round is injected after it, before the second LLM call.
    const steering = h.ofType("steering_injected");
    expect(steering.map((e) => [e.source, e.content])).toEqual([
      ["steer", "Keep it small"],
      ["loop_detection", h.ofType("loop_detection")[0].message],
    ]);
    const steerAt = h.events.indexOf(steering[0]);
    expect(types[steerAt - 1]).toBe("tool_call_end");
    expect(types[steerAt + 1]).toBe("assistant_text_start");

    // The subagent's own events arrive wrapped, from its session_start on.
    const child = h.ofType("subagent_event").map((e) => e.event.type);
    expect(child[0]).toBe("session_start");
    expect(child).toContain("assistant_text_end");

    // Loop detection right after the repeated call's round; its steering follows it.
    const loopAt = types.indexOf("loop_detection");
    expect(types[loopAt - 1]).toBe("tool_call_end");
    expect(types[loopAt + 1]).toBe("steering_injected");

    // The context warning follows the first response that comes after the big output; the round
    // limit ends the first input.
    const warningAt = h.events.findIndex((e) => e.type === "warning" && e.code === "context_usage");
    const bigAt = h.events.findIndex((e) => e.type === "tool_call_end" && e.callId === "big");
    expect(types.slice(bigAt + 1, warningAt)).toContain("assistant_text_end");
    expect(types.slice(bigAt + 1, warningAt).filter((t) => t === "assistant_text_start")).toHaveLength(1);
    expect(types[types.indexOf("processing_end") - 1]).toBe("turn_limit");

    // The fatal error precedes processing_end; the subagent is closed (its session_end forwarded)
    // before the session's own session_end (Appendix B shutdown order).
    expect(types.slice(-4)).toEqual(["error", "processing_end", "subagent_event", "session_end"]);
    expect(h.ofType("subagent_event").at(-1)?.event.type).toBe("session_end");
    expect(h.ofType("error")[0]).toMatchObject({ fatal: true, error: { name: "AuthenticationError" } });
  });
});
