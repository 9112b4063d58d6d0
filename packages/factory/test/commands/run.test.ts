// `factory run`, in-process: validation, simulation notice, run directory, output modes,
// human gates, --set, resume, failures and exit codes.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { runFactory, screen, tempDir } from "../helpers/run-io.js";

const LINEAR = `digraph demo {
  goal="ship it"
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [label="Plan the work", prompt="plan $goal"]
  start -> plan -> exit
}
`;
const GATE = `digraph gate {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [label="Plan", prompt="plan"]
  review [shape=hexagon, label="Approve the plan?"]
  ship [shape=parallelogram, tool_command="echo shipped"]
  start -> plan -> review
  review -> ship [label="[A] Approve"]
  review -> plan [label="[R] Rework"]
  ship -> exit
}
`;
const FAILING = `digraph failing {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  build [shape=parallelogram, tool_command="echo boom >&2; exit 3"]
  start -> build -> exit
}
`;
/** The first line of a run when no LLM provider is configured. */
const SIMULATION_NOTICE =
  "simulation: no LLM provider configured — codergen stages are simulated (set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or a *_BASE_URL)";
// Fails until a file named `ready` exists in the working directory.
const NEEDS_READY = `digraph needs {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="plan"]
  check [shape=parallelogram, tool_command="test -f ready || { echo not ready >&2; exit 1; }"]
  start -> plan -> check -> exit
}
`;
const PARALLEL = `digraph par {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  fan [shape=component, label="Fan out"]
  a [label="Branch A", prompt="a"]
  b [shape=parallelogram, tool_command="echo b"]
  join [shape=tripleoctagon]
  start -> fan
  fan -> a
  fan -> b
  a -> join
  b -> join
  join -> exit
}
`;
const WARNING = `digraph warn {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="x", colour="red"]
  start -> plan -> exit
}
`;
const INVALID = `digraph bad {
  plan [prompt="x"]
  plan -> exit
  exit [shape=Msquare]
}
`;

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({
    "linear.dot": LINEAR,
    "gate.dot": GATE,
    "failing.dot": FAILING,
    "needs.dot": NEEDS_READY,
    "par.dot": PARALLEL,
    "warn.dot": WARNING,
    "bad.dot": INVALID,
  }));
});
afterEach(() => cleanup());

/** Output with durations replaced by `<t>`. */
function timeless(text: string): string {
  return text.replace(/\b\d+(\.\d+)?(ms|s)\b/g, "<t>").replace(/\b\d+m\d\ds\b/g, "<t>");
}

function checkpoint(logs: string): { status: string; context: Record<string, unknown>; completed_nodes: string[] } {
  return JSON.parse(readFileSync(path.join(dir, logs, "checkpoint.json"), "utf8"));
}

describe("factory run: before the run", () => {
  it("says codergen is simulated on the first line and where the logs go on the second", async () => {
    const { code, stdout, stderr } = await runCli(["run", "linear.dot"], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(SIMULATION_NOTICE);
    expect(lines[1]).toMatch(/^logs: \.factory\/runs\/demo-\d{8}-\d{6}$/);
    const runs = readdirSync(path.join(dir, ".factory/runs"));
    expect(runs).toHaveLength(1);
    expect(lines[1]).toBe(`logs: .factory/runs/${runs[0]}`);
    // The run directory has the engine's files, and the manifest names the DOT file absolutely.
    const manifest = JSON.parse(readFileSync(path.join(dir, ".factory/runs", runs[0], "manifest.json"), "utf8"));
    expect(manifest.dot_file).toBe(path.join(dir, "linear.dot"));
  });

  it("names --simulate in the first line when given", async () => {
    const { stdout } = await runCli(["run", "linear.dot", "--simulate", "--logs", "out"], { cwd: dir });
    expect(stdout.split("\n")[0]).toBe("simulation: --simulate — codergen stages are simulated");
    expect(stdout.split("\n")[1]).toBe("logs: out");
  });

  it("refuses --provider/--model it cannot honour with exit 2, unless --simulate", async () => {
    const env = { OPENAI_API_KEY: "sk-test" };
    const unknown = await runCli(["run", "linear.dot", "--provider", "mistral"], { cwd: dir, env });
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      "factory: unknown provider 'mistral': use openai, anthropic, gemini\n",
    ]);
    const missing = await runCli(["run", "linear.dot", "--model", "claude-opus-4-6"], { cwd: dir, env });
    expect(missing.stderr).toBe(
      "factory: model claude-opus-4-6 needs provider anthropic, which is not configured: set ANTHROPIC_API_KEY (or ANTHROPIC_BASE_URL)\n",
    );
    const none = await runCli(["run", "linear.dot", "--provider", "openai"], { cwd: dir });
    expect(none.stderr).toMatch(/^factory: provider openai is not configured: set OPENAI_API_KEY/);
    expect(existsSync(path.join(dir, ".factory"))).toBe(false);
    const simulated = await runCli(["run", "linear.dot", "--provider", "mistral", "--simulate", "--logs", "out"], {
      cwd: dir,
      env,
    });
    expect(simulated.code).toBe(0);
  });

  it("prints validation warnings to stderr in the validate format and runs", async () => {
    const { code, stderr } = await runCli(["run", "warn.dot", "--logs", "out"], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toBe(
      "warn.dot:4:28 warning attribute_known unknown attribute 'colour' on node 'plan'; did you mean 'color'? (fix: rename 'colour' to 'color')\n",
    );
  });

  it("refuses an invalid pipeline with exit 2, runs nothing and creates no run directory", async () => {
    const { code, stdout, stderr } = await runCli(["run", "bad.dot"], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^bad\.dot:1:\d+ error start_node pipeline has no start node/);
    expect(existsSync(path.join(dir, ".factory"))).toBe(false);
  });

  it("reports unreadable files, syntax errors and bad options with exit 2 and no stack trace", async () => {
    await writeFile(path.join(dir, "syntax.dot"), "digraph { a -> }\n");
    expect(await runCli(["run", "missing.dot"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "factory: cannot read missing.dot: no such file or directory\n",
    });
    expect(await runCli(["run", "syntax.dot"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "syntax.dot:1:16 error syntax expected a node id after '->', found '}'\n",
    });
    expect(await runCli(["run", "linear.dot", "--set", "novalue"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "factory: invalid --set 'novalue': expected key=value\n",
    });
    expect(await runCli(["run", "linear.dot", "--resume", "."], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "factory: cannot resume .: it has no checkpoint.json (it is not a run directory)\n",
    });
    expect(await runCli(["run"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("missing pipeline file"),
    });
    expect(existsSync(path.join(dir, ".factory"))).toBe(false);
  });

  it("prints a stack trace only with --debug", async () => {
    await writeFile(path.join(dir, "syntax.dot"), "digraph { a -> }\n");
    const plain = await runCli(["run", "syntax.dot"], { cwd: dir });
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runCli(["--debug", "run", "syntax.dot"], { cwd: dir });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^syntax\.dot:1:16 error syntax /);
    expect(debug.stderr).toMatch(/DotSyntaxError[^\n]*\n\s+at /);
  });

  it("refuses to start a fresh run in a directory that holds one", async () => {
    expect((await runCli(["run", "linear.dot", "--logs", "out"], { cwd: dir })).code).toBe(0);
    const again = await runCli(["run", "linear.dot", "--logs", "out"], { cwd: dir });
    expect(again).toEqual({
      code: 2,
      stdout: "",
      stderr: "factory: out already holds a run: continue it with --resume out, or choose another --logs\n",
    });
  });
});

describe("factory run: output", () => {
  it("prints one line per stage and a summary when stdout is not a terminal", async () => {
    const { code, stdout } = await runCli(["run", "linear.dot", "--logs", "out"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/\u001b/);
    expect(timeless(stdout)).toBe(
      [
        SIMULATION_NOTICE,
        "logs: out",
        "▶ running demo (3 nodes)",
        "▸ start",
        "✓ start  <t>",
        "▸ plan  Plan the work",
        "✓ plan  Plan the work  <t>",
        "▸ exit",
        "✓ exit  <t>",
        "",
        "result:   success",
        "path:     start -> plan -> exit",
        "duration: <t>",
        "logs:     out",
        "store:    context 1 in out/cxdb.sqlite",
        "",
      ].join("\n"),
    );
  });

  it("--json writes every engine event as one JSON line, exactly as the engine logged it", async () => {
    const { code, stdout, stderr } = await runCli(["run", "warn.dot", "--json", "--logs", "out"], { cwd: dir });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    const events = lines.map((l) => JSON.parse(l) as { type: string });
    expect(events[0].type).toBe("pipeline_started");
    expect(events.at(-1)?.type).toBe("pipeline_completed");
    expect(events.map((e) => e.type)).toContain("stage_completed");
    // Where the run was recorded comes just before the terminal event; the rest is the engine's log.
    expect(events.at(-2)).toMatchObject({
      type: "run_recorded",
      store: path.join(dir, "out/cxdb.sqlite"),
      contextId: 1,
    });
    expect(lines.filter((l) => !l.includes('"run_recorded"'))).toEqual(
      readFileSync(path.join(dir, "out/events.ndjson"), "utf8").trimEnd().split("\n"),
    );
    // People-facing text goes to stderr: the warning, then the notices.
    expect(stderr.split("\n").slice(1, 3)).toEqual([SIMULATION_NOTICE, "logs: out"]);
  });

  it("lists parallel branches indented under their parallel node", async () => {
    const { code, stdout } = await runCli(["run", "par.dot", "--logs", "out"], { cwd: dir });
    expect(code).toBe(0);
    const lines = timeless(stdout).split("\n");
    const at = (line: string) => {
      const i = lines.indexOf(line);
      expect(i, `missing line: ${line}\n${lines.join("\n")}`).toBeGreaterThan(-1);
      return i;
    };
    const fanStart = at("⇉ fan  2 branches in parallel (at most 4 at a time)");
    const a = at("  [a] ✓ a  Branch A  <t>");
    const b = at("  [b] ✓ b  <t>");
    at("  [a] ✓ branch succeeded  <t>");
    at("  [b] ✓ branch succeeded  <t>");
    const joined = at("⇉ fan  joined: 2 succeeded, 0 failed  <t>");
    const fanDone = at("✓ fan  Fan out  <t>");
    expect(Math.min(a, b)).toBeGreaterThan(fanStart);
    expect(Math.max(a, b)).toBeLessThan(joined);
    expect(joined).toBeLessThan(fanDone);
    expect(stdout).toContain("path:     start -> fan -> join -> exit");
  });

  it("exits 1 with the failure reason when a tool stage fails", async () => {
    const { code, stdout } = await runCli(["run", "failing.dot", "--logs", "out"], { cwd: dir });
    expect(code).toBe(1);
    expect(timeless(stdout)).toContain("✗ build  <t> — tool_command failed (exit code 3): boom\n");
    expect(stdout).toContain("result:   fail\n");
    expect(stdout).toContain("path:     start -> build\n");
    expect(stdout).toContain("reason:   tool_command failed (exit code 3): boom\n");
    expect(checkpoint("out").status).toBe("fail");
  });
});

describe("factory run: a reader that goes away", () => {
  it("keeps running when stdout is closed early (EPIPE) and completes the run", async () => {
    // A real process: processIo guards the real stdout. `head -c 1` closes the pipe after a byte.
    const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/factory.js");
    const script = `"${process.execPath}" "${bin}" run linear.dot --json --logs out 2>stderr.txt | head -c 1 >/dev/null; echo "\${PIPESTATUS:-}"`;
    await promisify(execFile)("/bin/sh", ["-c", script], { cwd: dir });
    expect(checkpoint("out").status).toBe("success");
    expect(readFileSync(path.join(dir, "stderr.txt"), "utf8")).not.toMatch(/EPIPE|at .*\.js:\d+/);
  });
});

describe("factory run: human gates", () => {
  it("--auto-approve takes the first option", async () => {
    const { code, stdout } = await runCli(["run", "gate.dot", "--auto-approve", "--logs", "out"], { cwd: dir });
    expect(code).toBe(0);
    expect(timeless(stdout)).toContain("✓ review  Approve the plan?  <t> → Approve\n");
    expect(stdout).toContain("path:     start -> plan -> review -> ship -> exit\n");
    expect(stdout).not.toContain("[?]");
  });

  it("reads answers from piped stdin, one per line", async () => {
    const { code, stdout } = await runCli(["run", "gate.dot", "--logs", "out"], { cwd: dir, stdin: "R\nA\n" });
    expect(code).toBe(0);
    expect(stdout).toContain("[?] Approve the plan?\n  [A] Approve\n  [R] Rework\nSelect: \n");
    expect(timeless(stdout)).toContain("✓ review  Approve the plan?  <t> → Rework\n");
    expect(stdout).toContain("path:     start -> plan -> review -> plan -> review -> ship -> exit\n");
  });

  it("fails the gate when stdin ends without an answer", async () => {
    const { code, stdout } = await runCli(["run", "gate.dot", "--logs", "out"], { cwd: dir, stdin: "" });
    expect(code).toBe(1);
    expect(stdout).toContain("reason:   human skipped interaction\n");
  });
});

describe("factory run: context and resume", () => {
  it("--set values are in the run context", async () => {
    const { code } = await runCli(
      ["run", "linear.dot", "--set", "ticket=DF-42", "--set", "mode=a=b", "--logs", "out"],
      {
        cwd: dir,
      },
    );
    expect(code).toBe(0);
    expect(checkpoint("out").context).toMatchObject({ ticket: "DF-42", mode: "a=b" });
  });

  it("--resume continues a failed run where it stopped, finding the DOT file in the manifest", async () => {
    const first = await runCli(["run", "needs.dot", "--logs", "out"], { cwd: dir });
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("reason:   tool_command failed (exit code 1): not ready\n");
    expect(checkpoint("out").completed_nodes).toEqual(["start", "plan", "check"]);

    await writeFile(path.join(dir, "ready"), "");
    const resumed = await runCli(["run", "--resume", "out"], { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.split("\n")[1]).toBe("logs: out");
    expect(resumed.stdout).toContain("▶ resuming needs after check (4 nodes)\n");
    // plan is not run again.
    expect(resumed.stdout).not.toContain("▸ plan");
    expect(resumed.stdout).toContain("▸ check\n");
    expect(checkpoint("out").status).toBe("success");
  });

  it("--cwd sets where tool commands run and where runs are kept", async () => {
    await mkdir(path.join(dir, "work"));
    await writeFile(path.join(dir, "work", "ready"), "");
    const { code, stdout } = await runCli(["run", "needs.dot", "--cwd", "work"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout.split("\n")[1]).toMatch(/^logs: work\/\.factory\/runs\/needs-\d{8}-\d{6}$/);
    expect((await runCli(["run", "needs.dot", "--cwd", "nope"], { cwd: dir })).stderr).toBe(
      "factory: invalid --cwd nope: no such file or directory\n",
    );
  });
});

describe("factory run: on a terminal", () => {
  it("draws live progress and leaves the stage lines and the summary on screen", async () => {
    const { code, stdout } = await runFactory(["run", "par.dot", "--logs", "out"], { cwd: dir, tty: true });
    expect(code).toBe(0);
    expect(stdout.startsWith("\u001b[?25l")).toBe(true); // cursor hidden...
    expect(stdout.endsWith("\u001b[?25h")).toBe(true); // ...and shown again
    const lines = timeless(screen(stdout)).split("\n");
    expect(lines.slice(0, 5)).toEqual([
      SIMULATION_NOTICE,
      "logs: out",
      "▶ running par (6 nodes)",
      "✓ start  <t>",
      "⇉ fan  2 branches in parallel (at most 4 at a time)",
    ]);
    expect(lines).toContain("  [a] ✓ a  Branch A  <t>");
    expect(lines).toContain("  [b] ✓ b  <t>");
    expect(lines).toContain("  [a] ✓ branch succeeded  <t>");
    expect(lines.slice(-10)).toEqual([
      "⇉ fan  joined: 2 succeeded, 0 failed  <t>",
      "✓ fan  Fan out  <t>",
      "✓ join  <t>",
      "✓ exit  <t>",
      "",
      "result:   success",
      "path:     start -> fan -> join -> exit",
      "duration: <t>",
      "logs:     out",
      "store:    context 1 in out/cxdb.sqlite",
    ]);
    // No spinner line is left behind.
    expect(lines.filter((l) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(l))).toEqual([]);
  });
});
