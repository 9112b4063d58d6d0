import { describe, expect, it } from "vitest";
import { parseDot } from "../../src/index.js";
import {
  edgeDiagnostic,
  graphDiagnostic,
  locInValue,
  locKey,
  nodeDiagnostic,
  oncePer,
} from "../../src/validation/locate.js";

const graph = parseDot('digraph G {\n  a [prompt="p"]\n  a -> b [condition="outcome=success"]\n}', { file: "f.dot" });

describe("diagnostic builders", () => {
  it("locate node findings at the attribute when given, else at the node", () => {
    const a = graph.nodes.get("a")!;
    expect(nodeDiagnostic("r", graph, a, { severity: "info", message: "m", attr: "prompt" })).toEqual({
      rule: "r",
      severity: "info",
      message: "m",
      nodeId: "a",
      file: "f.dot",
      loc: { line: 2, column: 13 },
    });
    expect(nodeDiagnostic("r", graph, a, { severity: "info", message: "m", attr: "missing" }).loc).toEqual({
      line: 2,
      column: 3,
    });
  });

  it("locate edge and graph findings", () => {
    const edge = graph.edges[0];
    expect(edgeDiagnostic("r", graph, edge, { severity: "error", message: "m", fix: "f" })).toMatchObject({
      edge: { from: "a", to: "b" },
      fix: "f",
      loc: { line: 3, column: 8 },
    });
    expect(graphDiagnostic("r", graph, { severity: "error", message: "m" }).loc).toEqual({ line: 1, column: 11 });
  });

  it("map positions inside a quoted value to the file", () => {
    expect(locInValue({ line: 3, column: 20 }, 1, 5)).toEqual({ line: 3, column: 25 });
    expect(locInValue({ line: 3, column: 20 }, 3, 5)).toEqual({ line: 5, column: 5 });
  });

  it("let the first finding per key through", () => {
    const first = oncePer();
    expect([first("a"), first("a"), first(undefined), first(undefined), first("b")]).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
    expect(locKey({ line: 1, column: 2 }, "x")).toBe("1:2x");
    expect(locKey(undefined)).toBeUndefined();
  });
});
