import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Checkpoint, Outcome } from "../../src/index.js";
import { CheckpointError, loadCheckpoint, saveCheckpoint } from "../../src/index.js";
import { dot, eventLog, fakeBackend, run, scriptedHandler, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();
const S: Outcome = { status: "success" };
const linear = dot(`a [type="x"]; b [type="x"]; c [type="x"]; start -> a -> b -> c -> exit`);

function checkpoint(overrides: Partial<Checkpoint>): Checkpoint {
  return {
    timestamp: new Date().toISOString(),
    runId: "run-cp",
    pipeline: "T",
    currentNode: "a",
    completedNodes: ["start", "a"],
    nodeRetries: {},
    nodeOutcomes: { start: S, a: S },
    context: { "graph.goal": "Ship it", from_checkpoint: true },
    logs: [],
    restartCount: 0,
    lastFidelity: undefined,
    status: "running",
    ...overrides,
  };
}

describe("resume from checkpoint (§5.3)", () => {
  it("§11.7 load checkpoint -> restore state -> continue after current_node", async () => {
    const dir = tmp();
    saveCheckpoint(join(dir, "checkpoint.json"), checkpoint({}));
    const h = scriptedHandler(S);
    const log = eventLog();
    const r = await run(linear, dir, { handlers: { x: h }, resume: true, onEvent: log.onEvent });
    expect(h.calls).toEqual(["b", "c"]);
    expect(r).toMatchObject({ status: "success", runId: "run-cp", completedNodes: ["start", "a", "b", "c", "exit"] });
    expect(r.context.from_checkpoint).toBe(true);
    expect(log.events[0]).toMatchObject({ type: "pipeline_started", resumedFrom: "a" });
  });

  it("resuming a failed run re-executes the stage that failed", async () => {
    const dir = tmp();
    const failing = scriptedHandler(S, { status: "fail", failureReason: "flaky" });
    const first = await run(linear, dir, { handlers: { x: failing } });
    expect(first.status).toBe("fail");
    expect(loadCheckpoint(join(dir, "checkpoint.json"))).toMatchObject({
      status: "fail",
      currentNode: "b",
      failureReason: "flaky",
    });

    const fixed = scriptedHandler(S);
    const second = await run(linear, dir, { handlers: { x: fixed }, resume: true });
    expect(fixed.calls).toEqual(["b", "c"]);
    expect(second.status).toBe("success");
    expect(loadCheckpoint(join(dir, "checkpoint.json")).status).toBe("success");
  });

  it("resuming a completed run executes nothing", async () => {
    const dir = tmp();
    await run(linear, dir, { handlers: { x: scriptedHandler(S) } });
    const h = scriptedHandler(S);
    const r = await run(linear, dir, { handlers: { x: h }, resume: true });
    expect(h.calls).toEqual([]);
    expect(r.status).toBe("success");
  });

  it("restores retry counters", async () => {
    const dir = tmp();
    saveCheckpoint(join(dir, "checkpoint.json"), checkpoint({ nodeRetries: { a: 2 } }));
    await run(linear, dir, { handlers: { x: scriptedHandler(S) }, resume: true });
    expect(loadCheckpoint(join(dir, "checkpoint.json")).nodeRetries).toEqual({ a: 2 });
  });

  it("accepts a camelCase checkpoint written by another implementation", async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "checkpoint.json"),
      JSON.stringify({ currentNode: "b", completedNodes: ["start", "a", "b"], context: { k: "v" } }),
    );
    const h = scriptedHandler(S);
    const r = await run(linear, dir, { handlers: { x: h }, resume: true });
    expect(h.calls).toEqual(["c"]);
    expect(r.context.k).toBe("v");
  });

  it("after a loop restart, resumed stages keep logging to restart-{n}/", async () => {
    const dir = tmp();
    saveCheckpoint(join(dir, "checkpoint.json"), checkpoint({ restartCount: 1 }));
    await run(linear, dir, { handlers: { x: scriptedHandler(S) }, resume: true });
    expect(existsSync(join(dir, "restart-1", "b", "status.json"))).toBe(true);
    expect(existsSync(join(dir, "b"))).toBe(false);
    expect(loadCheckpoint(join(dir, "checkpoint.json")).restartCount).toBe(1);
  });

  it("throws CheckpointError when there is no checkpoint", async () => {
    await expect(run(linear, tmp(), { resume: true })).rejects.toBeInstanceOf(CheckpointError);
  });

  it("throws CheckpointError when the checkpoint names nodes the pipeline lacks", async () => {
    const dir = tmp();
    saveCheckpoint(
      join(dir, "checkpoint.json"),
      checkpoint({ currentNode: "ghost", completedNodes: ["start", "ghost"] }),
    );
    await expect(run(linear, dir, { resume: true })).rejects.toThrow(/refers to node 'ghost'/);
  });

  it("degrades `full` fidelity to summary:high for the first resumed node only", async () => {
    const dir = tmp();
    const graph = dot(
      `a; b [prompt="B"]; c [prompt="C"]; start -> a -> b -> c -> exit`,
      'goal="Ship it", default_fidelity=full',
    );
    saveCheckpoint(join(dir, "checkpoint.json"), checkpoint({ lastFidelity: "full" }));
    const backend = fakeBackend();
    await run(graph, dir, { backend, resume: true });
    expect(backend.calls.map((c) => [c.nodeId, c.options.fidelity, c.options.preamble === ""])).toEqual([
      ["b", "summary:high", false],
      ["c", "full", true],
    ]);
  });

  it("does not degrade when the last node did not use full fidelity", async () => {
    const dir = tmp();
    const graph = dot(`a; b [prompt="B"]; start -> a -> b -> exit`, 'goal="Ship it", default_fidelity=full');
    saveCheckpoint(join(dir, "checkpoint.json"), checkpoint({ lastFidelity: "compact" }));
    const backend = fakeBackend();
    await run(graph, dir, { backend, resume: true });
    expect(backend.calls[0].options.fidelity).toBe("full");
  });

  it("a run resumed after a crash ends with the same context as an uninterrupted run", async () => {
    const body = dot(`a [prompt="A"]; b [prompt="B"]; start -> a -> b -> exit`);
    const backend = () =>
      fakeBackend((node, _p, ctx) => ({
        status: "success",
        contextUpdates: { [node.id]: ctx.getString("graph.goal") },
      }));
    const straight = await run(body, tmp(), { backend: backend(), runId: "same" });

    const dir = tmp();
    const firstHalf = await run(body, dir, {
      backend: fakeBackend(() => {
        throw Object.assign(new Error("crash"), { retryable: false });
      }),
      runId: "same",
    });
    expect(firstHalf.status).toBe("fail");
    const resumed = await run(body, dir, { backend: backend(), resume: true });
    expect(resumed.status).toBe(straight.status);
    expect(resumed.context).toEqual(straight.context);
  });
});
