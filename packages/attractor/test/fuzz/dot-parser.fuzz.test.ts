/** Property tests of the DOT lexer and parser: on any input they return a graph or throw a located DotSyntaxError. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DotSyntaxError, parseDot } from "../../src/index.js";

/** Asserts that `source` parses or fails with a DotSyntaxError located inside `source`. */
function parsesOrFailsInside(source: string): void {
  try {
    parseDot(source, { file: "fuzz.dot" });
  } catch (error) {
    expect(error).toBeInstanceOf(DotSyntaxError);
    const { line, column } = (error as DotSyntaxError).location;
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const lines = text.split("\n");
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lines.length);
    expect(column).toBeGreaterThanOrEqual(1);
    expect(column).toBeLessThanOrEqual(lines[line - 1].length + 1);
    expect((error as DotSyntaxError).message.startsWith(`fuzz.dot:${line}:${column}: `)).toBe(true);
  }
}

const TOKENS = [
  "digraph",
  "graph",
  "node",
  "edge",
  "subgraph",
  "strict",
  "G",
  "a",
  "b_2",
  "x.y",
  "42",
  "-1.5",
  "900s",
  "{",
  "}",
  "[",
  "]",
  "=",
  ",",
  ";",
  "->",
  "--",
  "+",
  ":",
  "-",
  '"text"',
  '"with \\"escapes\\" \\n"',
  '"',
  "\\",
  "/*",
  "*/",
  "//",
  "#",
  "<",
  "é",
  "\n",
  " ",
  "\t",
];

/** Token soup that is often close to DOT, so the parser's deeper paths run. */
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((tokens) => tokens.join(" "));

/** Mutations of a valid pipeline: one slice of it replaced by random text. */
const VALID = `digraph G {
  graph [goal="Ship", label="L"]
  node [shape=box, timeout="900s"]
  start [shape=Mdiamond]
  exit [shape=Msquare]
  subgraph cluster_a { label="Loop A"; plan [prompt="Plan $goal"] }
  start -> plan -> exit [label="next", condition="outcome=success"]
}`;
const mutated = fc
  .tuple(fc.nat(VALID.length), fc.nat(20), fc.string({ maxLength: 10 }))
  .map(([at, cut, insert]) => VALID.slice(0, at) + insert + VALID.slice(at + cut));

describe("DOT lexer and parser (fuzz)", () => {
  it("throw only DotSyntaxError, located inside the input, on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), parsesOrFailsInside), { numRuns: 500 });
  });

  it("throw only located DotSyntaxErrors on DOT-like token soup", () => {
    fc.assert(
      fc.property(
        tokenSoup.map((body) => `digraph G { ${body} }`),
        parsesOrFailsInside,
      ),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(tokenSoup, parsesOrFailsInside), { numRuns: 500 });
  });

  it("throw only located DotSyntaxErrors on mutations of a valid pipeline", () => {
    fc.assert(fc.property(mutated, parsesOrFailsInside), { numRuns: 1000 });
  });
});
