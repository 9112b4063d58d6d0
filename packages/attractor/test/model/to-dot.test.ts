// toDot: canonical DOT that parseDot reads back to an equal graph (round-trip property + corpus).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Graph } from "../../src/model/graph.js";
import { quoteDot, toDot } from "../../src/model/to-dot.js";
import { parseDot } from "../../src/parser/parser.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const corpusDir = path.join(path.resolve(repoRoot, "../shared"), "corpus/pipelines");

/** Everything toDot promises to keep, without source locations. */
function shapeOf(g: Graph) {
  return {
    name: g.name,
    attrs: [...g.attrs],
    nodes: [...g.nodes.values()].map((n) => ({ id: n.id, attrs: [...n.attrs], classes: n.derivedClasses })),
    edges: g.edges.map((e) => ({ from: e.from, to: e.to, attrs: [...e.attrs] })),
  };
}

function roundTrip(g: Graph): Graph {
  return parseDot(toDot(g), { file: "roundtrip.dot" });
}

describe("quoteDot", () => {
  it("escapes quotes, backslashes and newlines and nothing else", () => {
    expect(quoteDot('say "hi"\\n\nnext\tline')).toBe('"say \\"hi\\"\\\\n\\nnext\tline"');
  });
});

describe("toDot", () => {
  it("writes graph attributes first, then nodes, then edges, one statement per line", () => {
    const g = parseDot(`digraph P {
      node [shape=box]
      stack.child_dotfile=child.dot
      a [llm_model=gpt-5.4, label="A \\"quoted\\" one"]
      b
      a -> b [condition="outcome=success"]
    }`);
    expect(toDot(g)).toBe(
      [
        'digraph "P" {',
        '  "stack.child_dotfile"="child.dot";',
        '  "a" ["shape"="box", "llm_model"="gpt-5.4", "label"="A \\"quoted\\" one"];',
        '  "b" ["shape"="box"];',
        '  "a" -> "b" ["condition"="outcome=success"];',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("applies rendering overrides over the element's own attributes", () => {
    const g = parseDot(`digraph { rankdir=LR; a [shape=box, label="A"]; b; a -> b [label="go"] }`);
    const dot = toDot(g, {
      graphAttrs: { rankdir: "TB", fontname: "Helvetica" },
      nodeAttrs: (n) => (n.id === "a" ? { label: "Alpha", fillcolor: "red" } : undefined),
      edgeAttrs: (_e, i) => ({ id: `e${i}` }),
    });
    const back = parseDot(dot);
    expect([...back.attrs]).toEqual([
      ["rankdir", "TB"],
      ["fontname", "Helvetica"],
    ]);
    expect([...back.nodes.get("a")!.attrs]).toEqual([
      ["shape", "box"],
      ["label", "Alpha"],
      ["fillcolor", "red"],
    ]);
    expect([...back.nodes.get("b")!.attrs]).toEqual([]);
    expect([...back.edges[0].attrs]).toEqual([
      ["label", "go"],
      ["id", "e0"],
    ]);
  });

  it("keeps subgraph-derived classes by writing nested cluster subgraphs", () => {
    const g = parseDot(`digraph {
      subgraph cluster_outer { label="Outer Loop"
        a
        subgraph cluster_inner { label="Inner"; b }
        c
      }
      d
      a -> b -> c -> d
    }`);
    expect(g.nodes.get("b")!.derivedClasses).toEqual(["outer-loop", "inner"]);
    const dot = toDot(g);
    expect(dot).toContain('subgraph "cluster_outer-loop/inner" { "label"="inner";');
    expect(shapeOf(roundTrip(g))).toEqual(shapeOf(g));
  });

  it("quotes node ids that are DOT keywords", () => {
    const g = parseDot(`digraph { node -> edge; subgraph { graph } }`);
    expect([...g.nodes.keys()]).toEqual(["node", "edge", "graph"]);
    expect(shapeOf(roundTrip(g))).toEqual(shapeOf(g));
  });

  it("round-trips random graphs with arbitrary Unicode names, keys and values", () => {
    const ident = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
    // DOT's own punctuation and escapes, which random code points almost never hit.
    const tricky = fc.string({
      unit: fc.constantFrom(
        "\\",
        '"',
        "n",
        "\n",
        "\r",
        "\t",
        "\0",
        " ",
        "/",
        "*",
        "#",
        "{",
        "}",
        "[",
        "]",
        "=",
        ";",
        ",",
        "->",
        "<",
        "é",
        "😀",
      ),
      maxLength: 12,
    });
    const key = fc.oneof(
      ident,
      fc.tuple(ident, ident).map(([a, b]) => `${a}.${b}`),
      fc.string({ unit: "binary", minLength: 1, maxLength: 8 }),
      tricky.filter((k) => k !== ""),
    );
    const value = fc.oneof(
      fc.string({ unit: "binary", maxLength: 24 }),
      fc.string({ unit: "grapheme", maxLength: 8 }),
      tricky,
    );
    const attrs = fc.array(fc.tuple(key, value), { maxLength: 4 });
    const cls = fc.constantFrom("loop-a", "review", "x1", "deep-nest");
    const arbGraph = fc
      .record({
        name: fc.oneof(fc.constant(""), ident, fc.string({ unit: "binary", maxLength: 10 }), tricky),
        graphAttrs: attrs,
        nodes: fc.uniqueArray(fc.record({ id: ident, attrs, classes: fc.uniqueArray(cls, { maxLength: 3 }) }), {
          selector: (n) => n.id,
          minLength: 1,
          maxLength: 8,
        }),
        edgeSeeds: fc.array(fc.tuple(fc.nat(), fc.nat(), attrs), { maxLength: 10 }),
      })
      .map(({ name, graphAttrs, nodes, edgeSeeds }) => {
        const g = parseDot("digraph {}");
        g.name = name;
        for (const [k, v] of graphAttrs) g.attrs.set(k, v);
        for (const n of nodes) {
          const node = g.addNode(n.id);
          for (const [k, v] of n.attrs) node.attrs.set(k, v);
          node.derivedClasses.push(...n.classes);
        }
        for (const [from, to, edgeAttrs] of edgeSeeds) {
          g.addEdge({
            from: nodes[from % nodes.length].id,
            to: nodes[to % nodes.length].id,
            attrs: new Map(edgeAttrs),
            attrLocs: new Map(),
            loc: { line: 0, column: 0 },
          });
        }
        return g;
      });
    fc.assert(
      fc.property(arbGraph, (g) => {
        expect(shapeOf(roundTrip(g))).toEqual(shapeOf(g));
      }),
      { numRuns: 300 },
    );
  });
});

describe.skipIf(!existsSync(corpusDir))("toDot over the pipeline corpus", () => {
  const files = existsSync(corpusDir)
    ? readdirSync(corpusDir, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".dot"))
        .sort()
    : [];

  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("round-trips every corpus pipeline that parses", () => {
    let parsed = 0;
    for (const file of files) {
      let g: Graph;
      try {
        g = parseDot(readFileSync(path.join(corpusDir, file), "utf8"), { file });
      } catch {
        continue; // Malformed on purpose (the corpus keeps a few); the parser tests cover those.
      }
      parsed++;
      expect(shapeOf(roundTrip(g)), file).toEqual(shapeOf(g));
    }
    expect(parsed).toBeGreaterThan(files.length * 0.8);
  });
});

if (!existsSync(corpusDir)) {
  describe("toDot over the pipeline corpus", () => {
    it.skip(`skipped: no corpus at ${corpusDir} (the shared directory is absent)`, () => {});
  });
}
