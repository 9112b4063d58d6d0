// PipelineRecording over an in-memory store: one context per run (metadata on its first turn), one
// turn per event, a child context per codergen stage execution (also in parallel branches), the
// simulated prompt and response in it, and cxdb.json in the run directory.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Graph } from "@darkfactory/attractor";
import { openStore, recordToStore, type Store } from "@darkfactory/cxdb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PipelineRecording } from "../../src/record/pipeline-recording.js";
import { EventClock, sampleRun } from "../helpers/events.js";
import { tempDir } from "../helpers/run-io.js";

let dir: string;
let cleanup: () => Promise<void>;
let store: Store;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({}));
  store = await openStore(":memory:");
});
afterEach(async () => {
  store.close();
  await cleanup();
});

function demoGraph(): Graph {
  const graph = new Graph("demo");
  graph.attrs.set("goal", "ship it");
  graph.file = "/p/demo.dot";
  return graph;
}

/** The projected data of a context's turns, oldest first. */
function turns(contextId: number): Array<Record<string, unknown>> {
  return store.getTurns(contextId, { limit: 200 }).map((t) => store.projectTurn(t).data as Record<string, unknown>);
}

describe("PipelineRecording", () => {
  it("records a run context, and a stage context for each codergen stage execution", async () => {
    // The simulated stage `a` of branch fan/a left its prompt and response in the run directory.
    mkdirSync(path.join(dir, "a"));
    writeFileSync(path.join(dir, "a", "prompt.md"), "do a");
    writeFileSync(path.join(dir, "a", "response.md"), "[Simulated] Response for stage: a");
    const recording = new PipelineRecording({
      recorder: recordToStore(store, { clientTag: "factory" }),
      graph: demoGraph(),
      logsRoot: dir,
      simulated: true,
    });
    const events = sampleRun(new EventClock());
    let duringStage: number | undefined;
    for (const event of events) {
      recording.event(event);
      if (event.type === "stage_started" && event.nodeId === "a") {
        duringStage = recording.stageSession("a", "fan/a")?.contextId;
      }
    }
    const result = await recording.finish();
    expect(result).toMatchObject({ kind: "embedded", contextId: 1, dropped: 0 });
    expect(result.error).toBeUndefined();

    const run = store.getContext(1);
    expect(run.metadata).toMatchObject({
      clientTag: "factory",
      title: "demo: ship it",
      labels: ["pipeline", "demo", "simulated"],
      custom: { run_id: "r1", logs_root: dir, dot_file: "/p/demo.dot" },
      provenance: { correlationId: "r1" },
    });
    const runTurns = turns(1);
    expect(runTurns).toHaveLength(events.length);
    expect(runTurns.map((t) => t.id)).toEqual(events.map((e) => e.type));
    expect(runTurns.map((t) => t.context_metadata !== null)).toEqual(events.map((_, i) => i === 0));

    // Only `a` is a codergen stage: one child context, linked by provenance.
    expect(store.listContexts().total).toBe(2);
    const stageId = duringStage as number;
    expect(stageId).toBe(2);
    expect(recording.stageSession("a", "fan/a")).toBeUndefined(); // it ended
    expect(store.getContext(stageId).metadata).toMatchObject({
      clientTag: "factory",
      title: "demo › a — Branch A",
      labels: ["stage", "codergen", "a"],
      custom: { run_id: "r1", node_id: "a", attempt: "1", branch: "fan/a" },
      provenance: { parentContextId: 1, rootContextId: 1, spawnReason: "stage", correlationId: "r1" },
    });
    expect(store.getProvenance(stageId)?.traceId).toBe(store.getProvenance(1)?.traceId);
    const stageTurns = turns(stageId);
    expect(stageTurns.map((t) => t.item_type)).toEqual(["system", "user_input", "assistant_turn", "system"]);
    expect(stageTurns.map((t) => t.id)).toEqual(["stage_started", "prompt", "response", "stage_completed"]);
    expect(stageTurns[1]).toMatchObject({ user_input: { text: "do a" } });
    expect(stageTurns[2]).toMatchObject({ turn: { text: "[Simulated] Response for stage: a", agent: "simulation" } });
    expect(store.children(1).map((c) => c.contextId)).toEqual([stageId]);

    expect(JSON.parse(readFileSync(path.join(dir, "cxdb.json"), "utf8"))).toEqual({
      store: ":memory:",
      context_id: 1,
    });
  });

  it("continues the resumed run's context instead of opening one", async () => {
    const first = new PipelineRecording({
      recorder: recordToStore(store),
      graph: demoGraph(),
      logsRoot: dir,
      simulated: false,
    });
    const events = sampleRun(new EventClock());
    first.event(events[0]);
    await first.finish();
    const second = new PipelineRecording({
      recorder: recordToStore(store),
      graph: demoGraph(),
      logsRoot: dir,
      simulated: false,
      resumeContextId: 1,
    });
    second.event({ ...events[0], resumedFrom: "start" } as (typeof events)[0]);
    second.event(events.at(-1) as (typeof events)[0]);
    expect((await second.finish()).contextId).toBe(1);
    expect(store.listContexts().total).toBe(1);
    expect(turns(1).map((t) => [t.id, t.context_metadata !== null])).toEqual([
      ["pipeline_started", true],
      ["pipeline_started", false],
      ["pipeline_completed", false],
    ]);
  });
});
