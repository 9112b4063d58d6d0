import { describe, expect, it } from "vitest";
import { DotSyntaxError, parseDot } from "../../src/index.js";

describe("parseDot", () => {
  it("parses a linear pipeline with graph attributes", () => {
    const g = parseDot(`digraph Simple {
      graph [goal="Run tests and report", label="Simple"]
      rankdir=LR
      start [shape=Mdiamond, label="Start"]
      exit  [shape=Msquare, label="Exit"]
      run_tests [label="Run Tests", prompt="Run the test suite"]
      start -> run_tests -> exit
    }`);
    expect(g.name).toBe("Simple");
    expect(g.goal).toBe("Run tests and report");
    expect(g.attrs.get("rankdir")).toBe("LR");
    expect([...g.nodes.keys()]).toEqual(["start", "exit", "run_tests"]);
    expect(g.edges.map((e) => `${e.from}->${e.to}`)).toEqual(["start->run_tests", "run_tests->exit"]);
  });

  it("reports line, column and what was expected", () => {
    try {
      parseDot('digraph G {\n  a [label="x"\n  b\n}', { file: "p.dot" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DotSyntaxError);
      const err = e as DotSyntaxError;
      expect(err.location).toEqual({ line: 4, column: 1 });
      expect(err.message).toBe("p.dot:4:1: expected '=' after attribute name 'b', found '}'");
    }
  });
});
