import { describe, expect, it } from "vitest";
import { stylesheetSyntaxRule } from "../../../src/validation/rules/stylesheet-syntax.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("stylesheet_syntax", () => {
  it("accepts a valid stylesheet and no stylesheet", () => {
    expect(runRule(stylesheetSyntaxRule, pipeline("  start -> exit"))).toEqual([]);
    expect(
      runRule(stylesheetSyntaxRule, pipeline("  start -> exit", 'model_stylesheet="* { llm_model: m; }"')),
    ).toEqual([]);
  });

  it("reports the first error at its line and column inside the attribute value", () => {
    const source = `digraph G {
  graph [model_stylesheet="
    * { llm_model: m; }
    .code { temperature: 0.2; }
  "]
  start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit
}`;
    expect(runRule(stylesheetSyntaxRule, source)).toEqual([
      expect.objectContaining({
        rule: "stylesheet_syntax",
        severity: "error",
        message:
          "invalid model_stylesheet: unknown property 'temperature': the stylesheet sets only llm_model, llm_provider, reasoning_effort (stylesheet line 3, column 13)",
        loc: { line: 4, column: 13 },
      }),
    ]);
  });

  it("maps a first-line error to the column after the opening quote", () => {
    const [d] = runRule(stylesheetSyntaxRule, 'digraph G {\n  graph [model_stylesheet="* { model: m }"]\n}');
    expect(d.loc).toEqual({ line: 2, column: 32 });
  });
});
