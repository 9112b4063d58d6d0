// The loop over the real profiles, tools and LocalExecutionEnvironment (scripted model, §9.12 rows).
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../../src/env/local.js";
import { createAnthropicProfile } from "../../src/profiles/anthropic.js";
import { createGeminiProfile } from "../../src/profiles/gemini.js";
import { createOpenAIProfile } from "../../src/profiles/openai.js";
import { execResult, FakeEnv } from "../helpers/fake-env.js";
import { harness } from "../helpers/harness.js";
import { calls, text } from "../helpers/scripted-adapter.js";

let dir: string;
let env: LocalExecutionEnvironment;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "agent-loop-")));
  env = new LocalExecutionEnvironment({ workingDir: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("real tools through the loop", () => {
  it("openai: apply_patch creates a file, read_file and shell see it", async () => {
    const patch = "*** Begin Patch\n*** Add File: hello.py\n+print('Hello World')\n*** End Patch\n";
    const h = harness(
      [
        calls([{ id: "p", name: "apply_patch", args: { patch } }]),
        calls([
          { id: "r", name: "read_file", args: { file_path: join(dir, "hello.py") } },
          { id: "s", name: "shell", args: { command: "cat hello.py", workdir: dir } },
        ]),
        text("Created hello.py"),
      ],
      { profile: createOpenAIProfile({ model: "gpt-5.2-codex" }), env },
    );
    const result = await h.session.submit("Create hello.py");
    expect(result.stopReason).toBe("completed");
    expect(readFileSync(join(dir, "hello.py"), "utf8")).toContain("Hello World");
    expect(h.ofType("tool_call_end").map((e) => e.isError)).toEqual([false, false, false]);
    expect(h.sentToolResult(2, "r")).toContain("Hello World");
    expect(h.sentToolResult(2, "s")).toContain("print('Hello World')");
    expect(h.adapter.requests[0].providerOptions?.openai).toMatchObject({ store: false });
  });

  it.each([
    ["anthropic", () => createAnthropicProfile()],
    ["gemini", () => createGeminiProfile()],
  ])("%s: write_file then edit_file (old_string/new_string)", async (_name, create) => {
    const file = join(dir, "hello.py");
    const h = harness(
      [
        calls([{ id: "w", name: "write_file", args: { file_path: file, content: "print('Hello')\n" } }]),
        calls([
          {
            id: "e",
            name: "edit_file",
            args: { file_path: file, old_string: "print('Hello')", new_string: "print('Hello')\nprint('Goodbye')" },
          },
        ]),
        text("done"),
      ],
      { profile: create(), env },
    );
    await h.session.submit("write and edit");
    expect(h.ofType("tool_call_end").map((e) => [e.toolName, e.isError])).toEqual([
      ["write_file", false],
      ["edit_file", false],
    ]);
    expect(readFileSync(file, "utf8")).toBe("print('Hello')\nprint('Goodbye')\n");
  });

  it("truncation: TOOL_CALL_END has the full output, the model gets the marker (§5.1, §9.5)", async () => {
    writeFileSync(join(dir, "big.txt"), "x".repeat(100_000));
    const h = harness(
      [calls([{ id: "r", name: "read_file", args: { file_path: join(dir, "big.txt") } }]), text("read")],
      {
        profile: createAnthropicProfile(),
        env,
      },
    );
    await h.session.submit("Read big.txt");
    const end = h.ofType("tool_call_end")[0];
    expect(end.truncated).toBe(true);
    expect(end.output.length).toBeGreaterThan(100_000);
    const sent = h.sentToolResult(1, "r");
    expect(sent).toContain("[WARNING: Tool output was truncated.");
    expect(sent.length).toBeLessThan(51_000);
    const turn = h.session.history[2];
    expect(turn.kind === "tool_results" && String(turn.results[0].content)).toBe(sent);
  });

  it("toolOutputLimits in the session config reach the truncation", async () => {
    writeFileSync(join(dir, "mid.txt"), "y".repeat(5_000));
    const h = harness(
      [calls([{ id: "r", name: "read_file", args: { file_path: join(dir, "mid.txt") } }]), text("ok")],
      {
        profile: createAnthropicProfile(),
        env,
        config: { toolOutputLimits: { read_file: 1_000 } },
      },
    );
    await h.session.submit("read");
    expect(h.sentToolResult(1, "r")).toContain("characters were removed from the middle");
  });

  it("the anthropic profile's 120 s default and the session's max reach the shell tool (§3.5)", async () => {
    const seen: number[] = [];
    const fake = new FakeEnv("/repo", (command, options) => {
      if (command === "echo hi") seen.push(options.timeoutMs);
      return command === "echo hi" ? execResult("hi\n") : execResult("", 128);
    });
    const h = harness(
      [
        calls([{ id: "a", name: "shell", args: { command: "echo hi" } }]),
        calls([{ id: "b", name: "shell", args: { command: "echo hi", timeout_ms: 900_000 } }]),
        text("ok"),
      ],
      { profile: createAnthropicProfile(), env: fake, config: { maxCommandTimeoutMs: 300_000 } },
    );
    await h.session.submit("run");
    expect(seen).toEqual([120_000, 300_000]);
  });

  it("abort kills a running command and closes the session quickly", async () => {
    const h = harness([calls([{ id: "s", name: "shell", args: { command: "sleep 30" } }])], {
      profile: createAnthropicProfile(),
      env,
    });
    h.session.subscribe((event) => {
      if (event.type === "tool_call_start") setTimeout(() => void h.session.abort(), 100);
    });
    const started = performance.now();
    const result = await h.session.submit("sleep");
    expect(result.stopReason).toBe("aborted");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(h.ofType("tool_call_end")[0]).toMatchObject({ isError: true });
    expect(h.session.state).toBe("closed");
  });
});
