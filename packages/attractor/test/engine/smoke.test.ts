/**
 * attractor-spec §11.13 Integration Smoke Test, with a deterministic CodergenBackend callback in
 * place of a real LLM (there is no LLM client in this package).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../src/index.js";
import { findUnsatisfiedGoalGate, loadCheckpoint, parseDot, runPipeline } from "../../src/index.js";
import { preparePipeline } from "../../src/prepare.js";
import { fakeBackend, noSleep, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

const DOT = `
digraph test_pipeline {
    graph [goal="Create a hello world Python script"]

    start       [shape=Mdiamond]
    plan        [shape=box, prompt="Plan how to create a hello world script for: $goal"]
    implement   [shape=box, prompt="Write the code based on the plan", goal_gate=true]
    review      [shape=box, prompt="Review the code for correctness"]
    done        [shape=Msquare]

    start -> plan
    plan -> implement
    implement -> review [condition="outcome=success"]
    implement -> plan   [condition="outcome=fail", label="Retry"]
    review -> done      [condition="outcome=success"]
    review -> implement [condition="outcome=fail", label="Fix"]
}
`;

/** Answers like a model would: a plan, code, and a review verdict; the first review asks for a fix. */
function llmCallback() {
  let reviews = 0;
  return fakeBackend((node, prompt): string | Outcome => {
    switch (node.id) {
      case "plan":
        return `1. Write hello.py for: ${prompt.split(": ")[1]}\n2. Print the greeting`;
      case "implement":
        return "print('Hello, world!')";
      case "review":
        return ++reviews === 1 ? { status: "fail", failureReason: "missing shebang" } : "LGTM";
      default:
        throw new Error(`unexpected node ${node.id}`);
    }
  });
}

describe("§11.13 Integration Smoke Test", () => {
  it("parses, validates and runs plan -> implement -> review -> done", async () => {
    // 1. Parse
    const graph = parseDot(DOT);
    expect(graph.goal).toBe("Create a hello world Python script");
    expect(graph.nodes.size).toBe(5);
    expect(graph.edges).toHaveLength(6);

    // 2. Validate
    const prepared = preparePipeline(DOT);
    expect(prepared.diagnostics.filter((d) => d.severity === "error")).toEqual([]);

    // 3. Execute with the LLM callback
    const logsRoot = tmp();
    const backend = llmCallback();
    const outcome = await runPipeline(prepared.graph, { logsRoot, backend, sleep: noSleep });

    // 4. Verify
    expect(outcome.status).toBe("success");
    expect(outcome.completedNodes).toContain("implement");
    expect(outcome.completedNodes).toEqual(["start", "plan", "implement", "review", "implement", "review", "done"]);
    for (const stage of ["plan", "implement", "review"]) {
      for (const file of ["prompt.md", "status.json"]) expect(existsSync(join(logsRoot, stage, file))).toBe(true);
    }
    for (const stage of ["plan", "implement"]) expect(existsSync(join(logsRoot, stage, "response.md"))).toBe(true);
    expect(backend.calls[0].prompt).toBe(
      "Plan how to create a hello world script for: Create a hello world Python script",
    );

    // 5. Verify goal gate
    expect(findUnsatisfiedGoalGate(prepared.graph, new Map(Object.entries(outcome.nodeOutcomes)))).toBeUndefined();
    expect(outcome.nodeOutcomes.implement.status).toBe("success");

    // 6. Verify checkpoint
    const checkpoint = loadCheckpoint(join(logsRoot, "checkpoint.json"));
    expect(checkpoint.currentNode).toBe("done");
    for (const id of ["plan", "implement", "review"]) expect(checkpoint.completedNodes).toContain(id);
  });

  it("writes response.md for review when the backend answers with text", async () => {
    const logsRoot = tmp();
    const outcome = await runPipeline(preparePipeline(DOT).graph, {
      logsRoot,
      backend: fakeBackend((node) => `${node.id} ok`),
      sleep: noSleep,
    });
    expect(outcome.completedNodes).toEqual(["start", "plan", "implement", "review", "done"]);
    for (const stage of ["plan", "implement", "review"]) {
      for (const file of ["prompt.md", "response.md", "status.json"])
        expect(existsSync(join(logsRoot, stage, file))).toBe(true);
    }
  });
});
