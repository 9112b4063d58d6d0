import { describe, expect, it } from "vitest";
import type { PipelineEvent } from "../../src/index.js";
import { startPipeline } from "../../src/index.js";
import { dot, eventLog, graphOf, noSleep, readEvents, run, scriptedHandler, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();
const small = dot(`a [prompt="A"]; start -> a -> exit`);

/** Compact view of an event: its type and the node or edge it is about. */
function brief(e: PipelineEvent): string {
  switch (e.type) {
    case "stage_started":
    case "stage_completed":
    case "stage_failed":
    case "stage_retrying":
    case "checkpoint_saved":
      return `${e.type}:${e.nodeId}`;
    case "edge_selected":
      return `${e.type}:${e.from}->${e.to}`;
    default:
      return e.type;
  }
}

describe("pipeline events (§9.6)", () => {
  it("a small run emits the lifecycle in order", async () => {
    const log = eventLog();
    await run(small, tmp(), { onEvent: log.onEvent });
    expect(log.events.map(brief)).toEqual([
      "pipeline_started",
      "stage_started:start",
      "stage_completed:start",
      "checkpoint_saved:start",
      "edge_selected:start->a",
      "stage_started:a",
      "stage_completed:a",
      "checkpoint_saved:a",
      "edge_selected:a->exit",
      "stage_started:exit",
      "stage_completed:exit",
      "checkpoint_saved:exit",
      "checkpoint_saved:exit",
      "pipeline_completed",
    ]);
  });

  it("events carry their payloads: timestamps, indexes, names, durations", async () => {
    const log = eventLog();
    const dir = tmp();
    const r = await run(small, dir, { onEvent: log.onEvent, runId: "run-e" });
    for (const e of log.events) expect(Number.isNaN(Date.parse(e.ts))).toBe(false);
    expect(log.events[0]).toMatchObject({
      type: "pipeline_started",
      runId: "run-e",
      name: "T",
      goal: "Ship it",
      logsRoot: dir,
      nodeCount: 3,
      edgeCount: 2,
      simulated: true,
    });
    const started = log.events.filter((e) => e.type === "stage_started");
    expect(started.map((e) => e.type === "stage_started" && [e.nodeId, e.index, e.handlerType, e.attempt])).toEqual([
      ["start", 1, "start", 1],
      ["a", 2, "codergen", 1],
      ["exit", 3, "exit", 1],
    ]);
    expect(log.events.at(-1)).toMatchObject({
      type: "pipeline_completed",
      artifactCount: 0,
      completedNodes: r.completedNodes,
      outcome: { status: "success" },
    });
  });

  it("the async iterator, the callback and events.ndjson see the same events", async () => {
    const dir = tmp();
    const log = eventLog();
    const handle = startPipeline(graphOf(small), { logsRoot: dir, onEvent: log.onEvent, sleep: noSleep });
    const streamed: PipelineEvent[] = [];
    for await (const e of handle) streamed.push(e);
    const result = await handle.result();
    expect(result.status).toBe("success");
    expect(streamed.length).toBeGreaterThan(10);
    expect(streamed).toEqual(log.events);
    expect(readEvents(dir)).toEqual(JSON.parse(JSON.stringify(log.events)));
  });

  it("`events` is the same stream as iterating the handle", async () => {
    const handle = startPipeline(graphOf(small), { logsRoot: tmp(), sleep: noSleep });
    const types: string[] = [];
    for await (const e of handle.events) types.push(e.type);
    expect(types[0]).toBe("pipeline_started");
    expect(types.at(-1)).toBe("pipeline_completed");
  });

  it("a failed run ends with pipeline_failed carrying the error", async () => {
    const log = eventLog();
    await run(dot(`a [type="x"]; start -> a -> exit`), tmp(), {
      onEvent: log.onEvent,
      handlers: { x: scriptedHandler({ status: "fail", failureReason: "nope" }) },
    });
    expect(log.events.map(brief).slice(-5)).toEqual([
      "stage_started:a",
      "stage_failed:a",
      "checkpoint_saved:a",
      "checkpoint_saved:a",
      "pipeline_failed",
    ]);
    expect(log.events.at(-1)).toMatchObject({ type: "pipeline_failed", error: "nope", completedNodes: ["start", "a"] });
    expect(log.events.find((e) => e.type === "stage_failed")).toMatchObject({
      nodeId: "a",
      willRetry: false,
      error: "nope",
    });
  });

  it("retries emit stage_failed(willRetry) then stage_retrying with the delay", async () => {
    const log = eventLog();
    await run(dot(`a [type="x", max_retries=1, retry_jitter=false]; start -> a -> exit`), tmp(), {
      onEvent: log.onEvent,
      handlers: { x: scriptedHandler({ status: "fail", failureReason: "flaky" }, { status: "success" }) },
    });
    const around = log.events.filter((e) => "nodeId" in e && e.nodeId === "a" && e.type.startsWith("stage_"));
    expect(around.map(brief)).toEqual([
      "stage_started:a",
      "stage_failed:a",
      "stage_retrying:a",
      "stage_started:a",
      "stage_completed:a",
    ]);
    expect(around[2]).toMatchObject({ type: "stage_retrying", attempt: 2, delayMs: 200 });
    expect(around[3]).toMatchObject({ type: "stage_started", attempt: 2 });
  });

  it("a throwing event sink does not break the run", async () => {
    const r = await run(small, tmp(), {
      onEvent: () => {
        throw new Error("sink broke");
      },
    });
    expect(r.status).toBe("success");
  });
});
