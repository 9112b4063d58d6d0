// `factory agent --store`: the session is recorded, opt-in, in a context store (the same session
// recorder as `factory run`'s codergen stages): user input, the assistant turn with its tool call,
// the tool result; the end says where (a `store:` line, or an `agent_recorded` JSON line); a
// store that cannot be opened warns and the agent still runs.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { openStore } from "@darkfactory/cxdb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { runFactory, tempDir } from "../helpers/run-io.js";
import { type ScriptedTwin, type ScriptRule, startScriptedTwin } from "../helpers/twins.js";

let dir: string;
let cleanup: () => Promise<void>;
let twin: ScriptedTwin | undefined;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({ "notes.txt": "hello" }));
});
afterEach(async () => {
  await twin?.close();
  twin = undefined;
  await cleanup();
});

/** Looks at the files, then answers. */
const LOOK_AND_ANSWER: ScriptRule[] = [
  {
    match: { userText: "what is here" },
    reply: { text: "Let me look.", toolCalls: [{ name: "shell", arguments: { command: "ls" } }] },
  },
  { match: { toolResult: "shell", toolResultContains: "notes.txt" }, reply: { text: "There is one file: notes.txt." } },
];

async function withTwin(): Promise<ScriptedTwin> {
  twin = await startScriptedTwin("openai", LOOK_AND_ANSWER);
  return twin;
}

const strip = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");

/** The recorded context's metadata and projected turns, read from the store file. */
async function recorded(file: string, contextId: number) {
  const store = await openStore(file);
  try {
    const turns = store
      .getTurns(contextId, { limit: 100 })
      .map((t) => store.projectTurn(t).data as Record<string, unknown>);
    return { metadata: store.getContext(contextId).metadata, turns, contexts: store.listContexts().total };
  } finally {
    store.close();
  }
}

describe("factory agent --store", () => {
  it("records the session in the store file and says so on stderr off a terminal", async () => {
    const t = await withTwin();
    const r = await runCli(["agent", "what is here?", "--store", "agent.sqlite"], { cwd: dir, env: t.env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("There is one file: notes.txt.\n");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.at(-2)).toMatch(/^tokens: /);
    expect(lines.at(-1)).toBe("store: context 1 in agent.sqlite");

    const { metadata, turns, contexts } = await recorded(path.join(dir, "agent.sqlite"), 1);
    expect(contexts).toBe(1);
    expect(metadata).toMatchObject({
      clientTag: "factory",
      title: "agent: what is here?",
      labels: ["agent", "openai", "gpt-5.2-codex"],
      provenance: { serviceName: "factory" },
    });
    expect(turns.map((turn) => turn.item_type)).toEqual([
      "user_input",
      "assistant_turn",
      "tool_result",
      "assistant_turn",
    ]);
    expect(turns[0]).toMatchObject({ user_input: { text: "what is here?" } });
    const turn = turns[1].turn as { text: string; tool_calls: Array<{ id: string; name: string; args: string }> };
    expect(turn).toMatchObject({ text: "Let me look.", finish_reason: "tool_calls" });
    expect(turn.tool_calls).toEqual([expect.objectContaining({ name: "shell", args: '{"command":"ls"}' })]);
    expect(turns[2]).toMatchObject({
      tool_result: { call_id: turn.tool_calls[0].id, content: expect.stringContaining("notes.txt"), is_error: false },
    });
    expect(turns[3]).toMatchObject({ turn: { text: "There is one file: notes.txt.", finish_reason: "stop" } });
  });

  it("on a terminal, records into $FACTORY_STORE and ends with the store line on stdout", async () => {
    const t = await withTwin();
    const r = await runFactory(["agent", "what is here?"], {
      cwd: dir,
      env: { ...t.env(), FACTORY_STORE: "." },
      tty: true,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(strip(r.stdout).trimEnd().split("\n").at(-1)).toBe("store: context 1 in cxdb.sqlite");
    expect((await recorded(path.join(dir, "cxdb.sqlite"), 1)).turns).toHaveLength(4);
  });

  it("--json ends with an agent_recorded line; --no-store overrides $FACTORY_STORE", async () => {
    const t = await withTwin();
    const file = path.join(dir, "agent.sqlite");
    const r = await runCli(["agent", "what is here?", "--json", "--store", "agent.sqlite"], {
      cwd: dir,
      env: t.env(),
    });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(JSON.parse(lines.at(-2) ?? "")).toMatchObject({ type: "session_end" });
    expect(JSON.parse(lines.at(-1) ?? "")).toEqual({
      type: "agent_recorded",
      ts: expect.any(String),
      store: file,
      contextId: 1,
      turns: 4,
      dropped: 0,
    });

    await twin?.close();
    const again = await withTwin();
    const off = await runCli(["agent", "what is here?", "--no-store"], {
      cwd: dir,
      env: { ...again.env(), FACTORY_STORE: "other.sqlite" },
    });
    expect(off.code).toBe(0);
    expect(off.stderr).not.toContain("store:");
    expect(existsSync(path.join(dir, "other.sqlite"))).toBe(false);
  });

  it("records nothing by default", async () => {
    const t = await withTwin();
    const r = await runCli(["agent", "what is here?"], { cwd: dir, env: t.env() });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("store:");
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("warns when the store cannot be opened, and the agent still runs", async () => {
    const t = await withTwin();
    const r = await runCli(["agent", "what is here?", "--store", "notes.txt/agent.sqlite"], {
      cwd: dir,
      env: t.env(),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("There is one file: notes.txt.\n");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("warning: "))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^store: not recorded in notes\.txt\/agent\.sqlite: /);
  });

  it("exits 2 for an empty --store", async () => {
    const r = await runCli(["agent", "do it", "--store", " "], { cwd: dir, env: { OPENAI_API_KEY: "sk-test" } });
    expect([r.code, r.stderr]).toEqual([2, "factory: --store needs a store file or an http(s):// URL\n"]);
  });
});
