// Crash safety: a real `factory run` is killed with SIGKILL at several points, then resumed
// with --resume; each resumed run must end with the same completed nodes and the same final
// context as a run that was never interrupted. Needs a build (`npx tsc -b`, which `npm test` runs).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/factory.js");

// Tool stages are slow enough to be killed mid-stage, write context through status.json, and a
// parallel fan-out with a fan-in sits in the middle.
const PIPELINE = `digraph crash {
  graph [goal="survive SIGKILL"]
  start [shape=Mdiamond]
  exit  [shape=Msquare]
  a [shape=parallelogram, tool_command="sleep 0.15; echo alpha"]
  plan [prompt="Plan after \${tool.output}"]
  b [shape=parallelogram, tool_command="sleep 0.15; printf '{\\"outcome\\":\\"success\\",\\"context_updates\\":{\\"b.value\\":\\"42\\"}}' > \\"$ATTRACTOR_STAGE_DIR/status.json\\""]
  fan [shape=component]
  p1 [shape=parallelogram, tool_command="sleep 0.15; echo one"]
  p2 [shape=parallelogram, tool_command="sleep 0.2; echo two"]
  join [shape=tripleoctagon]
  c [shape=parallelogram, tool_command="sleep 0.15; echo gamma"]
  gate [shape=diamond]
  d [prompt="Finish"]
  start -> a -> plan -> b -> fan
  fan -> p1
  fan -> p2
  p1 -> join
  p2 -> join
  join -> c -> gate
  gate -> d [condition="context.b.value=42"]
  gate -> exit [condition="context.b.value!=42"]
  d -> exit
}
`;

interface Finished {
  code: number | null;
  stdout: string;
}

/** Runs the CLI; with `killAfterStarts`, SIGKILLs it once that many stages have started. */
function factory(args: string[], cwd: string, killAfterStarts?: number): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let starts = 0;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      starts = (stdout.match(/"type":"stage_started"/g) ?? []).length;
      if (killAfterStarts !== undefined && starts >= killAfterStarts) child.kill("SIGKILL");
    });
    child.stderr.resume();
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout }));
  });
}

interface CheckpointJson {
  status: string;
  completed_nodes: string[];
  context: Record<string, unknown>;
}

function finalState(logs: string): { completed: string[]; context: Record<string, unknown> } {
  const cp = JSON.parse(readFileSync(path.join(logs, "checkpoint.json"), "utf8")) as CheckpointJson;
  expect(cp.status).toBe("success");
  // The run id is kept across a resume, but differs between two separate runs.
  const { "internal.run_id": _runId, ...context } = cp.context;
  return { completed: cp.completed_nodes, context };
}

describe("factory run survives SIGKILL (checkpoints are atomic, resume is exact)", () => {
  let dir: string;
  let reference: { completed: string[]; context: Record<string, unknown> };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "crash-"));
    writeFileSync(path.join(dir, "crash.dot"), PIPELINE);
    const run = await factory(["run", "crash.dot", "--logs", "ref", "--json"], dir);
    expect(run.code).toBe(0);
    reference = finalState(path.join(dir, "ref"));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the uninterrupted run is the reference", () => {
    expect(reference.completed).toEqual(["start", "a", "plan", "b", "fan", "join", "c", "gate", "d", "exit"]);
    expect(reference.context).toMatchObject({ "tool.output": "gamma", "b.value": "42", last_stage: "d" });
  });

  // 1: before the first checkpoint; 2-3: mid-tool; 6-7: inside the parallel branches; 9-10: late.
  for (const killAt of [1, 2, 3, 6, 7, 9, 10]) {
    it(`killed after ${killAt} stage start(s), resumed, ends as the reference`, async () => {
      const logs = `killed-${killAt}`;
      const crashed = await factory(["run", "crash.dot", "--logs", logs, "--json"], dir, killAt);
      expect(crashed.code).toBeNull(); // died of SIGKILL, no exit code
      const resumed = await factory(["run", "crash.dot", "--resume", logs, "--json"], dir);
      expect(resumed.code).toBe(0);
      const state = finalState(path.join(dir, logs));
      expect(state.completed).toEqual(reference.completed);
      expect(state.context).toEqual(reference.context);
      // No temporary file of an interrupted atomic write is left behind.
      expect(readFileSync(path.join(dir, logs, "checkpoint.json"), "utf8")).toMatch(/^\{/);
    }, 60_000);
  }
});
