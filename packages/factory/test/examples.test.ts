// Every pipeline in examples/ runs end to end through `factory run`, and does what its header
// comment says.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const examples = path.join(repoRoot, "examples");
const work = mkdtempSync(path.join(tmpdir(), "examples-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Event {
  type: string;
  nodeId?: string;
  branch?: string;
  to?: string;
  reason?: string;
  attempt?: number;
}

async function run(example: string, extra: string[] = [], stdin?: string) {
  const logs = path.join(work, `${example}-${Math.random().toString(36).slice(2, 8)}`);
  // --simulate: the same run whatever provider keys this machine has.
  const result = await runCli(
    ["run", path.join(examples, `${example}.dot`), "--simulate", "--logs", logs, "--json", ...extra],
    {
      cwd: repoRoot,
      env: process.env,
      stdin,
    },
  );
  const events = result.stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Event);
  const checkpoint = JSON.parse(readFileSync(path.join(logs, "checkpoint.json"), "utf8")) as {
    status: string;
    completed_nodes: string[];
    context: Record<string, unknown>;
    node_outcomes: Record<string, { outcome: string }>;
  };
  return { ...result, events, checkpoint, logs };
}

const completedStages = (events: Event[]) => events.filter((e) => e.type === "stage_completed").map((e) => e.nodeId);

describe("examples/", () => {
  it("has at least six pipelines, all of which validate", async () => {
    const files = readdirSync(examples).filter((f) => f.endsWith(".dot"));
    expect(files.length).toBeGreaterThanOrEqual(6);
    const result = await runCli(["validate", ...files.map((f) => path.join(examples, f))], { cwd: repoRoot });
    expect(result.code).toBe(0);
  });

  it("self-check.dot type-checks, lints and tests this repository in parallel", async () => {
    const r = await run("self-check");
    expect(r.code).toBe(0);
    for (const check of ["typecheck", "lint", "parser"]) {
      expect({ check, outcome: r.checkpoint.node_outcomes[check]?.outcome }).toEqual({ check, outcome: "success" });
    }
    const branches = new Set(r.events.filter((e) => e.type === "stage_started" && e.branch).map((e) => e.branch));
    expect(branches).toEqual(new Set(["checks/typecheck", "checks/lint", "checks/parser"]));
    expect(r.checkpoint.completed_nodes).toEqual(["start", "plan", "checks", "collect", "verdict", "report", "exit"]);
    expect(readFileSync(path.join(r.logs, "parser", "stdout.txt"), "utf8")).toMatch(/passed/);
  }, 180_000);

  it("branching.dot routes on the runtime probe's verdict", async () => {
    const r = await run("branching");
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(r.logs, "probe", "stdout.txt"), "utf8")).toMatch(/^node 2\d\.\d+\.\d+\nsupported\n$/);
    expect(r.checkpoint.completed_nodes).toEqual(["start", "probe", "route", "supported", "done", "exit"]);
  });

  it("retry-goal-gate.dot retries the flaky step and sends the run back once from the goal gate", async () => {
    const r = await run("retry-goal-gate");
    expect(r.code).toBe(0);
    const flakyAttempts = r.events
      .filter((e) => e.type === "stage_started" && e.nodeId === "flaky")
      .map((e) => e.attempt);
    expect(flakyAttempts).toEqual([1, 2, 3]);
    expect(r.events.filter((e) => e.type === "goal_gate_unsatisfied").map((e) => e.nodeId)).toEqual(["verify"]);
    expect(r.checkpoint.completed_nodes).toEqual(["start", "flaky", "verify", "fix", "verify", "exit"]);
  });

  it("human-review.dot: --auto-approve takes the first choice", async () => {
    const r = await run("human-review", ["--auto-approve"]);
    expect(r.code).toBe(0);
    expect(r.checkpoint.completed_nodes).toEqual(["start", "draft", "review", "publish", "exit"]);
    expect(existsSync(path.join(r.logs, "publish", "published.txt"))).toBe(true);
  });

  it("human-review.dot: answers piped on stdin choose by accelerator key", async () => {
    const r = await run("human-review", [], "R\nA\n");
    expect(r.code).toBe(0);
    expect(r.checkpoint.completed_nodes).toEqual(["start", "draft", "review", "revise", "review", "publish", "exit"]);
    expect(r.checkpoint.context["human.gate.label"]).toBe("[A] Approve");
  });

  it("parallel-review.dot fans out to three reviewers and keeps the best review", async () => {
    const r = await run("parallel-review");
    expect(r.code).toBe(0);
    const branchStages = r.events.filter((e) => e.type === "stage_completed" && e.branch).map((e) => e.nodeId);
    expect(new Set(branchStages)).toEqual(new Set(["correctness", "security", "style"]));
    expect(["correctness", "security", "style"]).toContain(r.checkpoint.context["parallel.fan_in.best_id"]);
    expect(completedStages(r.events)).toContain("summary");
  });

  it("manager-loop.dot supervises the worker pipeline to completion", async () => {
    const r = await run("manager-loop");
    expect(r.code).toBe(0);
    expect(r.checkpoint.context["stack.child.status"]).toBe("completed");
    const childStages = r.events
      .filter((e) => e.type === "stage_completed" && e.branch === "manager:child")
      .map((e) => e.nodeId);
    expect(childStages).toEqual(["start", "fetch", "build", "check", "exit"]);
    expect(existsSync(path.join(r.logs, "manager", "cycle_0", "observation.json"))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(r.logs, "manager", "child", "checkpoint.json"), "utf8")).status).toBe(
      "success",
    );
    expect(r.checkpoint.completed_nodes).toEqual(["start", "manager", "report", "exit"]);
  });
});
