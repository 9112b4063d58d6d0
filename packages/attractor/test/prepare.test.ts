import { describe, expect, it } from "vitest";
import { DotSyntaxError, type Graph, type LintRule } from "../src/index.js";
import { preparePipeline } from "../src/prepare.js";
import type { Transform } from "../src/transforms/types.js";

describe("preparePipeline", () => {
  it("parses, applies the built-in transforms in order, and validates (§9.1)", () => {
    const { graph, diagnostics } = preparePipeline(
      `digraph G {
  graph [goal="Ship", model_stylesheet="* { llm_model: m; }"]
  Begin [shape=circle]
  work [llm_prompt="Do: $goal"]
  Begin -> work -> exit
}`,
      { file: "p.dot" },
    );
    const work = graph.nodes.get("work")!;
    // llm_prompt became prompt before $goal was expanded, then the stylesheet filled llm_model.
    expect(work.attrs.get("prompt")).toBe("Do: Ship");
    expect(work.attrs.get("llm_model")).toBe("m");
    expect(graph.nodes.get("Begin")!.attrs.get("shape")).toBe("Mdiamond");
    expect(diagnostics.map((d) => [d.rule, d.severity, d.file, d.loc?.line])).toEqual([
      ["attribute_alias", "warning", "p.dot", 3],
      ["attribute_alias", "warning", "p.dot", 4],
    ]);
  });

  it("runs custom transforms after the built-ins, in order, and custom lint rules after the built-ins", () => {
    const seen: string[] = [];
    const record = (name: string): Transform => ({
      name,
      apply(graph: Graph) {
        seen.push(`${name}:${graph.nodes.get("a")!.attrs.get("prompt")}`);
        return graph.clone();
      },
    });
    const rule: LintRule = {
      name: "always",
      apply: () => [{ rule: "always", severity: "info", message: "hello" }],
    };
    const source =
      'digraph G { goal=X; start [shape=Mdiamond]; exit [shape=Msquare]; a [prompt="$goal"]; start -> a -> exit }';
    const { diagnostics } = preparePipeline(source, { transforms: [record("one"), record("two")], lintRules: [rule] });
    expect(seen).toEqual(["one:X", "two:X"]);
    expect(diagnostics).toEqual([{ rule: "always", severity: "info", message: "hello" }]);
  });

  it("does not throw on lint errors: callers decide", () => {
    const { diagnostics } = preparePipeline("digraph G { a [prompt=x] }", { file: "e.dot" });
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.rule)).toEqual([
      "start_node",
      "terminal_node",
    ]);
  });

  it("throws DotSyntaxError on syntax errors", () => {
    expect(() => preparePipeline("digraph G { a -- b }", { file: "s.dot" })).toThrow(DotSyntaxError);
  });

  it("passes known handler types to type_known", () => {
    const source = "digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a [type=review]; start -> a -> exit }";
    expect(preparePipeline(source).diagnostics.map((d) => d.rule)).toContain("type_known");
    expect(
      preparePipeline(source, { knownHandlerTypes: ["start", "exit", "review"] }).diagnostics.map((d) => d.rule),
    ).not.toContain("type_known");
  });

  it("§11.12 Prompt variable expansion ($goal) works", () => {
    const { graph } = preparePipeline('digraph G { graph [goal="Fix bug 12"]; a [prompt="Goal: $goal"] }');
    expect(graph.nodes.get("a")!.attrs.get("prompt")).toBe("Goal: Fix bug 12");
  });

  it("§11.12 Validate: missing start node -> error, missing exit node -> error", () => {
    const rules = preparePipeline("digraph G { a [prompt=x] }")
      .diagnostics.filter((d) => d.severity === "error")
      .map((d) => d.rule);
    expect(rules).toEqual(["start_node", "terminal_node"]);
  });
});
