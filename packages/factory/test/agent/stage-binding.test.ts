// A session's tie to the stage it works for: commands see the stage's directory and node id,
// the backend's shared environment is never set up or torn down by a session, and the tool hook
// wrapper (attractor-spec §9.7) passes calls through when there is nothing to run around them and
// reports a tool that throws to the post-hook as an error.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createOpenAIProfile, LocalExecutionEnvironment, type ToolContext } from "@darkfactory/agent";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BindingHolder, bindEnvironment, withToolHooks } from "../../src/agent/stage-binding.js";
import { tempDir } from "../helpers/run-io.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({ "a.txt": "a" }));
});
afterEach(() => cleanup());

const stage = (stageDir: string) => ({ nodeId: "build", stageDir, hooks: {} });

describe("bindEnvironment", () => {
  it("gives commands the bound stage's ATTRACTOR_STAGE_DIR and ATTRACTOR_NODE_ID, and nothing when unbound", async () => {
    const holder: BindingHolder = { current: undefined };
    const env = bindEnvironment(new LocalExecutionEnvironment({ workingDir: dir, baseEnv: {} }), holder);
    const show = 'printf "%s|%s|%s" "$ATTRACTOR_STAGE_DIR" "$ATTRACTOR_NODE_ID" "$EXTRA"';
    expect((await env.execCommand(show, { timeoutMs: 5000 })).stdout).toBe("||");
    holder.current = stage("/runs/r/build");
    const bound = await env.execCommand(show, { timeoutMs: 5000, envVars: { EXTRA: "x" } });
    expect(bound.stdout).toBe("/runs/r/build|build|x");
    expect(await env.readFile("a.txt")).toBe("a");
    expect(env.workingDirectory()).toBe(dir);
  });

  it("leaves the shared environment's lifecycle to its owner", async () => {
    const shared = new LocalExecutionEnvironment({ workingDir: dir, baseEnv: { PATH: process.env.PATH } });
    const env = bindEnvironment(shared, { current: undefined });
    const running = shared.execCommand("sleep 5", { timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the command is running
    await env.cleanup(); // a session closing must not kill the other sessions' commands
    const later = new Promise((resolve) => setTimeout(() => resolve("still running"), 300));
    expect(await Promise.race([running.then(() => "ended"), later])).toBe("still running");
    await shared.cleanup(); // the owner's cleanup does
    expect((await running).exitCode).toBe(-1);
  });
});

describe("withToolHooks", () => {
  const context = (workDir: string): ToolContext & { callId: string } => ({
    env: new LocalExecutionEnvironment({ workingDir: workDir, baseEnv: {} }),
    defaultCommandTimeoutMs: 5000,
    maxCommandTimeoutMs: 10_000,
    callId: "call_1",
  });

  it("passes calls straight through without a bound stage or hooks", async () => {
    const holder: BindingHolder = { current: undefined };
    const hooked = withToolHooks(createOpenAIProfile(), holder, { cwd: dir, env: {} });
    const read = hooked.toolRegistry.get("read_file");
    expect(await read?.executor({ file_path: "a.txt" }, context(dir))).toMatch(/a$/);
    holder.current = stage(path.join(dir, "stage"));
    expect(await read?.executor({ file_path: "a.txt" }, context(dir))).toMatch(/a$/);
  });

  it("turns a tool that throws into an error result, which the post-hook sees", async () => {
    const stageDir = path.join(dir, "stage");
    const holder: BindingHolder = {
      current: { nodeId: "build", stageDir, hooks: { post: 'cat > "$ATTRACTOR_STAGE_DIR/post.json"' } },
    };
    const hooked = withToolHooks(createOpenAIProfile(), holder, { cwd: dir, env: { PATH: process.env.PATH } });
    const result = await hooked.toolRegistry.get("read_file")?.executor({ file_path: "missing.txt" }, context(dir));
    expect(result).toMatchObject({ isError: true, output: expect.stringMatching(/^Error: .*missing\.txt/) });
    const post = JSON.parse(readFileSync(path.join(stageDir, "post.json"), "utf8"));
    expect(post).toMatchObject({
      hook: "post",
      tool: { name: "read_file", call_id: "call_1" },
      result: { is_error: true },
    });
  });
});
