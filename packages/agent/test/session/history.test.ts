import { describe, expect, it } from "vitest";
import { convertHistoryToMessages, countTurns, totalCharsInHistory } from "../../src/session/history.js";
import type { Turn } from "../../src/session/types.js";

const ts = "2026-01-01T00:00:00.000Z";
const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };

describe("convertHistoryToMessages (§2.5, §2.6)", () => {
  it("maps every turn kind", () => {
    const history: Turn[] = [
      { kind: "user", content: "do it", timestamp: ts },
      { kind: "system", content: "note", timestamp: ts },
      {
        kind: "assistant",
        content: "calling",
        toolCalls: [{ id: "c", name: "echo", arguments: { text: "x" }, providerMetadata: { p: 1 } }],
        reasoning: undefined,
        usage,
        responseId: undefined,
        message: { role: "assistant", content: [] },
        timestamp: ts,
      },
      {
        kind: "tool_results",
        results: [{ toolCallId: "c", toolName: "echo", content: "x", isError: false }],
        timestamp: ts,
      },
      { kind: "steering", content: "faster", timestamp: ts },
    ];
    expect(convertHistoryToMessages(history)).toEqual([
      { role: "user", content: [{ kind: "text", text: "do it" }] },
      { role: "system", content: [{ kind: "text", text: "note" }] },
      {
        role: "assistant",
        content: [
          { kind: "text", text: "calling" },
          {
            kind: "tool_call",
            toolCall: { id: "c", name: "echo", arguments: { text: "x" }, providerMetadata: { p: 1 } },
          },
        ],
      },
      {
        role: "tool",
        toolCallId: "c",
        name: "echo",
        content: [{ kind: "tool_result", toolResult: { toolCallId: "c", content: "x", isError: false } }],
      },
      { role: "user", content: [{ kind: "text", text: "faster" }] },
    ]);
    expect(countTurns(history)).toBe(1);
    expect(totalCharsInHistory(history)).toBe(
      "do it".length + "note".length + "calling".length + "echo".length + '{"text":"x"}'.length + 1 + "faster".length,
    );
  });
});
