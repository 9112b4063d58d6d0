import { describe, expect, it } from "vitest";
import { DotSyntaxError, type Graph, parseDot } from "../../src/index.js";

const edges = (g: Graph) => g.edges.map((e) => `${e.from}->${e.to}`);
const attrs = (m: Map<string, string>) => Object.fromEntries(m);

function syntaxError(source: string, file = "p.dot"): DotSyntaxError {
  try {
    parseDot(source, { file });
  } catch (error) {
    expect(error).toBeInstanceOf(DotSyntaxError);
    return error as DotSyntaxError;
  }
  throw new Error("expected a DotSyntaxError");
}

describe("§11.1 DOT parsing", () => {
  it("§11.1: accepts the supported subset (digraph with graph/node/edge attribute blocks)", () => {
    const g = parseDot(`digraph Simple {
      graph [goal="Run tests and report", label="Simple"]
      node [shape=box]
      edge [weight=2]
      rankdir=LR
      start [shape=Mdiamond, label="Start"]
      exit  [shape=Msquare, label="Exit"]
      run_tests [label="Run Tests", prompt="Run the test suite"]
      start -> run_tests -> exit
    }`);
    expect(g.name).toBe("Simple");
    expect([...g.nodes.keys()]).toEqual(["start", "exit", "run_tests"]);
    expect(edges(g)).toEqual(["start->run_tests", "run_tests->exit"]);
  });

  it("§11.1: extracts graph-level attributes (goal, label, model_stylesheet) from blocks and declarations", () => {
    const g = parseDot(`digraph G {
      graph [goal="Ship it", label="Release"]
      model_stylesheet = "* { llm_model: gpt-5.2; }"
      default_max_retries = 2
    }`);
    expect(g.goal).toBe("Ship it");
    expect(attrs(g.attrs)).toEqual({
      goal: "Ship it",
      label: "Release",
      model_stylesheet: "* { llm_model: gpt-5.2; }",
      default_max_retries: "2",
    });
  });

  it("§11.1: parses multi-line attribute blocks", () => {
    const g = parseDot(`digraph G {
      review [
        shape=hexagon,
        label="Review
changes",
        timeout="15m"
      ]
    }`);
    expect(attrs(g.nodes.get("review")!.attrs)).toEqual({ shape: "hexagon", label: "Review\nchanges", timeout: "15m" });
  });

  it("§11.1: parses edge attributes (label, condition, weight)", () => {
    const g = parseDot(`digraph G { a -> b [label="Yes", condition="outcome=success && context.x!=1", weight=3] }`);
    expect(attrs(g.edges[0].attrs)).toEqual({
      label: "Yes",
      condition: "outcome=success && context.x!=1",
      weight: "3",
    });
  });

  it("§11.1: chained edges produce one edge per pair, each with the chain's attributes", () => {
    const g = parseDot(`digraph G { A -> B -> C [label="next"] }`);
    expect(edges(g)).toEqual(["A->B", "B->C"]);
    expect(g.edges.map((e) => e.attrs.get("label"))).toEqual(["next", "next"]);
  });

  it("§11.1: node/edge default blocks apply to later declarations only, and explicit attributes win", () => {
    const g = parseDot(`digraph G {
      early
      node [shape=box, timeout="900s"]
      edge [weight=5]
      plan
      implement [timeout="1800s"]
      early -> plan
      plan -> implement [weight=1]
    }`);
    expect(attrs(g.nodes.get("early")!.attrs)).toEqual({});
    expect(attrs(g.nodes.get("plan")!.attrs)).toEqual({ shape: "box", timeout: "900s" });
    expect(g.nodes.get("implement")!.attrs.get("timeout")).toBe("1800s");
    expect(g.edges.map((e) => e.attrs.get("weight"))).toEqual(["5", "1"]);
  });

  it("§11.1: subgraphs are flattened: contents kept, scoped defaults applied, wrapper removed", () => {
    const g = parseDot(`digraph G {
      subgraph cluster_loop {
        label = "Loop A"
        node [thread_id="loop-a", timeout="900s"]
        Plan      [label="Plan next step"]
        Implement [label="Implement", timeout="1800s"]
        Plan -> Implement
      }
      Outside
    }`);
    expect([...g.nodes.keys()]).toEqual(["Plan", "Implement", "Outside"]);
    expect(attrs(g.nodes.get("Plan")!.attrs)).toEqual({
      thread_id: "loop-a",
      timeout: "900s",
      label: "Plan next step",
    });
    expect(g.nodes.get("Implement")!.attrs.get("timeout")).toBe("1800s");
    expect(attrs(g.nodes.get("Outside")!.attrs)).toEqual({});
    // The subgraph's label is not a graph attribute.
    expect(g.attrs.has("label")).toBe(false);
    expect(edges(g)).toEqual(["Plan->Implement"]);
  });

  it("§11.1 / §2.10: subgraph labels derive classes for the stylesheet, nested subgraphs included", () => {
    const g = parseDot(`digraph G {
      subgraph cluster_outer {
        label = "Outer Stage!"
        subgraph cluster_inner { graph [label="Loop A"]; a }
        b
      }
      c
    }`);
    expect(g.nodes.get("a")!.derivedClasses).toEqual(["outer-stage", "loop-a"]);
    expect(g.nodes.get("b")!.derivedClasses).toEqual(["outer-stage"]);
    expect(g.nodes.get("c")!.derivedClasses).toEqual([]);
  });

  it("§11.1: quoted and unquoted attribute values both work, including numbers, booleans, durations and bare values", () => {
    const g = parseDot(`digraph G {
      n [a="quoted", b=bare_value, c=42, d=-1, e=0.5, f=true, g=900s, h=250ms, i=gpt-5.2, j=summary:high]
    }`);
    expect(attrs(g.nodes.get("n")!.attrs)).toEqual({
      a: "quoted",
      b: "bare_value",
      c: "42",
      d: "-1",
      e: "0.5",
      f: "true",
      g: "900s",
      h: "250ms",
      i: "gpt-5.2",
      j: "summary:high",
    });
  });

  it("§11.1: strips // and /* */ comments (and # lines) before parsing", () => {
    const g = parseDot(`// leading
# preprocessor-style line
digraph G { /* block
  comment */ a -> b // trailing
  c [label="not // a comment", prompt="nor /* this */"]
}`);
    expect(edges(g)).toEqual(["a->b"]);
    expect(attrs(g.nodes.get("c")!.attrs)).toEqual({ label: "not // a comment", prompt: "nor /* this */" });
  });

  it("unescapes \\\" \\n \\t \\\\ in strings, keeps other escapes, joins continuations and '+' concatenation", () => {
    const g = parseDot(`digraph G { n [a="say \\"hi\\"\\n\\tdone\\\\", b="left\\l", c="con\\
tinued", d="one" + " two"] }`);
    expect(attrs(g.nodes.get("n")!.attrs)).toEqual({
      a: 'say "hi"\n\tdone\\',
      b: "left\\l",
      c: "continued",
      d: "one two",
    });
  });

  it("accepts qualified keys bare or quoted, commas or semicolons between attributes, repeated blocks", () => {
    const g = parseDot(`digraph G {
      stack.child_dotfile = "child.dot"
      m [shape=house; manager.max_cycles=3 "manager.poll_interval"="1s"][label="M"]
    }`);
    expect(g.attrs.get("stack.child_dotfile")).toBe("child.dot");
    expect(attrs(g.nodes.get("m")!.attrs)).toEqual({
      shape: "house",
      "manager.max_cycles": "3",
      "manager.poll_interval": "1s",
      label: "M",
    });
  });

  it("records where every node, edge and attribute was written (1-based line and column)", () => {
    const g = parseDot(`digraph G {\n  a [label="x"]\n  a -> b\n}`, { file: "p.dot" });
    expect(g.file).toBe("p.dot");
    expect(g.nodes.get("a")!.loc).toEqual({ line: 2, column: 3 });
    expect(g.nodes.get("a")!.attrLocs.get("label")).toEqual({ line: 2, column: 12 });
    expect(g.edges[0].loc).toEqual({ line: 3, column: 8 });
  });

  it("merges repeated node statements, the later attribute winning", () => {
    const g = parseDot(`digraph G { a [label="one", shape=box]; a [label="two"] }`);
    expect(attrs(g.nodes.get("a")!.attrs)).toEqual({ label: "two", shape: "box" });
  });
});

describe("DOT syntax errors: what was expected, found, and where", () => {
  it.each([
    ["graph G { a }", 1, 1, "undirected graphs are not supported: use 'digraph'"],
    ["strict digraph G { a }", 1, 1, "'strict' graphs are not supported"],
    ["digraph G { a -- b }", 1, 15, "undirected edges ('--') are not supported: use '->'"],
    ["digraph A { a }\ndigraph B { b }", 2, 1, "only one graph per file is supported"],
    ['digraph G {\n  a [label="x"\n  b\n}', 4, 1, "expected '=' after attribute name 'b', found '}'"],
    ["digraph G { a [label=] }", 1, 22, "expected a value, found ']'"],
    ['digraph G { a [label="open }', 1, 22, "unterminated string (opened here)"],
    ["digraph G { /* never closed", 1, 13, "unterminated block comment (opened here)"],
    ["digraph G { a -> }", 1, 18, "expected a node id after '->', found '}'"],
    ["digraph G { a", 1, 14, "expected '}' (the graph body is not closed), found end of file"],
    ['digraph G { "two words" }', 1, 13, 'node id "two words" is not an identifier'],
    ["digraph G { a:port -> b }", 1, 13, "node ports ('id:port') are not supported"],
    ["digraph G { a -> {b c} }", 1, 18, "subgraphs as edge endpoints are not supported"],
    ["digraph G { a [label=<b>x</b>] }", 1, 22, "HTML-like labels (<...>) are not supported"],
    ["digraph G { a [1x=2] }", 1, 16, "'1x' is not a valid attribute name"],
    ["digraph G { a [w=1.2.3] }", 1, 18, "malformed value '1.2.3': quote it"],
    ["digraph G { é }", 1, 13, "unexpected character 'é' (identifiers are ASCII; quote the value)"],
  ])("%j -> %i:%i %s", (source, line, column, detail) => {
    const error = syntaxError(source);
    expect(error.location).toEqual({ line, column });
    expect(error.detail).toContain(detail);
    expect(error.message.startsWith(`p.dot:${line}:${column}: `)).toBe(true);
  });

  it("points at an unescaped quote inside a string value", () => {
    const error = syntaxError(`digraph G { t [tool_command="grep '"gate": 1' file"] }`);
    expect(error.detail).toContain("is there an unescaped '\"' in the string before 'gate'?");
  });

  it("ignores a byte-order mark and counts columns from the first real character", () => {
    const error = syntaxError("\uFEFFdigraph G { a -- b }");
    expect(error.location).toEqual({ line: 1, column: 15 });
  });
});
