import { describe, expect, it } from "vitest";
import { nextStep, type Step } from "../../src/engine/traversal.js";
import type { Outcome } from "../../src/index.js";
import { Context, parseDot } from "../../src/index.js";

function step(body: string, outcome: Outcome, options: { simulated?: boolean; jumpTo?: string } = {}) {
  const g = parseDot(`digraph G {\n start [shape=Mdiamond]\n exit [shape=Msquare]\n${body}\n}`);
  return summarize(nextStep(g, g.nodes.get("n")!, outcome, new Context(), { simulated: false, ...options }));
}

function summarize(s: Step) {
  switch (s.kind) {
    case "follow":
    case "restart":
      return { kind: s.kind, to: s.edge.to, reason: s.reason };
    case "jump":
      return { kind: s.kind, to: s.target, reason: s.reason };
    case "finish":
      return { kind: s.kind, status: s.outcome.status, reason: s.outcome.failureReason, warning: s.warning };
  }
}

const ok: Outcome = { status: "success" };
const fail: Outcome = { status: "fail", failureReason: "tests red" };

describe("nextStep after FAIL (§3.7)", () => {
  it("follows a condition-matching edge", () => {
    expect(step(`n -> fix [condition="outcome=fail"]; n -> next`, fail)).toEqual({
      kind: "follow",
      to: "fix",
      reason: "fail_edge",
    });
  });

  it("jumps to retry_target, then fallback_retry_target", () => {
    expect(step(`n [retry_target=r]; r; n -> next`, fail)).toEqual({ kind: "jump", to: "r", reason: "retry_target" });
    expect(step(`n [fallback_retry_target=f]; f; n -> next`, fail)).toMatchObject({ kind: "jump", to: "f" });
  });

  it("does not follow unconditional edges: the pipeline fails with the stage's reason", () => {
    expect(step(`n -> next [weight=5]`, fail)).toMatchObject({ kind: "finish", status: "fail", reason: "tests red" });
  });

  it("gives a reason when the stage gave none", () => {
    expect(step(`n -> next`, { status: "fail" })).toMatchObject({
      kind: "finish",
      status: "fail",
      reason: "stage 'n' failed",
    });
  });
});

describe("nextStep after success", () => {
  it("follows §3.3 edge selection", () => {
    expect(step(`n -> b; n -> a`, ok)).toEqual({ kind: "follow", to: "a", reason: "lexical" });
  });

  it("ends the run successfully, with a warning, at a node without outgoing edges", () => {
    expect(step(`n`, ok)).toMatchObject({
      kind: "finish",
      status: "success",
      warning: expect.stringMatching(/no outgoing edges/),
    });
  });

  it("fails the run listing the conditions when no outgoing edge is eligible", () => {
    const s = step(`n -> a [condition="outcome=fail"]; n -> b [condition="context.ready=true"]`, ok);
    expect(s).toMatchObject({ kind: "finish", status: "fail" });
    expect(s.reason).toBe(
      "no outgoing edge of 'n' matches outcome 'success' (edges: a: outcome=fail; b: context.ready=true)",
    );
  });

  it("in simulation a non-tool node walks toward the exit instead", () => {
    const body = `n -> far [condition="context.x=1"]; far -> exit; n -> exit [condition="context.done=true"]`;
    expect(step(body, ok, { simulated: true })).toEqual({ kind: "follow", to: "exit", reason: "simulation" });
  });

  // The brief's design kept tool nodes out of simulation steering; the engine now steers every
  // node type in simulation (a FAIL is still routed by §3.7, never steered).
  it("in simulation a successful tool node whose conditions cannot match also walks toward the exit", () => {
    const body = `n [shape=parallelogram]; n -> exit [condition="context.verdict=pass"]`;
    expect(step(body, ok, { simulated: true })).toEqual({ kind: "follow", to: "exit", reason: "simulation" });
    expect(step(body, fail, { simulated: true })).toMatchObject({ kind: "finish", status: "fail" });
  });

  it("jumps to the join node a handler asked for", () => {
    expect(step(`n -> a`, ok, { jumpTo: "join" })).toEqual({ kind: "jump", to: "join", reason: "join" });
  });

  it("ends after a parallel node whose branches reach no join", () => {
    expect(step(`n [shape=component]; n -> a; n -> b`, ok)).toMatchObject({
      kind: "finish",
      status: "success",
      warning: expect.stringMatching(/reach no fan-in/),
    });
  });

  it("returns a restart step for an edge with loop_restart=true", () => {
    expect(step(`n -> start [loop_restart=true]`, ok)).toEqual({ kind: "restart", to: "start", reason: "weight" });
  });

  it("routes a custom outcome word through conditions", () => {
    expect(
      step(`n -> dod [condition="outcome=needs_dod"]; n -> exit [condition="outcome=success"]`, {
        status: "success",
        customOutcome: "needs_dod",
      }),
    ).toEqual({ kind: "follow", to: "dod", reason: "condition" });
  });
});
