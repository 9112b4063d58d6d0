import { describe, expect, it } from "vitest";
import { parseDot } from "../../src/index.js";
import { stylesheetTransform } from "../../src/transforms/stylesheet-application.js";

const noReport = () => {
  throw new Error("stylesheet application reports nothing");
};

function apply(source: string) {
  const input = parseDot(source);
  return { input, graph: stylesheetTransform.apply(input, noReport) };
}

const model = (graph: ReturnType<typeof apply>["graph"], id: string, key = "llm_model") =>
  graph.nodes.get(id)!.attrs.get(key);

describe("stylesheetTransform", () => {
  it("§11.10 Stylesheet is parsed from the graph's model_stylesheet attribute", () => {
    const { graph } = apply('digraph G { model_stylesheet="* { llm_model: m1; llm_provider: p1; }"; a }');
    expect(model(graph, "a")).toBe("m1");
    expect(model(graph, "a", "llm_provider")).toBe("p1");
  });

  it('§11.10 Selectors by shape name work (e.g., box { llm_model: "claude-opus-4-6" })', () => {
    const { graph } = apply(
      'digraph G { model_stylesheet="box { llm_model: \\"claude-opus-4-6\\" }"; a; gate [shape=hexagon] }',
    );
    expect(model(graph, "a")).toBe("claude-opus-4-6");
    expect(model(graph, "gate")).toBeUndefined();
  });

  it('§11.10 Selectors by class name work (e.g., .fast { llm_model: "gemini-3-flash-preview" })', () => {
    const { graph } = apply(`digraph G {
      model_stylesheet=".fast { llm_model: \\"gemini-3-flash-preview\\" }"
      a [class="fast"]; b
      subgraph cluster_x { label="Fast"; c }
    }`);
    expect(model(graph, "a")).toBe("gemini-3-flash-preview");
    expect(model(graph, "b")).toBeUndefined();
    expect(model(graph, "c")).toBe("gemini-3-flash-preview");
  });

  it('§11.10 Selectors by node ID work (e.g., #review { reasoning_effort: "high" })', () => {
    const { graph } = apply('digraph G { model_stylesheet="#review { reasoning_effort: \\"high\\" }"; review; other }');
    expect(model(graph, "review", "reasoning_effort")).toBe("high");
    expect(model(graph, "other", "reasoning_effort")).toBeUndefined();
  });

  it("§11.10 Specificity order: universal < shape < class < ID", () => {
    const { graph } = apply(`digraph G {
      model_stylesheet="#n4 { llm_model: id; } .c { llm_model: class; } box { llm_model: shape; } * { llm_model: any; }"
      n1 [shape=hexagon]; n2; n3 [class=c]; n4 [class=c]
    }`);
    expect(["n1", "n2", "n3", "n4"].map((id) => model(graph, id))).toEqual(["any", "shape", "class", "id"]);
  });

  it("§11.10 Stylesheet properties are overridden by explicit node attributes", () => {
    const { graph } = apply('digraph G { model_stylesheet="* { llm_model: sheet; }"; a [llm_model="mine"]; b }');
    expect(model(graph, "a")).toBe("mine");
    expect(model(graph, "b")).toBe("sheet");
  });

  it("§11.12 Stylesheet applies model override to nodes by shape", () => {
    const { graph } = apply(
      'digraph G { model_stylesheet="box { llm_model: big; } diamond { llm_model: small; }"; a; d [shape=diamond] }',
    );
    expect(model(graph, "a")).toBe("big");
    expect(model(graph, "d")).toBe("small");
  });

  it("reproduces the §8.6 example", () => {
    const { graph } = apply(`digraph Pipeline {
      graph [goal="Implement feature X", model_stylesheet="
        * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
        .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
        #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
      "]
      start [shape=Mdiamond]; exit [shape=Msquare]
      plan [label="Plan", class="planning"]
      implement [label="Implement", class="code"]
      critical_review [label="Critical Review", class="code"]
      start -> plan -> implement -> critical_review -> exit
    }`);
    expect(model(graph, "plan")).toBe("claude-sonnet-4-5");
    expect(model(graph, "implement")).toBe("claude-opus-4-6");
    expect(model(graph, "critical_review")).toBe("gpt-5.2");
    expect(model(graph, "critical_review", "llm_provider")).toBe("openai");
  });

  it("falls back to the graph-level attribute when no rule sets the property (§8.5 step 3)", () => {
    const { graph } = apply(
      'digraph G { llm_provider=anthropic; reasoning_effort=low; model_stylesheet="#a { reasoning_effort: high; }"; a; b }',
    );
    expect(model(graph, "a", "reasoning_effort")).toBe("high");
    expect(model(graph, "b", "reasoning_effort")).toBe("low");
    expect(model(graph, "b", "llm_provider")).toBe("anthropic");
  });

  it("points attrLocs of applied values at the stylesheet or graph attribute", () => {
    const { graph } = apply(
      'digraph G {\n  graph [llm_provider=x]\n  graph [model_stylesheet="* { llm_model: m; }"]\n  a\n}',
    );
    const a = graph.nodes.get("a")!;
    expect(a.attrLocs.get("llm_model")).toEqual({ line: 3, column: 27 });
    expect(a.attrLocs.get("llm_provider")).toEqual({ line: 2, column: 23 });
  });

  it("leaves the graph unchanged (apart from graph-level defaults) when the stylesheet does not parse", () => {
    const { graph } = apply('digraph G { llm_model=fallback; model_stylesheet="* { model: x; }"; a }');
    expect(model(graph, "a")).toBe("fallback");
  });

  it("does not modify its input graph", () => {
    const { input } = apply('digraph G { model_stylesheet="* { llm_model: m; }"; a }');
    expect(input.nodes.get("a")!.attrs.has("llm_model")).toBe(false);
  });
});
