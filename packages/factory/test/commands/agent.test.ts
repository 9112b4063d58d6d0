// `factory agent`, in-process against the OpenAI twin: the three output modes (a terminal, --json,
// a pipe), the flags (--provider, --model, --reasoning-effort, --cwd, --max-turns, '-' for stdin),
// configuration errors (exit 2), stops (exit 1) and Ctrl-C (exit 130).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { runFactory, startCli, tempDir, waitFor } from "../helpers/run-io.js";
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

const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args });

/** Looks at the files, then answers. */
const LOOK_AND_ANSWER: ScriptRule[] = [
  {
    match: { userText: "what is here" },
    reply: { text: "Let me look.", toolCalls: [call("shell", { command: "ls" })] },
  },
  { match: { toolResult: "shell", toolResultContains: "notes.txt" }, reply: { text: "There is one file: notes.txt." } },
];

async function withTwin(rules: ScriptRule[]): Promise<ScriptedTwin> {
  twin = await startScriptedTwin("openai", rules);
  return twin;
}

const strip = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").replace(/\(\d+(\.\d+)?m?s\)/g, "(<t>)");

describe("factory agent: output", () => {
  it("off a terminal, prints only the answer on stdout and the progress on stderr", async () => {
    const t = await withTwin(LOOK_AND_ANSWER);
    const r = await runCli(["agent", "what is here?", "--cwd", dir], { env: t.env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("There is one file: notes.txt.\n");
    expect(strip(r.stderr).split("\n")).toEqual([
      `agent: openai/gpt-5.2-codex in ${dir}`,
      "Let me look.",
      "→ shell: ls  ✓ exit 0 (<t>)",
      expect.stringMatching(/^tokens: [\d,]+ in( \([\d,]+ cached\))?, [\d,]+ out · 2 turns · 1 tool call · [\d.]+m?s$/),
      "",
    ]);
  });

  it("on a terminal, streams the assistant's text and the tool lines on stdout", async () => {
    const t = await withTwin(LOOK_AND_ANSWER);
    const r = await runFactory(["agent", "what is here?"], { cwd: dir, env: t.env(), tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = strip(r.stdout).split("\n");
    expect(lines.slice(0, 4)).toEqual([
      `agent: openai/gpt-5.2-codex in ${dir}`,
      "Let me look.",
      "→ shell: ls  ✓ exit 0 (<t>)",
      "There is one file: notes.txt.",
    ]);
    expect(lines[4]).toMatch(/^tokens: /);
    expect(r.stdout).toContain("\u001b[32m✓"); // coloured on a terminal
  });

  it("--json writes every session event as one JSON line, and nothing else", async () => {
    const t = await withTwin(LOOK_AND_ANSWER);
    const r = await runCli(["agent", "what is here?", "--cwd", dir, "--json"], { env: t.env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const events = r.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; toolName?: string; stopReason?: string });
    expect(events[0]).toMatchObject({ type: "session_start", provider: "openai", workingDirectory: dir });
    expect(events.filter((e) => !e.type.endsWith("_delta")).map((e) => e.type)).toEqual([
      "session_start",
      "user_input",
      "assistant_text_start",
      "assistant_text_end",
      "tool_call_start",
      "tool_call_end",
      "assistant_text_start",
      "assistant_text_end",
      "processing_end",
      "session_end",
    ]);
    expect(events.find((e) => e.type === "processing_end")?.stopReason).toBe("completed");
  });

  it("reads the instruction from stdin with '-', works from a base URL alone, and honours the flags", async () => {
    const t = await withTwin([{ match: { userText: "from stdin" }, reply: { text: "ok" } }]);
    const r = await runCli(["agent", "-", "--model", "gpt-5.2", "--reasoning-effort", "high"], {
      cwd: dir,
      env: t.env({ withKey: false }),
      stdin: "an instruction from stdin\n",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ok\n");
    expect(strip(r.stderr).split("\n")[0]).toBe(`agent: openai/gpt-5.2 (high effort) in ${dir}`);
    const body = t.requests()[0].body as { model: string; reasoning?: { effort?: string } };
    expect([body.model, body.reasoning?.effort]).toEqual(["gpt-5.2", "high"]);
  });
});

describe("factory agent: stops and errors", () => {
  it("exits 2 with what to set when no provider is configured", async () => {
    const r = await runCli(["agent", "do it"], { cwd: dir, env: { PATH: process.env.PATH } });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "factory: no LLM provider configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or a *_BASE_URL\n",
    });
  });

  it.each([
    [["--provider", "mistral"], "factory: unknown provider 'mistral': use openai, anthropic, gemini\n"],
    [
      ["--provider", "gemini"],
      "factory: provider gemini is not configured: set GEMINI_API_KEY or GOOGLE_API_KEY (or GEMINI_BASE_URL)\n",
    ],
    [
      ["--model", "claude-opus-4-6"],
      "factory: model claude-opus-4-6 needs provider anthropic, which is not configured: set ANTHROPIC_API_KEY (or ANTHROPIC_BASE_URL)\n",
    ],
    [["--max-turns", "0"], "factory: invalid --max-turns 0: expected a whole number of at least 1\n"],
    [["--cwd", "missing"], /^factory: invalid --cwd missing: /],
  ])("exits 2 for %j", async (flags, message) => {
    const r = await runCli(["agent", "do it", ...flags], { cwd: dir, env: { OPENAI_API_KEY: "sk-test" } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });

  it("exits 2 for an empty instruction", async () => {
    const r = await runCli(["agent", " "], { cwd: dir, env: { OPENAI_API_KEY: "sk-test" } });
    expect([r.code, r.stderr]).toEqual([
      2,
      'factory: empty instruction: factory agent "what to do" (or - to read it from stdin)\n',
    ]);
  });

  it("exits 1 when the agent reaches --max-turns, saying so", async () => {
    const busy: ScriptRule[] = [{ reply: { toolCalls: [call("shell", { command: "true" })] } }];
    const text = await runCli(["agent", "keep busy", "--max-turns", "1"], {
      cwd: dir,
      env: (await withTwin(busy)).env(),
    });
    expect(text.code).toBe(1);
    expect(text.stdout).toBe("");
    expect(strip(text.stderr)).toContain("stopped: max_turns reached (1 turn)\n");
    await twin?.close();
    const json = await runCli(["agent", "keep busy", "--max-turns", "1", "--json"], {
      cwd: dir,
      env: (await withTwin(busy)).env(),
    });
    expect(json.code).toBe(1);
    expect(json.stderr).toBe("factory: the agent stopped at its turn limit (--max-turns 1) before finishing\n");
    expect(
      json.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).type),
    ).toContain("turn_limit");
  });

  it("exits 1 with the provider's error when the LLM call fails", async () => {
    const t = await withTwin([]); // nothing scripted: the twin answers OpenAI's 400
    const r = await runCli(["agent", "anything"], { cwd: dir, env: t.env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(strip(r.stderr)).toContain(
      "error: openai (HTTP 400): twin script: request 1 came after the ordered script ended (0 rules)\n",
    );
  });

  it("exits 130 on Ctrl-C, killing the running command", async () => {
    const t = await withTwin([
      { reply: { toolCalls: [call("shell", { command: "echo $$ > sleeper.pid; exec sleep 30" })] } },
    ]);
    const session = startCli(["agent", "wait"], { cwd: dir, env: t.env() });
    const pidFile = path.join(dir, "sleeper.pid");
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").endsWith("\n"));
    session.interrupt();
    expect(await session.done).toBe(130);
    expect(session.stderr.text).toContain("interrupting: stopping the agent (Ctrl-C again to quit at once)\n");
    expect(() => process.kill(Number(readFileSync(pidFile, "utf8")), 0)).toThrow(/ESRCH/);
  });
});
