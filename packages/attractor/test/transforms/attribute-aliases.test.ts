import { describe, expect, it } from "vitest";
import { type Diagnostic, isExitNode, isStartNode, parseDot } from "../../src/index.js";
import { aliasTransform } from "../../src/transforms/attribute-aliases.js";

function run(source: string) {
  const input = parseDot(source, { file: "alias.dot" });
  const diagnostics: Diagnostic[] = [];
  const graph = aliasTransform.apply(input, (d) => diagnostics.push(d));
  return { input, graph, diagnostics };
}

describe("aliasTransform", () => {
  it("rewrites node llm_prompt to prompt and warns at the attribute, naming the standard spelling", () => {
    const { graph, diagnostics } = run('digraph G {\n  work [llm_prompt="Do it"]\n}');
    const work = graph.nodes.get("work")!;
    expect(work.attrs.get("prompt")).toBe("Do it");
    expect(work.attrs.has("llm_prompt")).toBe(false);
    expect(work.attrLocs.get("prompt")).toEqual({ line: 2, column: 20 });
    expect(diagnostics).toEqual([
      {
        rule: "attribute_alias",
        severity: "warning",
        message: "'llm_prompt' on node 'work' is a StrongDM spelling; the standard spelling is 'prompt'",
        fix: "rename 'llm_prompt' to 'prompt'",
        nodeId: "work",
        file: "alias.dot",
        loc: { line: 2, column: 20 },
      },
    ]);
  });

  it("rewrites node_type to type", () => {
    const { graph, diagnostics } = run('digraph G { gate [node_type="wait.human"] }');
    expect(graph.nodes.get("gate")!.attrs.get("type")).toBe("wait.human");
    expect(diagnostics[0].message).toContain("the standard spelling is 'type'");
  });

  it("rewrites the graph aliases, with default_max_retry (a spec legacy alias) as INFO", () => {
    const { graph, diagnostics } = run(`digraph G {
  graph [context_fidelity_default="truncate", context_thread_default="loop", default_max_retry=3]
}`);
    expect(Object.fromEntries(graph.attrs)).toEqual({
      default_fidelity: "truncate",
      default_thread_id: "loop",
      default_max_retries: "3",
    });
    expect(diagnostics.map((d) => [d.severity, d.message, d.loc])).toEqual([
      [
        "warning",
        "graph attribute 'context_fidelity_default' is a StrongDM spelling; the standard spelling is 'default_fidelity'",
        { line: 2, column: 35 },
      ],
      [
        "warning",
        "graph attribute 'context_thread_default' is a StrongDM spelling; the standard spelling is 'default_thread_id'",
        { line: 2, column: 70 },
      ],
      [
        "info",
        "graph attribute 'default_max_retry' is the legacy spelling (attractor-spec §2.5); the standard spelling is 'default_max_retries'",
        { line: 2, column: 96 },
      ],
    ]);
    expect(diagnostics.every((d) => d.nodeId === undefined)).toBe(true);
  });

  it("keeps the standard spelling when both are set and warns that the alias is ignored", () => {
    const { graph, diagnostics } = run(
      'digraph G { work [prompt="standard", llm_prompt="alias"]; default_max_retry=1; default_max_retries=2 }',
    );
    expect(graph.nodes.get("work")!.attrs.get("prompt")).toBe("standard");
    expect(graph.nodes.get("work")!.attrs.has("llm_prompt")).toBe(false);
    expect(graph.attrs.get("default_max_retries")).toBe("2");
    expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([
      [
        "warning",
        "graph attribute 'default_max_retry' is ignored because 'default_max_retries' is also set (the standard spelling wins)",
      ],
      ["warning", "'llm_prompt' on node 'work' is ignored because 'prompt' is also set (the standard spelling wins)"],
    ]);
  });

  it("reports an alias inherited from one node [...] default block once", () => {
    const { graph, diagnostics } = run('digraph G {\n  node [llm_prompt="same"]\n  a; b; c\n}');
    expect([...graph.nodes.values()].map((n) => n.attrs.get("prompt"))).toEqual(["same", "same", "same"]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].loc).toEqual({ line: 2, column: 20 });
  });

  it("takes shape=circle without incoming edges as the start and doublecircle without outgoing edges as the exit", () => {
    const { graph, diagnostics } = run(`digraph G {
  Begin [shape=circle]
  Finish [shape=doublecircle]
  Begin -> work -> Finish
}`);
    expect(graph.nodes.get("Begin")!.attrs.get("shape")).toBe("Mdiamond");
    expect(graph.nodes.get("Finish")!.attrs.get("shape")).toBe("Msquare");
    expect(isStartNode(graph.nodes.get("Begin")!)).toBe(true);
    expect(isExitNode(graph.nodes.get("Finish")!)).toBe(true);
    expect(diagnostics.map((d) => [d.nodeId, d.severity, d.loc, d.fix])).toEqual([
      ["Begin", "warning", { line: 2, column: 16 }, "set shape=Mdiamond on 'Begin'"],
      ["Finish", "warning", { line: 3, column: 17 }, "set shape=Msquare on 'Finish'"],
    ]);
    expect(diagnostics[0].message).toBe(
      "node 'Begin' is taken as the start node because it has shape=circle and no incoming edges; the standard spelling is shape=Mdiamond",
    );
  });

  it("takes ids start/exit/end/done in any case when no standard start or exit exists", () => {
    const { graph, diagnostics } = run("digraph G { START -> work -> Done }");
    expect(graph.nodes.get("START")!.attrs.get("shape")).toBe("Mdiamond");
    expect(graph.nodes.get("Done")!.attrs.get("shape")).toBe("Msquare");
    expect(diagnostics.map((d) => d.message)).toEqual([
      "node 'START' is taken as the start node because of its id; the standard spelling is shape=Mdiamond",
      "node 'Done' is taken as the exit node because of its id; the standard spelling is shape=Msquare",
    ]);
  });

  it("does not alias when a standard start/exit exists, or when the candidate is ambiguous", () => {
    expect(
      run("digraph G { s [shape=Mdiamond]; Begin [shape=circle]; s -> x; e [shape=Msquare]; Done }").diagnostics,
    ).toEqual([]);
    const ambiguous = run("digraph G { a [shape=circle]; b [shape=circle]; a -> x; b -> x; exit }");
    expect(ambiguous.diagnostics).toEqual([]);
    expect(ambiguous.graph.nodes.get("a")!.attrs.get("shape")).toBe("circle");
  });

  it("never takes a node with an explicit type or a handler shape", () => {
    const { diagnostics } = run(
      "digraph G { Start2 [shape=circle, type=codergen]; DONE [shape=hexagon]; Start2 -> DONE }",
    );
    expect(diagnostics).toEqual([]);
  });

  it("needs no shape change for start/exit given by node_type", () => {
    const { graph, diagnostics } = run(
      'digraph G { Begin [shape=circle, node_type="start"]; Finish [shape=doublecircle, node_type="exit"]; Begin -> Finish }',
    );
    expect(graph.nodes.get("Begin")!.attrs.get("shape")).toBe("circle");
    expect(isStartNode(graph.nodes.get("Begin")!)).toBe(true);
    expect(isExitNode(graph.nodes.get("Finish")!)).toBe(true);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "'node_type' on node 'Begin' is a StrongDM spelling; the standard spelling is 'type'",
      "'node_type' on node 'Finish' is a StrongDM spelling; the standard spelling is 'type'",
    ]);
  });

  it("does not modify its input graph", () => {
    const { input, graph } = run(
      "digraph G { Begin [shape=circle, llm_prompt=x]; Begin -> Done; default_max_retry=2 }",
    );
    expect(input.nodes.get("Begin")!.attrs.get("llm_prompt")).toBe("x");
    expect(input.nodes.get("Begin")!.attrs.get("shape")).toBe("circle");
    expect(input.attrs.get("default_max_retry")).toBe("2");
    expect(graph).not.toBe(input);
  });
});
