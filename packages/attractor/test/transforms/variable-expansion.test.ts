import { describe, expect, it } from "vitest";
import { parseDot } from "../../src/index.js";
import { variableExpansionTransform } from "../../src/transforms/variable-expansion.js";

const noReport = () => {
  throw new Error("variable expansion reports nothing");
};

describe("variableExpansionTransform", () => {
  it("§11.11 Built-in variable expansion transform replaces $goal in prompts", () => {
    const input = parseDot('digraph G { goal="Ship the feature"; plan [prompt="Plan: $goal. Then do $goal again."] }');
    const graph = variableExpansionTransform.apply(input, noReport);
    expect(graph.nodes.get("plan")!.attrs.get("prompt")).toBe(
      "Plan: Ship the feature. Then do Ship the feature again.",
    );
  });

  it("expands to the empty string when the graph has no goal", () => {
    const graph = variableExpansionTransform.apply(parseDot('digraph G { a [prompt="Goal: $goal"] }'), noReport);
    expect(graph.nodes.get("a")!.attrs.get("prompt")).toBe("Goal: ");
  });

  it("leaves other variables, labels and runtime placeholders alone", () => {
    const placeholder = "$" + "{context.x}";
    const graph = variableExpansionTransform.apply(
      parseDot(`digraph G { goal="G"; a [label="$goal", prompt="$task ${placeholder} $goal"] }`),
      noReport,
    );
    expect(graph.nodes.get("a")!.attrs.get("prompt")).toBe(`$task ${placeholder} G`);
    expect(graph.nodes.get("a")!.attrs.get("label")).toBe("$goal");
  });

  it("does not modify its input graph", () => {
    const input = parseDot('digraph G { goal="G"; a [prompt="$goal"] }');
    variableExpansionTransform.apply(input, noReport);
    expect(input.nodes.get("a")!.attrs.get("prompt")).toBe("$goal");
  });
});
