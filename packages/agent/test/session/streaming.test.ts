import { describe, expect, it } from "vitest";
import type { SessionToolContext } from "../../src/session/tool-execution.js";
import type { RegisteredTool } from "../../src/tools/types.js";
import { testProfile } from "../helpers/fake-tools.js";
import { harness } from "../helpers/harness.js";
import { calls, responseOf, text } from "../helpers/scripted-adapter.js";

describe("streaming (§2.9 ASSISTANT_TEXT_DELTA)", () => {
  it("uses Client.stream() when the profile streams and emits the text as deltas", async () => {
    const h = harness([text("Hello world")], { profile: testProfile({ streaming: true }) });
    const result = await h.session.submit("hi");
    expect(result.text).toBe("Hello world");
    expect(h.adapter.modes).toEqual(["stream"]);
    expect(h.ofType("assistant_text_delta").map((e) => e.delta)).toEqual(["Hel", "lo ", "wor", "ld"]);
    const types = h.types();
    expect(types.indexOf("assistant_text_start")).toBeLessThan(types.indexOf("assistant_text_delta"));
    expect(types.lastIndexOf("assistant_text_delta")).toBeLessThan(types.indexOf("assistant_text_end"));
    expect(h.ofType("assistant_text_end")[0]).toMatchObject({
      text: "Hello world",
      incomplete: false,
      responseId: "resp",
    });
  });

  it("emits reasoning deltas and keeps the signed thinking block for the next request", async () => {
    const first = responseOf([
      { kind: "thinking", thinking: { text: "plan", signature: "sig", redacted: false } },
      { kind: "tool_call", toolCall: { id: "c", name: "echo", arguments: { text: "x" } } },
    ]);
    const h = harness([{ kind: "response", response: first }, text("done")], {
      profile: testProfile({ streaming: true }),
    });
    await h.session.submit("go");
    expect(h.ofType("assistant_reasoning_delta").map((e) => e.delta)).toEqual(["plan"]);
    expect(h.ofType("assistant_text_end")[0]).toMatchObject({
      reasoning: "plan",
      toolCalls: [{ id: "c", name: "echo" }],
    });
    expect(h.adapter.requests[1].messages[2].content[0]).toMatchObject({
      kind: "thinking",
      thinking: { text: "plan", signature: "sig" },
    });
  });

  it("streaming=false on the session overrides the profile", async () => {
    const profile = testProfile({ streaming: true });
    const h = harness([calls([{ id: "c", name: "echo", args: { text: "x" } }]), text("ok")], {
      profile,
      streaming: false,
    });
    await h.session.submit("go");
    expect(h.adapter.modes).toEqual(["complete", "complete"]);
    expect(h.ofType("assistant_text_delta")).toEqual([]);
  });
});

describe("tool output deltas (§2.9 TOOL_CALL_OUTPUT_DELTA)", () => {
  it("a tool may stream partial output through onOutputDelta; tool_call_end still has the full output", async () => {
    const streamingTool: RegisteredTool = {
      definition: { name: "build", description: "Build.", parameters: { type: "object", properties: {} } },
      executor: async (_args, context) => {
        const hook = (context as SessionToolContext).onOutputDelta;
        hook?.("compiling...\n");
        hook?.("done\n");
        return "compiling...\ndone\n";
      },
    };
    const h = harness([calls([{ id: "b", name: "build" }]), text("built")], {
      profile: testProfile({ tools: [streamingTool] }),
    });
    await h.session.submit("build it");
    const toolEvents = h.events.filter((e) => e.type.startsWith("tool_call"));
    expect(toolEvents.map((e) => e.type)).toEqual([
      "tool_call_start",
      "tool_call_output_delta",
      "tool_call_output_delta",
      "tool_call_end",
    ]);
    expect(h.ofType("tool_call_output_delta").map((e) => [e.callId, e.delta])).toEqual([
      ["b", "compiling...\n"],
      ["b", "done\n"],
    ]);
    expect(h.ofType("tool_call_end")[0].output).toBe("compiling...\ndone\n");
  });
});
