// A real SIGINT to a real `factory run` process (bin/factory.js -> dist): exit 130, a cancelled
// checkpoint, no tool process left behind, and `--resume` completes the run.
// Needs a build: run `npx tsc -b` first.
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir, waitFor } from "../helpers/run-io.js";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/factory.js");
const exec = promisify(execFile);

// Sleeps 30 s unless `marker` exists (the first run creates it), so the resumed run is quick.
const SLOW = `digraph slow {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  t [shape=parallelogram, tool_command="echo $$ > tool.pid; if [ ! -f marker ]; then touch marker; sleep 30; fi"]
  start -> t -> exit
}
`;

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({ "slow.dot": SLOW }));
});
afterEach(() => cleanup());

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("factory run (real process)", () => {
  it("SIGINT cancels the run with exit 130 and a cancelled checkpoint; --resume completes it", async () => {
    const child = spawn(process.execPath, [bin, "run", "slow.dot", "--json", "--logs", "out"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    let toolPid = 0;
    try {
      await waitFor(() => stdout.includes('"type":"stage_started","nodeId":"t"'), 15_000);
      await waitFor(() => {
        try {
          toolPid = Number(readFileSync(path.join(dir, "tool.pid"), "utf8").trim());
        } catch {
          toolPid = 0;
        }
        // Wait for the marker too: interrupted before creating it, the resumed run would sleep.
        return toolPid > 0 && existsSync(path.join(dir, "marker"));
      });
      child.kill("SIGINT");
      expect(await exited).toEqual({ code: 130, signal: null });
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }

    const events = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.at(-1)?.type).toBe("pipeline_cancelled");
    expect(stderr).toContain("interrupted — resume with: factory run slow.dot --resume out\n");
    const checkpoint = JSON.parse(readFileSync(path.join(dir, "out/checkpoint.json"), "utf8")) as { status: string };
    expect(checkpoint.status).toBe("cancelled");
    // The tool's shell and its `sleep 30` were in their own process group; none of it is left.
    await waitFor(() => !groupAlive(toolPid), 5000);

    const resumed = await exec(process.execPath, [bin, "run", "--resume", "out"], { cwd: dir });
    expect(resumed.stdout).toContain("result:   success\n");
    expect(resumed.stdout).toContain("path:     start -> t -> exit\n");
    const after = JSON.parse(readFileSync(path.join(dir, "out/checkpoint.json"), "utf8")) as { status: string };
    expect(after.status).toBe("success");
  });
});
