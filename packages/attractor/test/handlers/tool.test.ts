// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell commands use ${VAR} and prompts use ${key} references
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../src/index.js";
import { Context, parseDot, ToolHandler } from "../../src/index.js";
import { dot, readText, run, stubRuntime, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

async function tool(
  command: string,
  extraAttrs = "",
  options: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
) {
  const g = parseDot(
    `digraph G { goal="Ship it"; t [shape=parallelogram, tool_command=${JSON.stringify(command)} ${extraAttrs}] }`,
  );
  const stageDir = tmp();
  const outcome: Outcome = await new ToolHandler({ cwd: options.cwd, env: options.env }).execute(
    g.nodes.get("t")!,
    new Context({ "internal.run_id": "run-tool", ticket: "T-3" }),
    g,
    "/logs/root",
    stubRuntime(stageDir, { attempt: 2, ...(options.signal ? { signal: options.signal } : {}) }),
  );
  return { outcome, stageDir };
}

/** Processes (pid, args) in process group `pgid`, zombies excluded. */
function groupMembers(pgid: number): string[] {
  const out = execFileSync("ps", ["-eo", "pid=,pgid=,stat=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => Number(f[1]) === pgid && !f[2]?.startsWith("Z"))
    .map((f) => f.slice(3).join(" "));
}

async function waitUntilGone(pgid: number, timeoutMs = 3000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  let left = groupMembers(pgid);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    left = groupMembers(pgid);
  }
  return left;
}

describe("ToolHandler (§4.10)", () => {
  it("§11.6 runs the command, writes stdout.txt/stderr.txt, and puts the output in the context", async () => {
    const { outcome, stageDir } = await tool("echo hello; echo oops >&2; echo verdict: pass");
    expect(outcome).toEqual({
      status: "success",
      contextUpdates: { "tool.output": "hello\nverdict: pass", "tool.last_line": "verdict: pass", "tool.exit_code": 0 },
      notes: "Tool completed: echo hello; echo oops >&2; echo verdict: pass",
    });
    expect(readText(join(stageDir, "stdout.txt"))).toBe("hello\nverdict: pass\n");
    expect(readText(join(stageDir, "stderr.txt"))).toBe("oops\n");
    expect(readText(join(stageDir, "command.sh"))).toBe("echo hello; echo oops >&2; echo verdict: pass\n");
  });

  it("exposes ATTRACTOR_* variables to the command", async () => {
    const { outcome, stageDir } = await tool(
      'echo "$ATTRACTOR_STAGE_DIR|$ATTRACTOR_LOGS_ROOT|$ATTRACTOR_NODE_ID|$ATTRACTOR_RUN_ID|$ATTRACTOR_ATTEMPT|${ATTRACTOR_PROMPT_FILE:-none}"',
    );
    expect(outcome.contextUpdates?.["tool.output"]).toBe(`${stageDir}|/logs/root|t|run-tool|2|none`);
  });

  it("writes the expanded prompt to prompt.md, names it in ATTRACTOR_PROMPT_FILE and feeds it on stdin", async () => {
    const { outcome, stageDir } = await tool(
      'cat; echo; cat "$ATTRACTOR_PROMPT_FILE"',
      ', prompt="Do ${ticket} for $goal"',
    );
    expect(readText(join(stageDir, "prompt.md"))).toBe("Do T-3 for Ship it");
    expect(outcome.contextUpdates?.["tool.output"]).toBe("Do T-3 for Ship it\nDo T-3 for Ship it");
  });

  it("a non-zero exit fails with the exit code and the stderr tail", async () => {
    const { outcome } = await tool("echo partial; echo 'error: tests failed' >&2; exit 3");
    expect(outcome).toEqual({
      status: "fail",
      failureReason: "tool_command failed (exit code 3): error: tests failed",
      contextUpdates: { "tool.output": "partial", "tool.last_line": "partial", "tool.exit_code": 3 },
    });
  });

  it("keeps only the last 2000 characters of stderr in the reason", async () => {
    const { outcome } = await tool("head -c 5000 /dev/zero | tr '\\0' 'e' >&2; printf END >&2; exit 1");
    const reason = outcome.failureReason ?? "";
    expect(reason.endsWith("eeeEND")).toBe(true);
    expect(reason.length).toBeLessThanOrEqual("tool_command failed (exit code 1): ".length + 2000);
  });

  it("fails without a tool_command", async () => {
    const g = parseDot(`digraph G { t [shape=parallelogram] }`);
    const outcome = await new ToolHandler().execute(g.nodes.get("t")!, new Context(), g, "", stubRuntime(tmp()));
    expect(outcome).toEqual({ status: "fail", failureReason: "No tool_command specified" });
  });

  it("runs in the configured cwd (a node `cwd` resolves against it) with the configured env", async () => {
    const base = tmp();
    mkdirSync(join(base, "sub"));
    expect((await tool("pwd", "", { cwd: base })).outcome.contextUpdates?.["tool.output"]).toBe(base);
    expect((await tool("pwd", ", cwd=sub", { cwd: base })).outcome.contextUpdates?.["tool.output"]).toBe(
      join(base, "sub"),
    );
    const env = { PATH: process.env.PATH, ONLY_HERE: "yes" };
    expect((await tool('echo "$ONLY_HERE${HOME:-}"', "", { env })).outcome.contextUpdates?.["tool.output"]).toBe("yes");
  });

  it("fails clearly when the command cannot be started", async () => {
    const { outcome } = await tool("true", "", { cwd: join(tmp(), "missing") });
    expect(outcome.status).toBe("fail");
    expect(outcome.failureReason).toMatch(/^cannot run tool_command: .*ENOENT/);
  });

  it("finishes promptly when the command leaves a background process holding its pipes", async () => {
    const started = Date.now();
    const { outcome, stageDir } = await tool('echo $$ > "$ATTRACTOR_STAGE_DIR/pgid"; sleep 5 & echo done');
    expect(Date.now() - started).toBeLessThan(2500);
    expect(outcome.contextUpdates?.["tool.output"]).toBe("done");
    const pgid = Number(readText(join(stageDir, "pgid")));
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  });
});

describe("ToolHandler in a run", () => {
  it("a timeout kills the whole process group", async () => {
    const dir = tmp();
    const body =
      dot(`t [shape=parallelogram, timeout="300ms", tool_command="echo $$ > \\"$ATTRACTOR_STAGE_DIR/pgid\\"; sh -c 'sleep 30 & sleep 30'"]
      start -> t -> exit`);
    const started = Date.now();
    const pending = run(body, dir);
    // While it runs, both sleeps are alive in the command's process group (so the check below is not vacuous).
    const pgidFile = join(dir, "t", "pgid");
    let during: string[] = [];
    while (Date.now() - started < 250 && during.filter((a) => a === "sleep 30").length < 2) {
      await new Promise((r) => setTimeout(r, 10));
      if (existsSync(pgidFile) && readText(pgidFile).trim()) during = groupMembers(Number(readText(pgidFile)));
    }
    expect(during.filter((args) => args === "sleep 30")).toHaveLength(2);
    const r = await pending;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.status).toBe("fail");
    expect(r.nodeOutcomes.t.failureReason).toBe("timed out after 300ms");
    const pgid = Number(readFileSync(pgidFile, "utf8"));
    expect(pgid).toBeGreaterThan(1);
    expect((await waitUntilGone(pgid)).filter((args) => args.includes("sleep 30"))).toEqual([]);
  });

  it("cancelling the run kills the running command", async () => {
    const dir = tmp();
    const controller = new AbortController();
    const body = dot(
      `t [shape=parallelogram, tool_command="echo $$ > \\"$ATTRACTOR_STAGE_DIR/pgid\\"; sleep 30"]; start -> t -> exit`,
    );
    const pending = run(body, dir, {
      signal: controller.signal,
      onEvent: (e) => e.type === "stage_started" && e.nodeId === "t" && setTimeout(() => controller.abort("stop"), 150),
    });
    const r = await pending;
    expect(r.status).toBe("cancelled");
    const pgidFile = join(dir, "t", "pgid");
    if (existsSync(pgidFile)) expect(await waitUntilGone(Number(readText(pgidFile)))).toEqual([]);
  });

  it("a status.json the command writes overrides the exit status (Appendix C)", async () => {
    const body =
      dot(`t [shape=parallelogram, tool_command="printf '{\\"outcome\\": \\"needs_dod\\", \\"context_updates\\": {\\"why\\": \\"no docs\\"}}' > \\"$ATTRACTOR_STAGE_DIR/status.json\\"; exit 1"]
      dod [shape=parallelogram, tool_command="echo writing docs"]
      start -> t
      t -> dod [condition="outcome=needs_dod"]
      t -> exit [condition="outcome=success"]
      dod -> exit`);
    const r = await run(body, tmp());
    expect(r.completedNodes).toEqual(["start", "t", "dod", "exit"]);
    expect(r.nodeOutcomes.t).toMatchObject({ status: "success", customOutcome: "needs_dod" });
    expect(r.context).toMatchObject({ why: "no docs", "tool.output": "writing docs" });
  });

  it("a failing tool in a simulated run is not steered toward the exit", async () => {
    const body = dot(
      `t [shape=parallelogram, tool_command="exit 2"]; start -> t; t -> exit [condition="outcome=success"]`,
    );
    const r = await run(body, tmp());
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toBe("tool_command failed (exit code 2)");
  });
});
