import { Client } from "@darkfactory/llm";
import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/session/events.js";
import { Session } from "../../src/session/session.js";
import type { SessionConfig } from "../../src/session/types.js";
import type { RegisteredTool } from "../../src/tools/types.js";
import { FakeEnv } from "../helpers/fake-env.js";
import { echoTool, testProfile } from "../helpers/fake-tools.js";
import { ConversationAdapter, calls, type Step, text, withAgent } from "../helpers/scripted-adapter.js";

/** Writes `content` to `path` through the session's environment. */
const writeTool: RegisteredTool = {
  definition: {
    name: "write",
    description: "Write a file.",
    parameters: {
      type: "object",
      properties: { path: { type: "string" }, content: { type: "string" } },
      required: ["path", "content"],
    },
  },
  executor: async (args, context) => {
    await context.env.writeFile(String(args.path), String(args.content));
    return "written";
  },
};

function setup(scripts: Record<string, Step[]>, config: Partial<SessionConfig> = {}) {
  const adapter = new ConversationAdapter("anthropic", scripts);
  const client = new Client({ providers: { anthropic: adapter } });
  const env = new FakeEnv();
  const events: SessionEvent[] = [];
  const session = new Session({
    client,
    profile: testProfile({ tools: [echoTool(), writeTool], subagents: true }),
    environment: env,
    config,
    retryPolicy: { maxRetries: 0 },
    onEvent: (e) => events.push(e),
  });
  const toolEnds = () => events.flatMap((e) => (e.type === "tool_call_end" ? [e] : []));
  return { adapter, env, events, session, toolEnds };
}

describe("subagents (§7, §9.9)", () => {
  it("spawn_agent runs a child with its own history on the shared environment; wait returns its result", async () => {
    const t = setup({
      delegate: [
        calls([{ id: "s", name: "spawn_agent", args: { task: "write tests" } }]),
        withAgent("wait", "w"),
        withAgent("close_agent", "x"),
        text("reviewed"),
      ],
      "write tests": [
        calls([{ id: "cw", name: "write", args: { path: "test_hello.py", content: "assert True" } }]),
        text("tests written"),
      ],
    });
    const result = await t.session.submit("delegate");
    expect(result).toMatchObject({ stopReason: "completed", text: "reviewed" });

    const [spawn, wait, close] = t.toolEnds();
    expect(JSON.parse(spawn.output)).toMatchObject({ status: "running" });
    expect(JSON.parse(wait.output)).toMatchObject({
      status: "completed",
      success: true,
      turns_used: 2,
      output: "tests written",
    });
    expect(JSON.parse(close.output)).toMatchObject({ status: "completed", output: "tests written" });
    // Shared filesystem.
    expect(t.env.files.get("/work/project/test_hello.py")).toBe("assert True");
    // Independent history: the parent never sees the child's messages.
    expect(t.session.history.filter((turn) => turn.kind === "user").map((turn) => turn.content)).toEqual(["delegate"]);
    const childRequests = t.adapter.requests.filter((r) =>
      r.messages.some((m) => m.role === "user" && m.content.some((p) => p.kind === "text" && p.text === "write tests")),
    );
    expect(childRequests).toHaveLength(2);
    expect(childRequests[0].messages.map((m) => m.role)).toEqual(["system", "user"]);
    // Depth limit (default max depth 1): the child is not offered the subagent tools.
    expect(childRequests[0].tools?.map((tool) => tool.name)).toEqual(["echo", "write"]);
    expect(t.adapter.requests[0].tools?.map((tool) => tool.name)).toContain("spawn_agent");
    // The child's events reach the parent's stream, wrapped.
    const forwarded = t.events.flatMap((e) => (e.type === "subagent_event" ? [e] : []));
    const agentId = JSON.parse(spawn.output).agent_id as string;
    expect(forwarded.every((e) => e.agentId === agentId)).toBe(true);
    expect(forwarded[0].event).toMatchObject({ type: "session_start", depth: 1, parentSessionId: t.session.id });
    expect(forwarded.map((e) => e.event.type)).toContain("tool_call_end");
    expect(forwarded.at(-1)?.event.type).toBe("session_end");
    expect(t.session.subagents.list()).toEqual([]);
  });

  it("send_input restarts an idle child; model and working_dir overrides apply", async () => {
    const t = setup({
      delegate: [
        calls([
          {
            id: "s",
            name: "spawn_agent",
            args: { task: "count", model: "small-model", working_dir: "pkg", max_turns: 5 },
          },
        ]),
        withAgent("wait", "w1"),
        withAgent("send_input", "i", { message: "count again" }),
        withAgent("wait", "w2"),
        text("done"),
      ],
      count: [text("one"), text("two")],
    });
    await t.session.submit("delegate");
    const [, wait1, send, wait2] = t.toolEnds();
    expect(JSON.parse(wait1.output)).toMatchObject({ output: "one", turns_used: 1 });
    expect(send.output).toMatch(/working on the message/);
    expect(JSON.parse(wait2.output)).toMatchObject({ output: "two", turns_used: 2 });
    const child = t.adapter.requests.filter((r) => r.model === "small-model");
    expect(child).toHaveLength(2);
    const start = t.events.find((e) => e.type === "subagent_event" && e.event.type === "session_start");
    expect(start?.type === "subagent_event" && start.event).toMatchObject({ workingDirectory: "/work/project/pkg" });
  });

  it("with max_subagent_depth 2 a child may spawn; at the limit spawn_agent is refused", async () => {
    const t = setup(
      {
        top: [
          calls([{ id: "s", name: "spawn_agent", args: { task: "middle" } }]),
          withAgent("wait", "w"),
          text("top done"),
        ],
        middle: [
          calls([{ id: "s2", name: "spawn_agent", args: { task: "bottom" } }]),
          withAgent("wait", "w2"),
          text("middle done"),
        ],
        bottom: [calls([{ id: "s3", name: "spawn_agent", args: { task: "deeper" } }]), text("bottom done")],
      },
      { maxSubagentDepth: 2 },
    );
    await t.session.submit("top");
    const bottomRequest = t.adapter.requests.find((r) =>
      r.messages[1].content.some((p) => p.kind === "text" && p.text === "bottom"),
    );
    expect(bottomRequest?.tools?.map((tool) => tool.name)).not.toContain("spawn_agent");
    // The bottom agent's call of the missing tool is an error result, not a crash.
    const nested = t.events
      .flatMap((e) => (e.type === "subagent_event" ? [e.event] : []))
      .flatMap((e) => (e.type === "subagent_event" ? [e.event] : []))
      .find((e) => e.type === "tool_call_end");
    expect(nested).toMatchObject({ toolName: "spawn_agent", isError: true });
    expect(JSON.parse(t.toolEnds()[1].output)).toMatchObject({ output: "middle done", success: true });
  });

  it("the manager refuses to spawn past the depth limit", () => {
    const t = setup({}, { maxSubagentDepth: 0 });
    expect(() => t.session.subagents.spawn({ task: "x" })).toThrow(/maximum subagent depth \(0\)/);
    expect(t.session.profile.tools().map((tool) => tool.name)).toEqual(["echo", "write"]);
  });

  it("aborting the parent closes its running subagents (Appendix B step 6)", async () => {
    const t = setup({
      delegate: [calls([{ id: "s", name: "spawn_agent", args: { task: "forever" } }]), withAgent("wait", "w")],
      forever: [{ kind: "hang" }],
    });
    t.session.subscribe((event) => {
      if (event.type === "tool_call_start" && event.toolName === "wait") setTimeout(() => void t.session.abort(), 5);
    });
    const result = await t.session.submit("delegate");
    expect(result.stopReason).toBe("aborted");
    const childEnd = t.events.find((e) => e.type === "subagent_event" && e.event.type === "session_end");
    expect(childEnd).toBeDefined();
    expect(t.events.indexOf(childEnd as SessionEvent)).toBeLessThan(
      t.events.findIndex((e) => e.type === "session_end"),
    );
    expect(t.session.subagents.list()).toEqual([]);
  });
});
