import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runToolHook } from "../../src/handlers/tool-hooks.js";

describe("runToolHook (attractor-spec §9.7)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "hooks-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const call = { name: "shell", callId: "call_1", arguments: { command: "ls" } };

  it("passes tool metadata in the environment and as JSON on stdin; exit 0 lets the call proceed", async () => {
    const r = await runToolHook(
      "pre",
      'echo "$ATTRACTOR_HOOK $ATTRACTOR_TOOL_NAME $ATTRACTOR_TOOL_CALL_ID"; cat',
      call,
      {
        nodeId: "impl",
        stageDir: dir,
        cwd: dir,
      },
    );
    expect(r.proceed).toBe(true);
    const [envLine, stdin] = r.stdout.split("\n");
    expect(envLine).toBe("pre shell call_1");
    expect(JSON.parse(stdin)).toEqual({
      hook: "pre",
      node_id: "impl",
      tool: { name: "shell", call_id: "call_1", arguments: { command: "ls" } },
    });
  });

  it("a pre-hook that exits non-zero skips the call and is recorded in the stage log", async () => {
    const r = await runToolHook("pre", "echo denied >&2; exit 3", call, { nodeId: "impl", stageDir: dir, cwd: dir });
    expect(r.proceed).toBe(false);
    expect(r.exitCode).toBe(3);
    const log = readFileSync(join(dir, "tool_hooks.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ hook: "pre", tool: "shell", exit_code: 3, proceed: false, stderr_tail: "denied\n" });
  });

  it("a failing post-hook never blocks, and sees the tool result", async () => {
    const r = await runToolHook(
      "post",
      'test "$ATTRACTOR_TOOL_IS_ERROR" = true && exit 1',
      { ...call, result: { content: "boom", isError: true } },
      { nodeId: "impl", stageDir: dir, cwd: dir },
    );
    expect(r.exitCode).toBe(1);
    expect(r.proceed).toBe(true);
  });

  it("a hook that outlives its time limit is killed and does not let the call proceed", async () => {
    const started = Date.now();
    const r = await runToolHook("pre", "sleep 20", call, { nodeId: "impl", stageDir: dir, cwd: dir, timeoutMs: 200 });
    expect(r.proceed).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
    const log = JSON.parse(readFileSync(join(dir, "tool_hooks.ndjson"), "utf8").trim());
    expect(log.timed_out).toBe(true);
  });
});
