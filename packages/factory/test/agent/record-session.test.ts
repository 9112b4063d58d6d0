// Recording an agent session into a context store: user input, assistant turns with their tool
// calls and usage, tool results with the full output, system turns for warnings, errors, limits
// and loops, and a child context per subagent. Deltas are not recorded.
import type { SessionEvent } from "@darkfactory/agent";
import { openStore, recordToStore, type Store } from "@darkfactory/cxdb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordSessionEvents } from "../../src/agent/record-session.js";

let store: Store;
beforeEach(async () => {
  store = await openStore(":memory:");
});
afterEach(() => store.close());

const base = { sessionId: "s1", timestamp: "2026-01-02T03:04:05.000Z" };
const usage = { inputTokens: 100, outputTokens: 20, totalTokens: 120, cacheReadTokens: 64 };
const assistant = (text: string, toolCalls: Array<{ id: string; name: string; arguments: Record<string, unknown> }>) =>
  ({
    ...base,
    type: "assistant_text_end",
    text,
    reasoning: undefined,
    toolCalls,
    usage,
    responseId: "resp_1",
    model: "gpt-5.2-codex",
    finishReason: { reason: toolCalls.length > 0 ? "tool_calls" : "stop" },
    incomplete: false,
  }) as SessionEvent;

function turns(contextId: number): Array<Record<string, unknown>> {
  return store.getTurns(contextId, { limit: 100 }).map((t) => store.projectTurn(t).data as Record<string, unknown>);
}

describe("recordSessionEvents", () => {
  it("records the session's turns, and each subagent in a child context", async () => {
    const recorder = recordToStore(store, { clientTag: "factory" });
    const session = recorder.openSession({ title: "stage" });
    const record = recordSessionEvents(session);
    const events: SessionEvent[] = [
      { ...base, type: "session_start", provider: "openai", model: "gpt-5.2-codex", workingDirectory: "/w", depth: 0 },
      { ...base, type: "user_input", content: "fix the test" },
      { ...base, type: "assistant_text_delta", delta: "Let" },
      assistant("Let me run it.", [{ id: "call_1", name: "shell", arguments: { command: "npm test" } }]),
      { ...base, type: "tool_call_start", callId: "call_1", toolName: "shell", arguments: { command: "npm test" } },
      {
        ...base,
        type: "tool_call_end",
        callId: "call_1",
        toolName: "shell",
        output: "1 failing\nExit code: 1",
        isError: true,
        truncated: false,
        durationMs: 42,
      },
      { ...base, type: "steering_injected", content: "look at sum.js", source: "steer" },
      { ...base, type: "loop_detection", message: "the same call 3 times", window: 10 },
      { ...base, type: "warning", code: "context_usage", message: "80% of the context window" } as SessionEvent,
      {
        ...base,
        type: "subagent_event",
        agentId: "agent-1",
        event: { ...base, sessionId: "s2", type: "user_input", content: "explore" },
      },
      { ...base, type: "subagent_event", agentId: "agent-1", event: assistant("explored", []) },
      { ...base, type: "turn_limit", limit: "max_turns", round: 1, totalTurns: 2 },
      {
        ...base,
        type: "error",
        error: { name: "RateLimitError", message: "slow down", retryable: true },
        fatal: false,
      } as SessionEvent,
      { ...base, type: "processing_end", state: "idle", stopReason: "max_turns" },
    ];
    for (const event of events) record(event);
    await recorder.close();

    const main = turns(1);
    expect(main.map((t) => t.item_type)).toEqual([
      "user_input",
      "assistant_turn",
      "tool_result",
      "user_input",
      "system",
      "system",
      "system",
      "system",
    ]);
    expect(main[0]).toMatchObject({ user_input: { text: "fix the test" } });
    expect(main[1]).toMatchObject({
      turn: {
        text: "Let me run it.",
        tool_calls: [{ id: "call_1", name: "shell", args: '{"command":"npm test"}' }],
        // CXDB projects u64 fields as strings.
        metrics: { input_tokens: "100", output_tokens: "20", cached_tokens: "64", model: "gpt-5.2-codex" },
        finish_reason: "tool_calls",
      },
    });
    expect(main[2]).toMatchObject({
      tool_result: { call_id: "call_1", content: "1 failing\nExit code: 1", is_error: true },
    });
    expect(main[3]).toMatchObject({ id: "steering", user_input: { text: "look at sum.js" } });
    expect(main.slice(4).map((t) => (t.system as { title: string }).title)).toEqual([
      "loop detected",
      "warning: context_usage",
      "turn limit reached: max_turns (round 1, 2 turns)",
      "error: RateLimitError",
    ]);

    const [child] = store.children(1);
    expect(store.getContext(child.contextId).metadata).toMatchObject({
      title: "subagent agent-1",
      labels: ["agent", "subagent"],
      provenance: { spawnReason: "sub_agent" },
    });
    expect(turns(child.contextId).map((t) => t.item_type)).toEqual(["user_input", "assistant_turn"]);
  });
});
