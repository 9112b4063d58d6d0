// coding-agent-loop-spec §3.3 shell and §5.4 timeouts: output format, non-zero exit as an error
// result, the timeout message, timeout_ms capped by the session maximum, profile defaults, abort.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createShellTool, effectiveTimeoutMs, timeoutMessage } from "../../../src/tools/core/shell.js";
import { toolRunner } from "../../helpers/run-tool.js";
import { createTempWorkspace, type TempWorkspace } from "../../helpers/temp-workspace.js";

let ws: TempWorkspace;

beforeEach(async () => {
  ws = await createTempWorkspace({ killGraceMs: 200 });
});

afterEach(async () => {
  await ws.cleanup();
});

describe("shell", () => {
  it("returns stdout, stderr, exit code and duration", async () => {
    const run = toolRunner([createShellTool()], ws.context);
    const result = await run("shell", { command: "echo hello; echo oops >&2", description: "greet" });
    expect(result.isError).toBe(false);
    expect(result.output).toMatch(/^hello\n\[stderr\]\noops\nExit code: 0\nDuration: \d+ ms$/);
  });

  it("marks a non-zero exit as an error result that still carries the output", async () => {
    const run = toolRunner([createShellTool()], ws.context);
    const result = await run("shell", { command: "echo partial; exit 2" });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/^partial\nExit code: 2\n/);
    expect((await run("shell", { command: "true" })).output).toMatch(/^\(no output\)\nExit code: 0/);
  });

  it("appends the §5.4 timeout message with the effective timeout", async () => {
    const run = toolRunner([createShellTool()], ws.context);
    const result = await run("shell", { command: "echo started; sleep 5", timeout_ms: 300 });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("started\nExit code: none (killed after timeout)");
    expect(result.output.endsWith(timeoutMessage(300))).toBe(true);
    expect(timeoutMessage(300)).toBe(
      "[ERROR: Command timed out after 300ms. Partial output is shown above.\n" +
        "You can retry with a longer timeout by setting the timeout_ms parameter.]",
    );
  });

  it("uses the session default, a profile default, and caps timeout_ms at the session maximum", async () => {
    const context = { ...ws.context, defaultCommandTimeoutMs: 10_000, maxCommandTimeoutMs: 600_000 };
    expect(effectiveTimeoutMs({ command: "x" }, context)).toBe(10_000);
    expect(effectiveTimeoutMs({ command: "x" }, context, { defaultTimeoutMs: 120_000 })).toBe(120_000);
    expect(effectiveTimeoutMs({ command: "x", timeoutMs: 5000 }, context, { defaultTimeoutMs: 120_000 })).toBe(5000);
    expect(effectiveTimeoutMs({ command: "x", timeoutMs: 10_000_000 }, context)).toBe(600_000);
    const capped = toolRunner([createShellTool()], { ...ws.context, maxCommandTimeoutMs: 200 });
    const result = await capped("shell", { command: "sleep 5", timeout_ms: 60_000 });
    expect(result.output).toContain("timed out after 200ms");
  });

  it("kills the command when the session aborts", async () => {
    const controller = new AbortController();
    const run = toolRunner([createShellTool()], { ...ws.context, signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    const result = await run("shell", { command: "sleep 10" });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("Exit code: none (aborted)");
  });

  it("rejects a missing command as invalid arguments", async () => {
    const run = toolRunner([createShellTool()], ws.context);
    const result = await run("shell", { timeout_ms: 5 });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("must have required property 'command'");
  });
});
