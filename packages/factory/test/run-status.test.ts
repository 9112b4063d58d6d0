// readRunStatus: checkpoint outcomes first, then <node>/status.json, then bare completed_nodes.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../src/cli/errors.js";
import { readRunStatus } from "../src/run-status.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "factory-run-status-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(file: string, content: unknown): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content));
}

describe("readRunStatus", () => {
  it("prefers the checkpoint's outcome over status.json, and status.json over completed_nodes", async () => {
    await put("checkpoint.json", {
      current_node: "b",
      completed_nodes: ["a", "b", "c"],
      node_outcomes: { a: { outcome: "partial_success" }, b: { status: "FAIL", failure_reason: "nope" } },
    });
    await put("a/status.json", { outcome: "fail" });
    await put("c/status.json", { outcome: "process", notes: "custom word" });
    await put("d/status.json", { outcome: "failed" });
    const run = await readRunStatus(dir, ["a", "b", "c", "d", "e", "z"], "/");
    expect(run.currentNode).toBe("b");
    expect(Object.fromEntries(run.nodes)).toEqual({
      a: { status: "partial_success", source: "checkpoint" },
      b: { status: "fail", failureReason: "nope", source: "checkpoint" },
      c: { status: "success", customOutcome: "process", source: "status.json" },
      d: { status: "fail", source: "status.json" },
    });
    expect(run.warnings).toEqual([]);
  });

  it("marks completed nodes without any recorded outcome as completed", async () => {
    await put("checkpoint.json", { currentNode: "b", completedNodes: ["start", "b"] });
    const run = await readRunStatus(dir, ["start", "b", "c"], "/");
    expect(run.currentNode).toBe("b");
    expect(run.nodes.get("start")).toEqual({ status: "completed", source: "completed_nodes" });
    expect(run.nodes.has("c")).toBe(false);
  });

  it("reads status files alone when no node has completed yet", async () => {
    await put("manifest.json", { name: "p" });
    const empty = await readRunStatus(dir, ["a"], "/");
    expect(empty.nodes.size).toBe(0);
    expect(empty.currentNode).toBeUndefined();
    await put("a/status.json", { outcome: "retry" });
    expect((await readRunStatus(dir, ["a"], "/")).nodes.get("a")?.status).toBe("retry");
  });

  it("resolves a relative run directory against cwd and names it as given", async () => {
    await put("run/checkpoint.json", {
      current_node: "",
      completed_nodes: [],
      node_outcomes: { a: { status: "nonsense" } },
    });
    const run = await readRunStatus("run", ["a"], dir);
    expect(run.dir).toBe("run");
    expect(run.nodes.get("a")).toEqual({ status: "success", customOutcome: "nonsense", source: "checkpoint" });
  });

  it("skips unusable status files with a warning", async () => {
    await put("manifest.json", {});
    await put("a/status.json", "[1, 2]");
    await put("b/status.json", { notes: "no outcome" });
    const run = await readRunStatus(dir, ["a", "b"], "/");
    expect(run.nodes.size).toBe(0);
    expect(run.warnings).toEqual([
      `ignoring ${path.join(dir, "a/status.json")}: expected an object, found an array`,
      `ignoring ${path.join(dir, "b/status.json")}: no "outcome" or "status" word`,
    ]);
  });

  it("rejects malformed checkpoints with exit code 2, reporting the engine's CheckpointError", async () => {
    const file = path.join(dir, "checkpoint.json");
    const malformed = `checkpoint ${file} is malformed: it needs "current_node" (string) and "completed_nodes" (array of node ids)`;
    const cases: [unknown, string][] = [
      ["{ not json", `cannot read checkpoint ${file}: `],
      [[], `checkpoint ${file} is not a JSON object`],
      [{ current_node: "a", completed_nodes: [1] }, malformed],
      [{ current_node: 3, completed_nodes: [] }, malformed],
    ];
    for (const [checkpoint, message] of cases) {
      await put("checkpoint.json", checkpoint);
      const error = await readRunStatus(dir, ["a"], "/").catch((e: unknown) => e);
      expect(CliError.isInstance(error), message).toBe(true);
      expect((error as CliError).exitCode).toBe(2);
      expect((error as CliError).report).toBe("cause");
      expect(((error as CliError).cause as Error).name).toBe("CheckpointError");
      expect((error as CliError).message.startsWith(message), (error as CliError).message).toBe(true);
    }
  });

  it("ignores unusable entries of node_outcomes (the engine's reading)", async () => {
    await put("checkpoint.json", { current_node: "a", completed_nodes: ["a"], node_outcomes: { a: { notes: "x" } } });
    await put("a/status.json", { outcome: "retry" });
    expect((await readRunStatus(dir, ["a"], "/")).nodes.get("a")).toEqual({ status: "retry", source: "status.json" });
  });
});
