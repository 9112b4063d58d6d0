import { describe, expect, it } from "vitest";
import { simulateOutcome } from "../../src/handlers/simulation.js";
import { Context, parseDot } from "../../src/index.js";
import { dot, run, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

function simulate(body: string, values: Record<string, unknown> = {}) {
  const g = parseDot(`digraph G { start [shape=Mdiamond]; exit [shape=Msquare]\n${body}\n}`);
  return simulateOutcome(g.nodes.get("n")!, g, new Context(values));
}

describe("simulateOutcome", () => {
  it("is plain success for a node with a single unconditional edge", () => {
    expect(simulate(`n -> exit`)).toEqual({ status: "success" });
  });

  it("reports the custom outcome word whose edge is closest to the exit", () => {
    const body = `n -> rework [condition="outcome=needs_dod"]; rework -> n; n -> exit [condition="outcome=done"]`;
    expect(simulate(body)).toEqual({ status: "success", customOutcome: "done" });
  });

  it("reports the preferred label a condition asks for", () => {
    const body = `n -> exit [condition="preferred_label=ship"]; n -> again [condition="preferred_label=redo"]; again -> n`;
    expect(simulate(body)).toEqual({ status: "success", preferredLabel: "ship" });
  });

  it("sets the context flags a condition tests", () => {
    const body = `n -> exit [condition="context.tests_pass=true && context.stage=final"]; n -> loop [condition="outcome=success"]; loop -> n`;
    expect(simulate(body)).toEqual({ status: "success", contextUpdates: { tests_pass: "true", stage: "final" } });
  });

  it("never simulates a failure or a retry: such edges are skipped", () => {
    const body = `n -> exit [condition="outcome=fail"]; n -> longer [condition="outcome=success"]; longer -> exit`;
    expect(simulate(body)).toEqual({ status: "success" });
  });

  it("picks a labelled unconditional edge by preferred label", () => {
    const body = `n -> back [label="Revise", weight=9]; back -> n; n -> exit [label="[A] Approve"]`;
    expect(simulate(body)).toEqual({ status: "success", preferredLabel: "[A] Approve" });
  });

  it("ranks loop_restart edges last even when they are closer to the exit", () => {
    const body = `n -> exit [condition="outcome=restart", loop_restart=true]; n -> mid [condition="outcome=go"]; mid -> exit`;
    expect(simulate(body)).toEqual({ status: "success", customOutcome: "go" });
  });
});

describe("simulated runs", () => {
  it("walk a pipeline that routes on custom outcomes to its exit", async () => {
    const body = `review [prompt="Review"]; fix [prompt="Fix"]
      start -> review
      review -> fix [condition="outcome=needs_changes"]
      fix -> review
      review -> exit [condition="outcome=approved"]`;
    const r = await run(dot(body), tmp());
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["start", "review", "exit"]);
    expect(r.nodeOutcomes.review).toMatchObject({ customOutcome: "approved" });
  });
});
