// coding-agent-loop-spec §9.12 cross-provider parity matrix: every row run through each of the three
// provider profiles, with the profile's own tools (its editing format and parameter names) on a real
// LocalExecutionEnvironment in a temp directory. Only the model's words are scripted; files, commands
// and truncation are real. The same rows against real models are in smoke.live.test.ts (§9.13).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../../src/env/local.js";
import { createAnthropicProfile } from "../../src/profiles/anthropic.js";
import { createGeminiProfile } from "../../src/profiles/gemini.js";
import { createOpenAIProfile } from "../../src/profiles/openai.js";
import type { ProviderProfile } from "../../src/profiles/types.js";
import { timeoutMessage } from "../../src/tools/core/shell.js";
import { execResult, FakeEnv } from "../helpers/fake-env.js";
import { harness } from "../helpers/harness.js";
import { type CallSpec, ConversationAdapter, calls, text, withAgent } from "../helpers/scripted-adapter.js";

/** A tool call without its id. */
type Call = Omit<CallSpec, "id">;

/** How one profile's model asks for each operation, in its reference agent's tools and parameters. */
interface Dialect {
  id: "openai" | "anthropic" | "gemini";
  create: () => ProviderProfile;
  /** Its default command timeout, ms (§5.4: 10 s; Claude Code's 120 s for Anthropic, §3.5). */
  defaultTimeoutMs: number;
  createFile(path: string, content: string): Call;
  /** Replaces the unique text `before` (whole lines) with `after` in `path`. */
  edit(path: string, before: string, after: string): Call;
  read(path: string): Call;
  shell(command: string, timeoutMs?: number): Call;
  grep(pattern: string): Call;
  glob(pattern: string): Call;
  /** The profile's own editing format at work: files before, the call, files after (null = gone). */
  formatCase(): { files: Record<string, string>; call: Call; after: Record<string, string | null> };
}

let dir: string;
const abs = (path: string) => join(dir, path);
const patch = (...lines: string[]) => ({ patch: ["*** Begin Patch", ...lines, "*** End Patch"].join("\n") });
/** `text`'s lines (without a final empty one), each behind `prefix`: hunk lines of a v4a patch. */
const prefixed = (prefix: string, text: string) =>
  text
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => `${prefix}${line}`);

const claudeLike = (id: "anthropic" | "gemini", create: () => ProviderProfile, defaultTimeoutMs: number) => ({
  id,
  create,
  defaultTimeoutMs,
  createFile: (path: string, content: string) => ({ name: "write_file", args: { file_path: abs(path), content } }),
  edit: (path: string, before: string, after: string) => ({
    name: "edit_file",
    args: { file_path: abs(path), old_string: before, new_string: after },
  }),
  read: (path: string) => ({ name: "read_file", args: { file_path: abs(path) } }),
  shell: (command: string, timeoutMs?: number) => ({
    name: "shell",
    args: timeoutMs === undefined ? { command } : { command, timeout_ms: timeoutMs },
  }),
  grep: (pattern: string) => ({ name: "grep", args: { pattern } }),
  glob: (pattern: string) => ({ name: "glob", args: { pattern } }),
});

const DIALECTS: Dialect[] = [
  {
    id: "openai",
    create: () => createOpenAIProfile(),
    defaultTimeoutMs: 10_000,
    createFile: (path, content) => ({
      name: "apply_patch",
      args: patch(`*** Add File: ${path}`, ...prefixed("+", content)),
    }),
    edit: (path, before, after) => ({
      name: "apply_patch",
      args: patch(`*** Update File: ${path}`, "@@", ...prefixed("-", before), ...prefixed("+", after)),
    }),
    read: (path) => ({ name: "read_file", args: { file_path: path } }),
    shell: (command, timeoutMs) => ({
      name: "shell",
      args: timeoutMs === undefined ? { command } : { command, timeout_ms: timeoutMs },
    }),
    grep: (pattern) => ({ name: "grep", args: { pattern } }),
    glob: (pattern) => ({ name: "glob", args: { pattern } }),
    formatCase: () => ({
      files: { "src/app.py": "a = 1\nb = 2\nc = 3\n", "old.txt": "bye\n" },
      call: {
        name: "apply_patch",
        args: patch(
          "*** Update File: src/app.py",
          "*** Move to: src/main.py",
          "@@",
          "-a = 1",
          "+a = 10",
          " b = 2",
          "*** Delete File: old.txt",
        ),
      },
      after: { "src/main.py": "a = 10\nb = 2\nc = 3\n", "src/app.py": null, "old.txt": null },
    }),
  },
  {
    ...claudeLike("anthropic", () => createAnthropicProfile(), 120_000),
    formatCase: () => ({
      files: { "app.py": "x = 1\nprint(x)\nx = 1\n" },
      call: {
        name: "edit_file",
        args: { file_path: abs("app.py"), old_string: "x = 1", new_string: "x = 2", replace_all: true },
      },
      after: { "app.py": "x = 2\nprint(x)\nx = 2\n" },
    }),
  },
  {
    ...claudeLike("gemini", () => createGeminiProfile(), 10_000),
    formatCase: () => ({
      files: { "app.py": "x = 1\nprint(x)\nx = 1\n" },
      call: {
        name: "edit_file",
        args: { file_path: abs("app.py"), old_string: "x = 1", new_string: "x = 2", allow_multiple: true },
      },
      after: { "app.py": "x = 2\nprint(x)\nx = 2\n" },
    }),
  },
];

const write = (path: string, content: string) => {
  mkdirSync(dirname(abs(path)), { recursive: true });
  writeFileSync(abs(path), content);
};
const read = (path: string) => readFileSync(abs(path), "utf8");
const step = (id: string, call: Call) => calls([{ id, ...call }]);

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "agent-parity-")));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)("§9.12 parity matrix: $id profile", (d) => {
  const run = (steps: Parameters<typeof harness>[0], options: Parameters<typeof harness>[1] = {}) =>
    harness(steps, { profile: d.create(), env: new LocalExecutionEnvironment({ workingDir: dir }), ...options });
  const endsOf = (h: ReturnType<typeof harness>) => h.ofType("tool_call_end").map((e) => [e.toolName, e.isError]);

  it("simple file creation task", async () => {
    const h = run([step("c", d.createFile("hello.py", "print('Hello World')\n")), text("Created hello.py")]);
    const result = await h.session.submit("Create a file called hello.py that prints 'Hello World'");
    expect(result).toMatchObject({ stopReason: "completed", text: "Created hello.py" });
    expect(read("hello.py")).toBe("print('Hello World')\n");
    expect(h.ofType("tool_call_end").map((e) => e.isError)).toEqual([false]);
  });

  it("read file, then edit it", async () => {
    write("hello.py", "print('Hello')\n");
    const h = run([
      step("r", d.read("hello.py")),
      step("e", d.edit("hello.py", "print('Hello')", "print('Hello')\nprint('Goodbye')")),
      text("Added Goodbye"),
    ]);
    await h.session.submit("Read hello.py and add a second print statement that says 'Goodbye'");
    expect(h.sentToolResult(1, "r")).toContain("print('Hello')");
    expect(read("hello.py")).toBe("print('Hello')\nprint('Goodbye')\n");
    expect(endsOf(h).map(([, isError]) => isError)).toEqual([false, false]);
  });

  it("multi-file edit in one session", async () => {
    write("a.py", "A = 1\n");
    write("b.py", "B = 1\n");
    const h = run([
      calls([
        { id: "ea", ...d.edit("a.py", "A = 1", "A = 2") },
        { id: "eb", ...d.edit("b.py", "B = 1", "B = 2") },
      ]),
      text("Both edited"),
      step("c", d.createFile("c.py", "C = 3\n")),
      text("Created c.py"),
    ]);
    await h.session.submit("Set A and B to 2");
    await h.session.submit("Now add c.py with C = 3");
    expect([read("a.py"), read("b.py"), read("c.py")]).toEqual(["A = 2\n", "B = 2\n", "C = 3\n"]);
    expect(endsOf(h).map(([, isError]) => isError)).toEqual([false, false, false]);
    expect(h.session.history.filter((t) => t.kind === "user")).toHaveLength(2);
  });

  it("shell command execution", async () => {
    const h = run([step("s", d.shell("echo shell-ok && pwd")), text("It printed shell-ok")]);
    await h.session.submit("Run echo shell-ok and pwd");
    const end = h.ofType("tool_call_end")[0];
    expect(end).toMatchObject({ toolName: "shell", isError: false });
    expect(end.output).toMatch(new RegExp(`^shell-ok\\n${dir}\\nExit code: 0\\n`));
    expect(h.sentToolResult(1, "s")).toBe(end.output);
  });

  it("shell command timeout handling", async () => {
    const h = run([step("s", d.shell("echo started; sleep 5", 300)), text("The command timed out")]);
    const started = performance.now();
    const result = await h.session.submit("Run the slow command");
    expect(performance.now() - started).toBeLessThan(4_000);
    const sent = h.sentToolResult(1, "s");
    expect(sent).toContain("started\nExit code: none (killed after timeout)");
    expect(sent.endsWith(timeoutMessage(300))).toBe(true);
    expect(h.ofType("tool_call_end")[0].isError).toBe(true);
    expect(result).toMatchObject({ stopReason: "completed", text: "The command timed out" });
  });

  it(`uses the profile's default command timeout (${d.defaultTimeoutMs} ms, §5.4) when the call sets none`, async () => {
    const seen: number[] = [];
    const env = new FakeEnv(dir, (command, options) => {
      if (command === "make") seen.push(options.timeoutMs);
      return command === "make" ? execResult("built\n") : execResult("", 128);
    });
    const h = run([step("s", d.shell("make")), text("built")], { env });
    await h.session.submit("build");
    expect(seen).toEqual([d.defaultTimeoutMs]);
  });

  it("grep + glob to find files", async () => {
    write("src/app.ts", "export const needle = 1;\n");
    write("src/other.ts", "export const hay = 2;\n");
    write("docs/needle.md", "no match inside\n");
    const h = run([
      calls([
        { id: "g", ...d.grep("needle") },
        { id: "f", ...d.glob("**/*.ts") },
      ]),
      text("needle is in src/app.ts"),
    ]);
    await h.session.submit("Where is needle defined?");
    const grep = h.sentToolResult(1, "g");
    expect(grep).toContain("src/app.ts");
    expect(grep).not.toContain("other.ts");
    expect(h.sentToolResult(1, "f").split("\n").sort()).toEqual([abs("src/app.ts"), abs("src/other.ts")]);
  });

  it("multi-step task (read -> analyze -> edit)", async () => {
    write("calc.py", "def add(a, b):\n    return a - b\n");
    const h = run([
      step("g", d.grep("def add")),
      step("r", d.read("calc.py")),
      step("e", d.edit("calc.py", "    return a - b", "    return a + b")),
      step("s", d.shell("grep -c 'a + b' calc.py")),
      text("add() now adds"),
    ]);
    const result = await h.session.submit("add() subtracts; find it and fix it");
    expect(result).toMatchObject({ stopReason: "completed", text: "add() now adds" });
    expect(read("calc.py")).toBe("def add(a, b):\n    return a + b\n");
    expect(h.sentToolResult(2, "r")).toContain("return a - b");
    expect(h.sentToolResult(4, "s")).toMatch(/^1\n/);
    // Every request carries all earlier tool results: the model analyses what it read.
    expect(h.adapter.requests[4].messages.filter((m) => m.role === "tool")).toHaveLength(4);
  });

  it("tool output truncation (large file)", async () => {
    write("big.txt", "x".repeat(100_000));
    const h = run([step("r", d.read("big.txt")), text("It is all x")]);
    await h.session.submit("Read big.txt");
    const end = h.ofType("tool_call_end")[0];
    expect(end.truncated).toBe(true);
    expect(end.output.length).toBeGreaterThan(100_000);
    const sent = h.sentToolResult(1, "r");
    expect(sent).toContain("[WARNING: Tool output was truncated.");
    expect(sent.length).toBeLessThan(51_000);
  });

  it("parallel tool calls (if supported)", async () => {
    const h = run([
      calls([
        { id: "one", ...d.shell("sleep 0.2; echo one") },
        { id: "two", ...d.shell("sleep 0.2; echo two") },
      ]),
      text("both ran"),
    ]);
    expect(h.session.profile.supportsParallelToolCalls).toBe(true);
    await h.session.submit("run both");
    const order = h.events.flatMap((e) =>
      e.type === "tool_call_start" || e.type === "tool_call_end" ? [`${e.type}:${e.callId}`] : [],
    );
    expect(order.slice(0, 2)).toEqual(["tool_call_start:one", "tool_call_start:two"]);
    const tools = h.adapter.requests[1].messages.filter((m) => m.role === "tool");
    expect(tools.map((m) => m.toolCallId)).toEqual(["one", "two"]);
    expect(h.sentToolResult(1, "one")).toMatch(/^one\n/);
    expect(h.sentToolResult(1, "two")).toMatch(/^two\n/);
  });

  it("steering mid-task", async () => {
    const h = run([
      step("a", d.createFile("app.py", "routes = ['/', '/users', '/admin']\n")),
      step("b", d.createFile("health.py", "routes = ['/health']\n")),
      text("Only /health now"),
    ]);
    h.session.subscribe((event) => {
      if (event.type === "tool_call_start" && event.callId === "a") {
        h.session.steer("Actually, just create a single /health endpoint for now");
      }
    });
    await h.session.submit("Create a web application with multiple routes");
    expect(h.ofType("steering_injected")).toEqual([
      expect.objectContaining({ source: "steer", content: "Actually, just create a single /health endpoint for now" }),
    ]);
    expect(h.adapter.requests[1].messages.at(-1)).toEqual({
      role: "user",
      content: [{ kind: "text", text: "Actually, just create a single /health endpoint for now" }],
    });
    expect(h.session.history.map((t) => t.kind)).toEqual([
      "user",
      "assistant",
      "tool_results",
      "steering",
      "assistant",
      "tool_results",
      "assistant",
    ]);
    expect(existsSync(abs("health.py"))).toBe(true);
  });

  it("reasoning effort change", async () => {
    const h = run([step("r", d.shell("true")), text("done"), text("again"), text("default")], {
      config: { reasoningEffort: "low" },
    });
    h.session.subscribe((event) => {
      if (event.type === "tool_call_end") h.session.setReasoningEffort("high");
    });
    await h.session.submit("think a little");
    h.session.setReasoningEffort("medium");
    await h.session.submit("think some more");
    h.session.setReasoningEffort(null);
    await h.session.submit("provider default");
    expect(h.adapter.requests.map((r) => r.reasoningEffort)).toEqual(["low", "high", "medium", undefined]);
  });

  it("subagent spawn and wait", async () => {
    const task = "Write test_hello.py";
    const adapter = new ConversationAdapter(d.id, {
      "Delegate the tests": [
        calls([{ id: "s", name: "spawn_agent", args: { task } }]),
        withAgent("wait", "w"),
        text("Reviewed the subagent's tests"),
      ],
      [task]: [step("cw", d.createFile("test_hello.py", "assert True\n")), text("tests written")],
    });
    const h = run([], { adapter });
    const result = await h.session.submit("Delegate the tests");
    expect(result.text).toBe("Reviewed the subagent's tests");
    expect(read("test_hello.py")).toBe("assert True\n");
    const wait = h.ofType("tool_call_end").find((e) => e.callId === "w");
    expect(JSON.parse(wait?.output ?? "")).toMatchObject({ status: "completed", output: "tests written" });
    const child = h.ofType("subagent_event").map((e) => e.event);
    expect(child.find((e) => e.type === "tool_call_end")).toMatchObject({ isError: false });
    expect(child[0]).toMatchObject({ type: "session_start", provider: d.id, depth: 1 });
  });

  it("loop detection triggers warning", async () => {
    write("hello.py", "print('Hello')\n");
    const same = (i: number) => step(`r${i}`, d.read("hello.py"));
    const h = run([same(1), same(2), same(3), text("I will stop re-reading")], {
      config: { loopDetectionWindow: 3 },
    });
    await h.session.submit("Read hello.py");
    expect(h.ofType("loop_detection")).toHaveLength(1);
    const warning = h.adapter.requests[3].messages.at(-1);
    expect(warning?.role).toBe("user");
    expect(JSON.stringify(warning)).toContain("Loop detected");
  });

  it("error recovery (tool fails, model retries)", async () => {
    write("hello.py", "print('Hello')\n");
    const h = run([
      step("bad", d.edit("hello.py", "print('Helo')", "print('Hi')")),
      step("good", d.edit("hello.py", "print('Hello')", "print('Hi')")),
      text("Fixed on the second try"),
    ]);
    const result = await h.session.submit("Change the greeting to Hi");
    expect(endsOf(h).map(([, isError]) => isError)).toEqual([true, false]);
    expect(h.sentToolResult(1, "bad")).not.toBe("");
    expect(read("hello.py")).toBe("print('Hi')\n");
    expect(result.stopReason).toBe("completed");
  });

  it("provider-specific editing format works", async () => {
    const { files, call, after } = d.formatCase();
    for (const [path, content] of Object.entries(files)) write(path, content);
    const h = run([step("f", call), text("edited")]);
    await h.session.submit("Apply the edit");
    expect(h.ofType("tool_call_end")[0]).toMatchObject({ toolName: call.name, isError: false });
    for (const [path, content] of Object.entries(after)) {
      if (content === null) expect(existsSync(abs(path))).toBe(false);
      else expect(read(path)).toBe(content);
    }
  });
});
