import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Checkpoint } from "../../src/index.js";
import {
  CheckpointError,
  checkpointToJson,
  loadCheckpoint,
  outcomeFromJson,
  outcomeToJson,
  saveCheckpoint,
} from "../../src/index.js";
import { readJson, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

const sample: Checkpoint = {
  timestamp: "2026-01-02T03:04:05.000Z",
  runId: "run-1",
  pipeline: "demo",
  currentNode: "review",
  completedNodes: ["start", "plan", "review"],
  nodeRetries: { plan: 2 },
  nodeOutcomes: {
    plan: { status: "success", notes: "planned" },
    review: { status: "success", customOutcome: "needs_dod", preferredLabel: "Fix" },
  },
  context: { "graph.goal": "Ship", nested: { list: [1, 2] }, flag: true },
  logs: ["one", "two"],
  restartCount: 1,
  lastFidelity: "full",
  status: "running",
};

describe("saveCheckpoint / loadCheckpoint (§5.3)", () => {
  it("round-trips every field", () => {
    const path = join(tmp(), "checkpoint.json");
    saveCheckpoint(path, sample);
    expect(loadCheckpoint(path)).toEqual(sample);
  });

  it("writes the spec's snake_case field names", () => {
    const path = join(tmp(), "checkpoint.json");
    saveCheckpoint(path, { ...sample, status: "fail", failureReason: "boom" });
    const json = readJson(path);
    expect(json).toMatchObject({
      timestamp: sample.timestamp,
      current_node: "review",
      completed_nodes: ["start", "plan", "review"],
      node_retries: { plan: 2 },
      context: sample.context,
      logs: ["one", "two"],
      run_id: "run-1",
      restart_count: 1,
      last_fidelity: "full",
      status: "fail",
      failure_reason: "boom",
    });
    expect(json.node_outcomes).toEqual({
      plan: { outcome: "success", notes: "planned" },
      review: { outcome: "needs_dod", status: "success", preferred_label: "Fix" },
    });
  });

  it("writes atomically: overwriting many times leaves only checkpoint.json, no temp files", () => {
    const dir = tmp();
    const path = join(dir, "checkpoint.json");
    for (let i = 0; i < 20; i++)
      saveCheckpoint(path, { ...sample, completedNodes: [...sample.completedNodes, `n${i}`] });
    expect(readdirSync(dir)).toEqual(["checkpoint.json"]);
    expect(loadCheckpoint(path).completedNodes.at(-1)).toBe("n19");
  });

  it("leaves no temp file when the write fails", () => {
    const dir = tmp();
    const path = join(dir, "checkpoint.json");
    mkdirSync(path); // renaming a file over a directory fails
    expect(() => saveCheckpoint(path, sample)).toThrow();
    expect(readdirSync(dir)).toEqual(["checkpoint.json"]);
  });

  it("accepts the camelCase spelling other implementations write", () => {
    const path = join(tmp(), "checkpoint.json");
    writeFileSync(
      path,
      JSON.stringify({
        currentNode: "b",
        completedNodes: ["start", "a", "b"],
        nodeRetries: { a: 1 },
        nodeOutcomes: { b: { status: "partial_success", failureReason: "meh" } },
        context: { k: "v" },
        runId: "r",
        restartCount: 2,
        lastFidelity: "compact",
        failureReason: "x",
        status: "fail",
      }),
    );
    expect(loadCheckpoint(path)).toMatchObject({
      currentNode: "b",
      completedNodes: ["start", "a", "b"],
      nodeRetries: { a: 1 },
      nodeOutcomes: { b: { status: "partial_success", failureReason: "meh" } },
      context: { k: "v" },
      runId: "r",
      restartCount: 2,
      lastFidelity: "compact",
      failureReason: "x",
      status: "fail",
    });
  });

  it("fills defaults for optional fields of a minimal spec checkpoint", () => {
    const path = join(tmp(), "checkpoint.json");
    writeFileSync(path, JSON.stringify({ current_node: "a", completed_nodes: ["a"] }));
    expect(loadCheckpoint(path)).toMatchObject({
      currentNode: "a",
      nodeRetries: {},
      nodeOutcomes: {},
      context: {},
      logs: [],
      restartCount: 0,
      lastFidelity: undefined,
      status: "running",
    });
  });

  it.each([
    ["not JSON", "{ nope"],
    ["an array", "[1, 2]"],
    ["without current_node", JSON.stringify({ completed_nodes: [] })],
    ["with non-string completed nodes", JSON.stringify({ current_node: "a", completed_nodes: [1] })],
    ["with completed_nodes not an array", JSON.stringify({ current_node: "a", completed_nodes: "a" })],
  ])("throws CheckpointError for a file %s", (_what, content) => {
    const path = join(tmp(), "checkpoint.json");
    writeFileSync(path, content);
    const error = (() => {
      try {
        loadCheckpoint(path);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).path).toBe(path);
  });

  it("throws CheckpointError naming the path when there is no file", () => {
    const path = join(tmp(), "checkpoint.json");
    expect(() => loadCheckpoint(path)).toThrow(CheckpointError);
    expect(() => loadCheckpoint(path)).toThrow(/no checkpoint\.json there/);
  });

  it("checkpointToJson omits failure_reason when there is none", () => {
    expect(checkpointToJson(sample)).not.toHaveProperty("failure_reason");
  });
});

describe("outcomeToJson / outcomeFromJson (Appendix C)", () => {
  it("round-trips an outcome", () => {
    const o = {
      status: "fail" as const,
      preferredLabel: "Retry",
      suggestedNextIds: ["a"],
      contextUpdates: { k: 1 },
      notes: "n",
      failureReason: "r",
    };
    expect(outcomeToJson(o)).toEqual({
      outcome: "fail",
      preferred_label: "Retry",
      suggested_next_ids: ["a"],
      context_updates: { k: 1 },
      notes: "n",
      failure_reason: "r",
    });
    expect(outcomeFromJson(outcomeToJson(o))).toEqual(o);
  });

  it("reads a custom outcome word as customOutcome with status success", () => {
    expect(outcomeFromJson({ outcome: "needs_dod" })).toEqual({ status: "success", customOutcome: "needs_dod" });
    expect(outcomeFromJson({ outcome: "needs_dod", status: "fail" })).toEqual({
      status: "fail",
      customOutcome: "needs_dod",
    });
  });

  it.each([
    ["SUCCESS", "success"],
    ["partial", "partial_success"],
    ["failure", "fail"],
    ["failed", "fail"],
    ["retry", "retry"],
  ])("reads %j as status %s", (word, status) => {
    expect(outcomeFromJson({ outcome: word })?.status).toBe(status);
  });

  it("accepts camelCase fields and `status` in place of `outcome`", () => {
    expect(
      outcomeFromJson({ status: "success", preferredLabel: "Go", suggestedNextIds: ["x"], contextUpdates: { a: "b" } }),
    ).toEqual({ status: "success", preferredLabel: "Go", suggestedNextIds: ["x"], contextUpdates: { a: "b" } });
  });

  it("returns undefined without an outcome word", () => {
    expect(outcomeFromJson({ notes: "hi" })).toBeUndefined();
    expect(outcomeFromJson({ outcome: "  " })).toBeUndefined();
    expect(outcomeFromJson("success")).toBeUndefined();
  });

  it("omits context_updates when asked (checkpoints keep them in the context)", () => {
    expect(outcomeToJson({ status: "success", contextUpdates: { a: 1 } }, false)).toEqual({ outcome: "success" });
  });
});
