import { describe, expect, it } from "vitest";
import { typeKnownRule } from "../../../src/validation/rules/type-known.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("type_known", () => {
  it("accepts the nine built-in types and every mapped shape", () => {
    const body = [
      '  a [type="wait.human"]; b [type="parallel.fan_in"]; c [type="stack.manager_loop"]; d [type=tool]',
      "  e [shape=component]; f [shape=tripleoctagon]; g [shape=diamond]; h [shape=parallelogram]; i [shape=house]",
    ].join("\n");
    expect(runRule(typeKnownRule, pipeline(body))).toEqual([]);
  });

  it("warns about an unregistered type, says what it falls back to, and suggests a close one", () => {
    const diagnostics = runRule(
      typeKnownRule,
      pipeline('  gate [type="wait.humans"]\n  obs [type="stack.observe", shape=box]'),
    );
    expect(diagnostics.map((d) => [d.nodeId, d.severity, d.message, d.fix, d.loc])).toEqual([
      [
        "gate",
        "warning",
        "node 'gate' has type 'wait.humans', which no registered handler implements; it runs as 'codergen' (did you mean 'wait.human'?)",
        'write type="wait.human"',
        { line: 5, column: 14 },
      ],
      [
        "obs",
        "warning",
        "node 'obs' has type 'stack.observe', which no registered handler implements; it runs as 'codergen'",
        "register a handler for 'stack.observe' or use one of: start, exit, codergen, wait.human, conditional, parallel, parallel.fan_in, tool, stack.manager_loop",
        { line: 6, column: 13 },
      ],
    ]);
  });

  it("takes the known types from the lint context (custom handlers)", () => {
    expect(
      runRule(typeKnownRule, pipeline('  x [type="my_custom_type"]'), ["my_custom_type", "start", "exit"]),
    ).toEqual([]);
  });

  it("notes shapes that select no handler as INFO, once per default block", () => {
    const diagnostics = runRule(
      typeKnownRule,
      pipeline('  node [shape=tab]\n  a [prompt="x"]; b [prompt="y"]; c [shape=hexgon]'),
    );
    expect(diagnostics.map((d) => [d.nodeId, d.severity, d.message])).toEqual([
      ["a", "info", "shape 'tab' of node 'a' selects no handler; the node runs as codergen"],
      [
        "c",
        "info",
        "shape 'hexgon' of node 'c' selects no handler; the node runs as codergen (did you mean shape=hexagon?)",
      ],
    ]);
  });
});
