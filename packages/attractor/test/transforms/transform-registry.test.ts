import { describe, expect, it } from "vitest";
import { AttractorError, type Graph, parseDot } from "../../src/index.js";
import { preparePipeline } from "../../src/prepare.js";
import { builtInTransforms } from "../../src/transforms/register-builtins.js";
import { applyTransforms, TransformRegistry } from "../../src/transforms/transform-registry.js";
import type { Transform } from "../../src/transforms/types.js";

const noReport = () => {};

/** A custom transform that appends `tag` to every node's label. */
function tagLabels(tag: string): Transform {
  return {
    name: `tag_${tag}`,
    apply(graph: Graph): Graph {
      const copy = graph.clone();
      for (const node of copy.nodes.values()) node.attrs.set("label", `${node.attrs.get("label") ?? ""}${tag}`);
      return copy;
    },
  };
}

describe("transforms", () => {
  it("runs the built-ins in order: aliases, variable expansion, stylesheet", () => {
    expect(builtInTransforms().map((t) => t.name)).toEqual([
      "attribute_alias",
      "variable_expansion",
      "stylesheet_application",
    ]);
  });

  it("§11.11 AST transforms can modify the Graph between parsing and validation", () => {
    const dropOrphans: Transform = {
      name: "connect_orphan",
      apply(graph) {
        const copy = graph.clone();
        copy.addEdge({
          from: "start",
          to: "orphan",
          attrs: new Map(),
          attrLocs: new Map(),
          loc: { line: 1, column: 1 },
        });
        copy.addEdge({
          from: "orphan",
          to: "exit",
          attrs: new Map(),
          attrLocs: new Map(),
          loc: { line: 1, column: 1 },
        });
        return copy;
      },
    };
    const source = 'digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; orphan [prompt="x"]; start -> exit }';
    expect(preparePipeline(source).diagnostics.some((d) => d.rule === "reachability")).toBe(true);
    expect(
      preparePipeline(source, { transforms: [dropOrphans] }).diagnostics.some((d) => d.rule === "reachability"),
    ).toBe(false);
  });

  it("§11.11 Transform interface: transform(graph) -> graph", () => {
    const input = parseDot('digraph G { a [label="A"] }');
    const output = tagLabels("!").apply(input, noReport);
    expect(output.nodes.get("a")!.attrs.get("label")).toBe("A!");
    expect(input.nodes.get("a")!.attrs.get("label")).toBe("A");
  });

  it("§11.11 Custom transforms can be registered and run in order", () => {
    const registry = new TransformRegistry();
    registry.register(tagLabels("1"));
    registry.register(tagLabels("2"));
    expect(registry.list().map((t) => t.name)).toEqual([
      "attribute_alias",
      "variable_expansion",
      "stylesheet_application",
      "tag_1",
      "tag_2",
    ]);
    const graph = registry.apply(parseDot('digraph G { a [label="A"] }'), noReport);
    expect(graph.nodes.get("a")!.attrs.get("label")).toBe("A12");
    expect(registry.get("tag_2")?.name).toBe("tag_2");
  });

  it("rejects a second transform with a taken name", () => {
    const registry = new TransformRegistry();
    registry.register(tagLabels("1"));
    expect(() => registry.register(tagLabels("1"))).toThrow(AttractorError);
    expect(() => registry.register({ ...tagLabels("x"), name: "variable_expansion" })).toThrow(/already registered/);
  });

  it("applyTransforms chains results and passes the reporter to each transform", () => {
    const seen: string[] = [];
    const reporting: Transform = {
      name: "reporting",
      apply(graph, report) {
        report({ rule: "custom", severity: "info", message: `saw ${graph.nodes.size} nodes` });
        return graph.clone();
      },
    };
    applyTransforms(parseDot("digraph G { a; b }"), [reporting, reporting], (d) => seen.push(d.message));
    expect(seen).toEqual(["saw 2 nodes", "saw 2 nodes"]);
  });
});
