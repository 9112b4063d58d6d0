import { describe, expect, it } from "vitest";
import { selectEdgeTowardExit } from "../../src/engine/edge-selection.js";
import type { Outcome } from "../../src/index.js";
import {
  bestByWeightThenLexical,
  Context,
  normalizeLabel,
  parseDot,
  routeFailure,
  selectEdge,
} from "../../src/index.js";

/** Parses `body` into a graph; `n` is the node whose outgoing edges are selected. */
function graph(body: string) {
  return parseDot(`digraph G {\n start [shape=Mdiamond]\n exit [shape=Msquare]\n${body}\n}`);
}

function pick(body: string, outcome: Outcome, values: Record<string, unknown> = {}) {
  const g = graph(body);
  const choice = selectEdge(g, g.nodes.get("n")!, outcome, new Context(values));
  return choice && { to: choice.edge.to, reason: choice.reason };
}

const ok: Outcome = { status: "success" };

describe("selectEdge step 1: condition-matching edges", () => {
  it("condition match wins over weight", () => {
    expect(pick(`n -> heavy [weight=100]; n -> cond [condition="outcome=success"]`, ok)).toEqual({
      to: "cond",
      reason: "condition",
    });
  });

  it("among several matching conditions picks the highest weight, then the lowest target id", () => {
    const body = `
      n -> c [condition="outcome=success", weight=1]
      n -> b [condition="outcome=success", weight=5]
      n -> a [condition="outcome=success", weight=5]
      n -> z [condition="outcome=fail", weight=99]`;
    expect(pick(body, ok)?.to).toBe("a");
  });

  it("evaluates conditions against context values and the custom outcome word", () => {
    const body = `n -> done [condition="context.review=approved"]; n -> dod [condition="outcome=needs_dod"]; n -> other`;
    expect(pick(body, ok, { review: "approved" })?.to).toBe("done");
    expect(pick(body, { status: "success", customOutcome: "needs_dod" })?.to).toBe("dod");
  });

  it("treats a condition that does not parse as false instead of throwing", () => {
    expect(pick(`n -> broken [condition="outcome=="]; n -> plain`, ok)).toEqual({ to: "plain", reason: "weight" });
  });

  it("skips conditional edges whose condition is false and falls through to unconditional ones", () => {
    expect(pick(`n -> f [condition="outcome=fail"]; n -> plain`, ok)?.to).toBe("plain");
  });
});

describe("selectEdge step 2: preferred label", () => {
  it("follows the unconditional edge whose normalized label equals the preferred label, over weight", () => {
    const body = `n -> a [label="[A] Approve"]; n -> r [label="[R] Reject"]; n -> heavy [weight=9]`;
    expect(pick(body, { status: "success", preferredLabel: "reject" })).toEqual({ to: "r", reason: "preferred_label" });
  });

  it.each([
    ["[Y] Yes, deploy", "yes, deploy"],
    ["Y) Yes, deploy", "  YES, DEPLOY  "],
    ["Y - Yes, deploy", "[Y] Yes, Deploy"],
    ["  Yes, deploy ", "Y) yes, deploy"],
  ])("normalizes label %j and preferred label %j to the same key", (label, preferred) => {
    expect(normalizeLabel(label)).toBe("yes, deploy");
    expect(pick(`n -> other; n -> y [label="${label}"]`, { status: "success", preferredLabel: preferred })?.to).toBe(
      "y",
    );
  });

  it("ignores conditional edges carrying the label", () => {
    const body = `n -> c [label="Go", condition="outcome=fail"]; n -> plain`;
    expect(pick(body, { status: "success", preferredLabel: "Go" })).toEqual({ to: "plain", reason: "weight" });
  });

  it("takes the first edge in statement order when two labels normalize the same", () => {
    expect(pick(`n -> b [label="[G] Go"]; n -> a [label="go"]`, { status: "success", preferredLabel: "GO" })?.to).toBe(
      "b",
    );
  });

  it("loses to a matching condition", () => {
    const body = `n -> byLabel [label="Next"]; n -> byCond [condition="outcome=success"]`;
    expect(pick(body, { status: "success", preferredLabel: "Next" })?.to).toBe("byCond");
  });
});

describe("selectEdge step 3: suggested next ids", () => {
  it("follows the first suggested id that has an unconditional edge", () => {
    const body = `n -> a; n -> b; n -> c [weight=9]`;
    expect(pick(body, { status: "success", suggestedNextIds: ["missing", "b", "a"] })).toEqual({
      to: "b",
      reason: "suggested_next_id",
    });
  });

  it("does not pick a conditional edge by suggested id", () => {
    const body = `n -> b [condition="outcome=fail"]; n -> a`;
    expect(pick(body, { status: "success", suggestedNextIds: ["b"] })?.to).toBe("a");
  });

  it("a preferred label that matches wins over suggested ids", () => {
    const body = `n -> a [label="Alpha"]; n -> b`;
    expect(pick(body, { status: "success", preferredLabel: "alpha", suggestedNextIds: ["b"] })?.to).toBe("a");
  });

  it("an unmatched preferred label falls through to suggested ids", () => {
    const body = `n -> a [label="Alpha"]; n -> b`;
    expect(pick(body, { status: "success", preferredLabel: "gamma", suggestedNextIds: ["b"] })?.reason).toBe(
      "suggested_next_id",
    );
  });
});

describe("selectEdge steps 4-5: weight, then lexical order", () => {
  it("weight breaks ties for unconditional edges", () => {
    expect(pick(`n -> a [weight=1]; n -> b [weight=3]; n -> c`, ok)).toEqual({ to: "b", reason: "weight" });
  });

  it("lexical order of the target id breaks remaining ties", () => {
    expect(pick(`n -> zeta; n -> alpha; n -> mid`, ok)).toEqual({ to: "alpha", reason: "lexical" });
  });

  it("treats a missing weight as 0, so a negative weight loses to none", () => {
    expect(pick(`n -> a [weight=-1]; n -> b`, ok)?.to).toBe("b");
  });

  it("returns undefined when the node has no outgoing edges", () => {
    expect(pick(`n`, ok)).toBeUndefined();
  });

  it("returns undefined when every edge is conditional and none matches", () => {
    expect(pick(`n -> a [condition="outcome=fail"]; n -> b [condition="context.x=1"]`, ok)).toBeUndefined();
  });
});

describe("bestByWeightThenLexical", () => {
  it("sorts by weight descending, then target id ascending", () => {
    const g = graph(`n -> d [weight=2]; n -> c [weight=2]; n -> e [weight=1]`);
    expect(bestByWeightThenLexical(g.outgoing("n")).to).toBe("c");
  });
});

describe("routeFailure (§3.7)", () => {
  const fail: Outcome = { status: "fail", failureReason: "boom" };
  const route = (body: string) => {
    const g = graph(body);
    const r = routeFailure(g, g.nodes.get("n")!, fail, new Context());
    if (!r) return undefined;
    return "edge" in r ? { edge: r.edge.to, reason: r.reason } : { target: r.target, reason: r.reason };
  };

  it("1. follows an edge whose condition holds for the failure", () => {
    expect(route(`n [retry_target=r]; r; n -> fixer [condition="outcome=fail"]; n -> next`)).toEqual({
      edge: "fixer",
      reason: "fail_edge",
    });
  });

  it("2. jumps to retry_target when no condition matches", () => {
    expect(route(`n [retry_target=r, fallback_retry_target=f]; r; f; n -> next`)).toEqual({
      target: "r",
      reason: "retry_target",
    });
  });

  it("3. jumps to fallback_retry_target when retry_target is unset or names no node", () => {
    expect(route(`n [retry_target=ghost, fallback_retry_target=f]; f; n -> next`)).toEqual({
      target: "f",
      reason: "retry_target",
    });
  });

  it("4. returns undefined (the pipeline fails) and never follows an unconditional edge", () => {
    expect(route(`n -> next [weight=10]`)).toBeUndefined();
  });

  it("ignores the graph-level retry_target (that one is for goal gates)", () => {
    const g = parseDot(`digraph G { retry_target=r; r; n -> next }`);
    expect(routeFailure(g, g.nodes.get("n")!, fail, new Context())).toBeUndefined();
  });
});

describe("selectEdgeTowardExit", () => {
  it("picks the edge whose target is closest to an exit, ties by target id", () => {
    const g = graph(`n -> far; far -> mid; mid -> exit; n -> b; n -> a; a -> exit; b -> exit`);
    expect(selectEdgeTowardExit(g, g.nodes.get("n")!)?.to).toBe("a");
  });

  it("returns undefined when the node has no outgoing edges", () => {
    const g = graph(`n`);
    expect(selectEdgeTowardExit(g, g.nodes.get("n")!)).toBeUndefined();
  });
});
