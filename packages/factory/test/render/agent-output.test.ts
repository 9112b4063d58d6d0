// How `factory agent` shows session events: streamed text and one line per tool call on a
// terminal; off a terminal the final answer apart from the progress; with --json, the events.
import type { SessionEvent } from "@darkfactory/agent";
import { describe, expect, it } from "vitest";
import { callSummary, JsonAgentRenderer, resultSummary, TextAgentRenderer } from "../../src/render/agent-output.js";
import { LineOutput } from "../../src/render/line-output.js";
import { CaptureStream } from "../helpers/cli.js";

const base = { sessionId: "s1", timestamp: "2026-01-02T03:04:05.000Z" };
const usage = { inputTokens: 1200, outputTokens: 30, totalTokens: 1230, cacheReadTokens: 1024, reasoningTokens: 7 };
const end = (text: string, toolCalls: SessionEvent[] = []) =>
  ({
    ...base,
    type: "assistant_text_end",
    text,
    reasoning: undefined,
    toolCalls: toolCalls.map(() => ({ id: "c", name: "shell", arguments: {} })),
    usage,
    responseId: undefined,
    model: "m",
    finishReason: { reason: "stop" },
    incomplete: false,
  }) as SessionEvent;
const toolStart = (callId: string, args: Record<string, unknown>) =>
  ({ ...base, type: "tool_call_start", callId, toolName: "shell", arguments: args }) as SessionEvent;
const toolEnd = (callId: string, output: string, isError = false) =>
  ({
    ...base,
    type: "tool_call_end",
    callId,
    toolName: "shell",
    output,
    isError,
    truncated: false,
    durationMs: 1500,
  }) as SessionEvent;

/** A turn with a remark and a failing command, a subagent's call, a warning, then the answer. */
function session(streamed: boolean): SessionEvent[] {
  const call = toolStart("c1", { command: "npm test" });
  return [
    { ...base, type: "assistant_text_start", model: "m" },
    ...(streamed
      ? ([
          { ...base, type: "assistant_text_delta", delta: "Running " },
          { ...base, type: "assistant_text_delta", delta: "tests." },
        ] as SessionEvent[])
      : []),
    end("Running tests.", [call]),
    call,
    toolEnd("c1", "2 failing\nExit code: 1", true),
    { ...base, type: "subagent_event", agentId: "a1", event: toolStart("c2", { file_path: "src/x.ts" }) },
    { ...base, type: "subagent_event", agentId: "a1", event: toolEnd("c2", "1 | const x = 1;") },
    { ...base, type: "subagent_event", agentId: "a1", event: end("sub says hi") },
    { ...base, type: "warning", code: "context_usage", message: "80% of the context window" } as SessionEvent,
    { ...base, type: "assistant_text_start", model: "m" },
    end("All green."),
  ];
}

describe("TextAgentRenderer", () => {
  it("on a terminal: streams text, a line per tool call (subagents prefixed), warnings on stderr, totals last", () => {
    const stdout = new CaptureStream();
    const stderr = new CaptureStream();
    const renderer = new TextAgentRenderer({ out: new LineOutput(stdout), err: stderr, color: false });
    for (const event of session(true)) renderer.event(event);
    renderer.finish({ durationMs: 2500 });
    expect(stdout.text.split("\n")).toEqual([
      "Running tests.",
      "→ shell: npm test  ✗ exit 1 (1.5s)",
      "[a1] → shell: src/x.ts  ✓ 1 | const x = 1; (1.5s)",
      "All green.",
      "tokens: 3,600 in (3,072 cached), 90 out (21 reasoning) · 3 turns · 2 tool calls (1 failed) · 2.5s",
      "",
    ]);
    expect(stderr.text).toBe("warning: 80% of the context window\n");
  });

  it("off a terminal: the final answer alone on its stream, the rest as progress", () => {
    const answer = new CaptureStream();
    const progress = new CaptureStream();
    const out = new LineOutput(progress);
    const renderer = new TextAgentRenderer({ out, err: out, color: false, answer });
    for (const event of session(true)) renderer.event(event);
    renderer.finish({ durationMs: 10 });
    expect(answer.text).toBe("All green.\n");
    expect(progress.text.split("\n").slice(0, 4)).toEqual([
      "Running tests.",
      "→ shell: npm test  ✗ exit 1 (1.5s)",
      "[a1] → shell: src/x.ts  ✓ 1 | const x = 1; (1.5s)",
      "warning: 80% of the context window",
    ]);
  });

  it("colours marks and dims the rest on a terminal that allows colours", () => {
    const stdout = new CaptureStream();
    const renderer = new TextAgentRenderer({ out: new LineOutput(stdout), err: new CaptureStream(), color: true });
    for (const event of session(false)) renderer.event(event);
    expect(stdout.text).toContain("\u001b[31m✗\u001b[0m");
    expect(stdout.text).toContain("\u001b[32m✓\u001b[0m");
  });
});

describe("JsonAgentRenderer", () => {
  it("writes every event as one JSON line, unchanged, and counts totals", () => {
    const stdout = new CaptureStream();
    const renderer = new JsonAgentRenderer(stdout);
    const events = session(true);
    for (const event of events) renderer.event(event);
    renderer.finish();
    expect(
      stdout.text
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(events);
    expect(renderer.totals).toMatchObject({ turns: 3, toolCalls: 2, failedToolCalls: 1 });
  });
});

describe("summaries", () => {
  it("says what a call is about in one short line", () => {
    expect(callSummary({ command: "cd app &&\n  npm test" })).toBe("cd app && ⏎ npm test");
    expect(
      callSummary({ patch: "*** Begin Patch\n*** Add File: a.js\n+x\n*** Update File: b.js\n*** End Patch" }),
    ).toBe("a.js, b.js");
    expect(callSummary({ include: ["src/**/*.ts", 3, "README.md"] })).toBe("src/**/*.ts, README.md");
    expect(callSummary({ dir_path: "src" })).toBe("src");
    expect(callSummary({ command: "x".repeat(100) })).toBe(`${"x".repeat(79)}…`);
    expect(callSummary({ other: 1 })).toBe("");
  });

  it("sums up a result by its exit code or its first line", () => {
    expect(resultSummary({ output: "ok\nExit code: 0\nDuration: 3 ms", isError: false })).toBe("exit 0");
    expect(resultSummary({ output: "\n  Created a.js (3 bytes)\nmore", isError: false })).toBe(
      "Created a.js (3 bytes)",
    );
  });
});
