// coding-agent-loop-spec §4.2, §5.4 LocalExecutionEnvironment.execCommand with real processes:
// bash in its own process group, stdout/stderr apart, timeouts and aborts kill the whole group
// (SIGTERM, SIGKILL after the grace period), secret env vars filtered, huge output bounded.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filterEnvironment, isSecretEnvName } from "../../src/env/env-filter.js";
import { LocalExecutionEnvironment } from "../../src/env/local.js";
import { createTempWorkspace, type TempWorkspace } from "../helpers/temp-workspace.js";

let ws: TempWorkspace;

beforeEach(async () => {
  ws = await createTempWorkspace({ killGraceMs: 500 });
});

afterEach(async () => {
  await ws.cleanup();
});

/**
 * True while a process with this pid runs: `kill -0` succeeds and (on Linux) it is not a zombie
 * waiting for a lazy init process to reap it.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true;
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe("execCommand", () => {
  it("captures stdout and stderr separately, the exit code and the duration, in the working directory", async () => {
    const result = await ws.env.execCommand("pwd; echo out; echo err >&2; exit 3", { timeoutMs: 5000 });
    expect(result.stdout).toBe(`${ws.dir}\nout\n`);
    expect(result.stderr).toBe("err\n");
    expect(result.exitCode).toBe(3);
    expect(result.timedOut).toBe(false);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("runs in a given working directory and with extra variables", async () => {
    await ws.write("sub/x.txt", "");
    const result = await ws.env.execCommand('pwd; echo "$EXTRA"', {
      timeoutMs: 5000,
      workingDir: "sub",
      envVars: { EXTRA: "yes" },
    });
    expect(result.stdout).toBe(`${ws.dir}/sub\nyes\n`);
  });

  it("uses bash (bash-only syntax works)", async () => {
    const result = await ws.env.execCommand("arr=(a b c); echo ${#arr[@]} $BASH_VERSION", { timeoutMs: 5000 });
    expect(result.stdout).toMatch(/^3 \d/);
  });

  it("kills the whole process group on timeout, background children included", async () => {
    const started = Date.now();
    const result = await ws.env.execCommand("sleep 30 & echo $!; sleep 30", { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBe(-1);
    const childPid = Number(result.stdout.trim());
    expect(childPid).toBeGreaterThan(0);
    expect(await waitUntil(() => !alive(childPid), 3000)).toBe(true);
  });

  it("sends SIGKILL after the grace period (500 ms here) to a group that ignores SIGTERM", async () => {
    const started = Date.now();
    const result = await ws.env.execCommand("trap '' TERM; (trap '' TERM; sleep 30) & echo $!; wait", {
      timeoutMs: 300,
    });
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await waitUntil(() => !alive(Number(result.stdout.trim())), 3000)).toBe(true);
  });

  it("waits 2 s between SIGTERM and SIGKILL by default (§5.4)", async () => {
    const env = new LocalExecutionEnvironment({ workingDir: ws.dir });
    const started = Date.now();
    const result = await env.execCommand("trap '' TERM; sleep 30 & wait", { timeoutMs: 200 });
    const elapsed = Date.now() - started;
    expect(result.timedOut).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(2150);
    expect(elapsed).toBeLessThan(6000);
  });

  it("kills the group when the abort signal fires", async () => {
    const controller = new AbortController();
    const pending = ws.env.execCommand("sleep 30 & echo $!; sleep 30", {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    const result = await pending;
    expect(result.aborted).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(-1);
    expect(await waitUntil(() => !alive(Number(result.stdout.trim())), 3000)).toBe(true);
  });

  it("kills running commands on cleanup and stays usable", async () => {
    const pending = ws.env.execCommand("sleep 30", { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await ws.env.cleanup();
    expect(await pending).toMatchObject({ aborted: true, exitCode: -1 });
    expect((await ws.env.execCommand("echo again", { timeoutMs: 5000 })).stdout).toBe("again\n");
  });

  it("kills a command whose start overlaps a cleanup (no sleep between them)", async () => {
    const pending = ws.env.execCommand("sleep 30", { timeoutMs: 60_000 });
    await ws.env.cleanup();
    expect(await pending).toMatchObject({ aborted: true, exitCode: -1 });
  });

  it("returns at once for an already aborted signal", async () => {
    const result = await ws.env.execCommand("sleep 30", { timeoutMs: 60_000, signal: AbortSignal.abort() });
    expect(result.aborted).toBe(true);
  });

  it("does not hang when a background child keeps the output pipe open", async () => {
    const started = Date.now();
    const result = await ws.env.execCommand("sleep 5 & echo $!", { timeoutMs: 10_000 });
    expect(result.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    process.kill(Number(result.stdout.trim()), "SIGKILL");
  });

  it("handles 10 MB of output quickly with bounded memory, keeping head and tail", async () => {
    const env = new LocalExecutionEnvironment({ workingDir: ws.dir, maxOutputBytes: 1024 * 1024 });
    const started = Date.now();
    const result = await env.execCommand("echo BEGIN; head -c 10485760 /dev/zero | tr '\\0' 'x'; echo; echo END", {
      timeoutMs: 20_000,
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.slice(0, 9)).toBe("BEGIN\nxxx");
    expect(result.stdout.slice(-8)).toBe("xxx\nEND\n");
    expect(result.stdout.length).toBeLessThan(1024 * 1024 + 200);
    const marker = /\[\.\.\. (\d+) bytes of stdout omitted \((\d+) bytes in total\) \.\.\.\]/.exec(result.stdout);
    expect(marker?.slice(1).map(Number)).toEqual([10_485_771 - 1024 * 1024, 10_485_771]);
  });
});

describe("environment variable filtering (§4.2)", () => {
  const parent = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: "/home/agent",
    OPENAI_API_KEY: "sk-live",
    my_service_token: "t",
    DB_PASSWORD: "p",
    AWS_SECRET_ACCESS_KEY: "aws",
    GCP_CREDENTIAL: "c",
    APP_SECRET: "s",
    GOPATH: "/go",
    HARMLESS: "visible",
  };

  it("recognizes the secret patterns case-insensitively", () => {
    for (const name of ["ANTHROPIC_API_KEY", "github_token", "Db_Password", "X_SECRET", "Y_CREDENTIAL", "API_KEY"]) {
      expect(isSecretEnvName(name)).toBe(true);
    }
    for (const name of ["PATH", "TOKENIZER", "KEYBOARD", "SECRETARY_NAME", "PASSWORD_HINT_SHOWN_X"]) {
      expect(isSecretEnvName(name)).toBe(false);
    }
  });

  it("filters by policy: inherit_all drops secrets, inherit_core keeps core only, inherit_none keeps nothing", () => {
    expect(Object.keys(filterEnvironment(parent)).sort()).toEqual(["GOPATH", "HARMLESS", "HOME", "PATH"]);
    expect(Object.keys(filterEnvironment(parent, { policy: "inherit_core" })).sort()).toEqual([
      "GOPATH",
      "HOME",
      "PATH",
    ]);
    expect(filterEnvironment(parent, { policy: "inherit_none" })).toEqual({});
    expect(filterEnvironment(parent, { policy: "inherit_none", allowEnv: ["OPENAI_API_KEY"] })).toEqual({
      OPENAI_API_KEY: "sk-live",
    });
  });

  it("keeps *_API_KEY out of a command's env unless allowed explicitly", async () => {
    const hidden = new LocalExecutionEnvironment({ workingDir: ws.dir, baseEnv: parent });
    const shown = await hidden.execCommand("env", { timeoutMs: 5000 });
    expect(shown.stdout).toContain("HARMLESS=visible");
    expect(shown.stdout).toContain("HOME=/home/agent");
    expect(shown.stdout).not.toContain("OPENAI_API_KEY");
    expect(shown.stdout).not.toContain("sk-live");
    expect(shown.stdout).not.toContain("AWS_SECRET_ACCESS_KEY");
    expect(shown.stdout).not.toContain("my_service_token");

    const allowed = new LocalExecutionEnvironment({
      workingDir: ws.dir,
      baseEnv: parent,
      allowEnv: ["OPENAI_API_KEY"],
    });
    expect((await allowed.execCommand("env", { timeoutMs: 5000 })).stdout).toContain("OPENAI_API_KEY=sk-live");

    const core = new LocalExecutionEnvironment({ workingDir: ws.dir, baseEnv: parent, envPolicy: "inherit_core" });
    const coreEnv = (await core.execCommand("env", { timeoutMs: 5000 })).stdout;
    expect(coreEnv).toContain("GOPATH=/go");
    expect(coreEnv).not.toContain("HARMLESS");
  });

  it("filters the real process environment by default", async () => {
    process.env.DF_TEST_API_KEY = "should-not-leak";
    try {
      const result = await ws.env.execCommand('echo "[$DF_TEST_API_KEY]"', { timeoutMs: 5000 });
      expect(result.stdout).toBe("[]\n");
    } finally {
      delete process.env.DF_TEST_API_KEY;
    }
  });
});
