// What a codergen stage submits to its agent: the carry-over preamble of a fresh session
// (attractor-spec §5.4), the prompt, and how to report an outcome in status.json (Appendix C).
import { preparePipeline } from "@darkfactory/attractor";
import { describe, expect, it } from "vitest";
import { stageInput } from "../../src/agent/stage-input.js";

const { graph } = preparePipeline(`digraph review_flow {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  review [prompt="review it"]
  start -> review
  review -> exit [label="Approve"]
  review -> start [label=" Rework "]
  review -> exit
}`);
const review = graph.nodes.get("review");
if (review === undefined) throw new Error("no review node");

describe("stageInput", () => {
  it("puts the preamble first, then the prompt, then the status-file contract with the edge labels", () => {
    const input = stageInput({
      node: review,
      graph,
      prompt: "Review the change.",
      preamble: "  plan: succeeded  \n",
      stageDir: "/runs/r1/review",
      workDir: "/work",
    });
    const parts = input.split("\n\n---\n\n");
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe("Context carried over from earlier stages of this pipeline:\n\nplan: succeeded");
    expect(parts[1]).toBe("Review the change.");
    expect(parts[2].split("\n")).toEqual([
      "You are working on stage `review` of the pipeline `review_flow`; the working directory is /work.",
      expect.stringContaining(
        "write /runs/r1/review/status.json (also `$ATTRACTOR_STAGE_DIR/status.json` in shell commands)",
      ),
      'The labels the next step can be chosen by (preferred_label): "Approve", "Rework".',
    ]);
    expect(parts[2]).toContain('"outcome": "success" | "fail" | "retry" | "partial_success"');
  });

  it("has no preamble part for a continued session, and no label line without labels", () => {
    const exitless = preparePipeline(
      `digraph g { start [shape=Mdiamond]; exit [shape=Msquare]; a [prompt="x"]; start -> a -> exit }`,
    ).graph;
    const node = exitless.nodes.get("a");
    if (node === undefined) throw new Error("no node a");
    const input = stageInput({ node, graph: exitless, prompt: "Do x.", preamble: "", stageDir: "/r/a", workDir: "/w" });
    const parts = input.split("\n\n---\n\n");
    expect(parts[0]).toBe("Do x.");
    expect(parts).toHaveLength(2);
    expect(parts[1]).not.toContain("preferred_label):");
  });
});
