import type { Message } from "@darkfactory/llm";
import { describe, expect, it } from "vitest";
import { SessionStateError } from "../../src/session/errors.js";
import { echoTool, failingTool, sleepTool, testProfile } from "../helpers/fake-tools.js";
import { harness } from "../helpers/harness.js";
import { calls, responseOf, text } from "../helpers/scripted-adapter.js";

const toolMessages = (messages: Message[]) => messages.filter((m) => m.role === "tool");

describe("Session core loop (§2.5, §9.1)", () => {
  it("natural completion: a text-only answer ends the loop and the session is idle", async () => {
    const h = harness([text("All done.")]);
    const result = await h.session.submit("hello");
    expect(result).toMatchObject({
      stopReason: "completed",
      text: "All done.",
      toolRounds: 0,
      turnsUsed: 1,
      state: "idle",
    });
    expect(h.session.state).toBe("idle");
    expect(h.types()).toEqual([
      "session_start",
      "user_input",
      "assistant_text_start",
      "assistant_text_end",
      "processing_end",
    ]);
    const request = h.adapter.requests[0];
    expect(request.provider).toBe("anthropic");
    expect(request.model).toBe("test-model");
    expect(request.messages[0].role).toBe("system");
    expect(request.messages[1]).toEqual({ role: "user", content: [{ kind: "text", text: "hello" }] });
    expect(request.tools?.map((t) => t.name)).toEqual(["echo"]);
    expect(request.toolChoice).toEqual({ mode: "auto" });
    expect(h.session.history.map((t) => t.kind)).toEqual(["user", "assistant"]);
  });

  it("runs a tool round, sends the results back, then completes", async () => {
    const h = harness([
      calls([{ id: "c1", name: "echo", args: { text: "ping" } }], "Let me check."),
      text("pong seen"),
    ]);
    const result = await h.session.submit("go");
    expect(result).toMatchObject({ stopReason: "completed", text: "pong seen", toolRounds: 1, turnsUsed: 2 });
    expect(h.types()).toEqual([
      "session_start",
      "user_input",
      "assistant_text_start",
      "assistant_text_end",
      "tool_call_start",
      "tool_call_end",
      "assistant_text_start",
      "assistant_text_end",
      "processing_end",
    ]);
    expect(h.ofType("tool_call_start")[0]).toMatchObject({
      callId: "c1",
      toolName: "echo",
      arguments: { text: "ping" },
    });
    expect(h.ofType("tool_call_end")[0]).toMatchObject({
      callId: "c1",
      output: "ping",
      isError: false,
      truncated: false,
    });
    const second = h.adapter.requests[1].messages;
    expect(second.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(second[2].content).toEqual([
      { kind: "text", text: "Let me check." },
      { kind: "tool_call", toolCall: { id: "c1", name: "echo", arguments: { text: "ping" } } },
    ]);
    expect(second[3]).toMatchObject({
      role: "tool",
      toolCallId: "c1",
      name: "echo",
      content: [{ kind: "tool_result", toolResult: { toolCallId: "c1", content: "ping", isError: false } }],
    });
    expect(h.session.history.map((t) => t.kind)).toEqual(["user", "assistant", "tool_results", "assistant"]);
  });

  it("runs the tool calls of one response concurrently when the profile supports parallel calls", async () => {
    const { tool, stats } = sleepTool(30);
    const h = harness(
      [
        calls([
          { id: "a", name: "sleep", args: { id: "a" } },
          { id: "b", name: "sleep", args: { id: "b" } },
          { id: "c", name: "sleep", args: { id: "c" } },
        ]),
        text("ok"),
      ],
      { profile: testProfile({ tools: [tool], parallel: true }) },
    );
    await h.session.submit("go");
    expect(stats.maxActive).toBe(3);
    // Results keep the call order.
    expect(toolMessages(h.adapter.requests[1].messages).map((m) => m.toolCallId)).toEqual(["a", "b", "c"]);
  });

  it("runs them one at a time when the profile does not support parallel calls", async () => {
    const { tool, stats } = sleepTool(5);
    const h = harness(
      [
        calls([
          { id: "a", name: "sleep" },
          { id: "b", name: "sleep" },
        ]),
        text("ok"),
      ],
      {
        profile: testProfile({ tools: [tool], parallel: false }),
      },
    );
    await h.session.submit("go");
    expect(stats.maxActive).toBe(1);
  });

  it("max_tool_rounds_per_input stops the loop and emits turn_limit; the next input gets a fresh budget", async () => {
    const echo = (id: string) => calls([{ id, name: "echo", args: { text: id } }]);
    const h = harness([echo("1"), echo("2"), echo("3"), text("done")], { config: { maxToolRoundsPerInput: 2 } });
    const result = await h.session.submit("loop");
    expect(result).toMatchObject({ stopReason: "max_tool_rounds", toolRounds: 2, state: "idle" });
    expect(h.ofType("turn_limit")).toEqual([
      expect.objectContaining({ limit: "max_tool_rounds_per_input", round: 2, totalTurns: 2 }),
    ]);
    expect(h.adapter.requests).toHaveLength(2);
    const next = await h.session.submit("again");
    expect(next).toMatchObject({ stopReason: "completed", toolRounds: 1 });
    expect(h.adapter.requests).toHaveLength(4);
  });

  it("max_turns limits assistant turns across the whole session", async () => {
    const h = harness([calls([{ id: "1", name: "echo", args: { text: "x" } }]), text("first"), text("never")], {
      config: { maxTurns: 2 },
    });
    expect((await h.session.submit("one")).stopReason).toBe("completed");
    const second = await h.session.submit("two");
    expect(second).toMatchObject({ stopReason: "max_turns", turnsUsed: 2 });
    expect(h.ofType("turn_limit")[0]).toMatchObject({ limit: "max_turns", totalTurns: 2 });
    expect(h.adapter.requests).toHaveLength(2);
  });

  it("multiple sequential inputs share one history", async () => {
    const h = harness([text("first answer"), text("second answer")]);
    await h.session.submit("first");
    await h.session.submit("second");
    const messages = h.adapter.requests[1].messages;
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(h.ofType("session_start")).toHaveLength(1);
    expect(h.ofType("processing_end")).toHaveLength(2);
  });

  it("an unknown tool becomes an error result and the loop continues (§9.3)", async () => {
    const h = harness([calls([{ id: "u", name: "no_such_tool" }]), text("recovered")]);
    const result = await h.session.submit("go");
    expect(result.stopReason).toBe("completed");
    const end = h.ofType("tool_call_end")[0];
    expect(end).toMatchObject({ callId: "u", isError: true });
    expect(end.output).toMatch(/Unknown tool/);
    expect(toolMessages(h.adapter.requests[1].messages)[0].content[0]).toMatchObject({
      kind: "tool_result",
      toolResult: { isError: true },
    });
  });

  it("a throwing tool and invalid arguments become error results the model sees (Appendix B)", async () => {
    const h = harness(
      [
        calls([
          { id: "f", name: "fail" },
          { id: "v", name: "echo", args: { text: 42 } },
        ]),
        text("ok"),
      ],
      { profile: testProfile({ tools: [echoTool(), failingTool("disk on fire")] }) },
    );
    await h.session.submit("go");
    const [failed, invalid] = h.ofType("tool_call_end");
    expect(failed).toMatchObject({ isError: true });
    expect(failed.output).toContain("disk on fire");
    expect(invalid).toMatchObject({ isError: true });
    expect(invalid.output).toMatch(/Invalid arguments/);
  });

  it("a question as the final answer moves the session to awaiting_input; submit answers it", async () => {
    const h = harness([text("Which file should I edit?"), text("Editing it.")]);
    const result = await h.session.submit("fix it");
    expect(result).toMatchObject({ stopReason: "awaiting_input", state: "awaiting_input" });
    expect(h.session.state).toBe("awaiting_input");
    expect((await h.session.submit("main.ts")).state).toBe("idle");
  });

  it("submit() while processing throws SessionStateError", async () => {
    const h = harness([{ kind: "response", response: responseOf([{ kind: "text", text: "slow" }]), delayMs: 20 }]);
    const first = h.session.submit("one");
    await expect(h.session.submit("two")).rejects.toBeInstanceOf(SessionStateError);
    await first;
  });

  it("round-trips thinking blocks with their signatures and tool-call metadata", async () => {
    const h = harness([
      {
        kind: "response",
        response: responseOf([
          { kind: "thinking", thinking: { text: "let me think", signature: "sig-1", redacted: false } },
          {
            kind: "tool_call",
            toolCall: {
              id: "c",
              name: "echo",
              arguments: { text: "t" },
              providerMetadata: { gemini: { thoughtSignature: "ts" } },
            },
          },
        ]),
      },
      text("done"),
    ]);
    await h.session.submit("go");
    const assistant = h.adapter.requests[1].messages[2];
    expect(assistant.content[0]).toMatchObject({
      kind: "thinking",
      thinking: { text: "let me think", signature: "sig-1" },
    });
    expect(assistant.content[1]).toMatchObject({
      kind: "tool_call",
      toolCall: { providerMetadata: { gemini: { thoughtSignature: "ts" } } },
    });
    expect(h.ofType("assistant_text_end")[0]).toMatchObject({ reasoning: "let me think", usage: { totalTokens: 15 } });
    const turn = h.session.history[1];
    expect(turn.kind === "assistant" && turn.reasoning).toBe("let me think");
  });
});
