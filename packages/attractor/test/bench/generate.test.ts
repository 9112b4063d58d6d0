/**
 * The benchmark's pipeline generators (bench/generate.mjs) produce what they claim: exact node and
 * edge counts, DOT that validates without errors, and DOT that ts-graphviz parses too.
 */
import { parse } from "ts-graphviz/ast";
import { describe, expect, it } from "vitest";
import {
  generateLargePipeline,
  generateLinearPipeline,
  generateParallelPipeline,
} from "../../../../bench/generate.mjs";
import { parseDot } from "../../src/index.js";
import { preparePipeline } from "../../src/prepare.js";

/** Node and edge statements as ts-graphviz reads them. */
function peerCounts(source: string): { nodes: number; edges: number } {
  const ast = parse(source, { maxASTNodes: 0, maxInputSize: 0 });
  const statements = ast.children.find((c) => c.type === "Graph")?.children ?? [];
  return {
    nodes: statements.filter((s) => s.type === "Node").length,
    edges: statements.filter((s) => s.type === "Edge").length,
  };
}

function severities(source: string): Record<string, number> {
  const counts: Record<string, number> = { error: 0, warning: 0, info: 0 };
  for (const d of preparePipeline(source).diagnostics) counts[d.severity]++;
  return counts;
}

describe("generateLargePipeline", () => {
  it("writes the requested counts, all reachable, valid, and readable by ts-graphviz (small)", () => {
    const { source, nodeCount, edgeCount } = generateLargePipeline({ nodes: 60, edges: 125 });
    const graph = parseDot(source);
    expect([graph.nodes.size, graph.edges.length]).toEqual([60, 125]);
    expect([nodeCount, edgeCount]).toEqual([60, 125]);
    expect(new Set(graph.edges.map((e) => `${e.from}>${e.to}`)).size).toBe(125);
    expect(graph.nodes.get("start")?.attrs.get("shape")).toBe("Mdiamond");
    expect(graph.nodes.get("exit")?.attrs.get("shape")).toBe("Msquare");
    expect(severities(source)).toEqual({ error: 0, warning: 0, info: 0 });
    expect(peerCounts(source)).toEqual({ nodes: 60, edges: 125 });
  });

  it("refuses counts it cannot meet", () => {
    expect(() => generateLargePipeline({ nodes: 10, edges: 5 })).toThrow(RangeError);
    expect(() => generateLargePipeline({ nodes: 4, edges: 100 })).toThrow(RangeError);
  });

  it("writes 10,000 nodes and 20,000 edges that validate and that ts-graphviz parses (full size)", {
    timeout: 120_000,
  }, () => {
    const { source } = generateLargePipeline();
    const graph = parseDot(source);
    expect([graph.nodes.size, graph.edges.length]).toEqual([10_000, 20_000]);
    expect(severities(source).error).toBe(0);
    expect(peerCounts(source)).toEqual({ nodes: 10_000, edges: 20_000 });
  });
});

describe("generateLinearPipeline and generateParallelPipeline", () => {
  it("write the counts they report, valid and readable by ts-graphviz", () => {
    for (const { source, nodeCount, edgeCount } of [
      generateLinearPipeline(50),
      generateParallelPipeline({ branches: 12, maxParallel: 3 }),
    ]) {
      const graph = parseDot(source);
      expect([graph.nodes.size, graph.edges.length]).toEqual([nodeCount, edgeCount]);
      expect(severities(source).error).toBe(0);
      expect(peerCounts(source)).toEqual({ nodes: nodeCount, edges: edgeCount });
    }
  });
});
