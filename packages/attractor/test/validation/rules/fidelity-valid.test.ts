import { describe, expect, it } from "vitest";
import { FIDELITY_MODES } from "../../../src/index.js";
import { fidelityValidRule } from "../../../src/validation/rules/fidelity-valid.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("fidelity_valid", () => {
  it("accepts the six §5.4 modes on nodes, edges and the graph", () => {
    const body = FIDELITY_MODES.map(
      (mode, i) => `  n${i} [fidelity="${mode}"]\n  start -> n${i} [fidelity="${mode}"]`,
    ).join("\n");
    expect(runRule(fidelityValidRule, pipeline(body, 'default_fidelity="summary:low"'))).toEqual([]);
    expect(runRule(fidelityValidRule, pipeline("  start -> exit", 'default_fidelity=""'))).toEqual([]);
  });

  it("warns about unknown modes wherever they are written, at the attribute", () => {
    const diagnostics = runRule(
      fidelityValidRule,
      pipeline('  a [fidelity="everything"]\n  start -> a [fidelity="Compact"]', 'default_fidelity="summary:huge"'),
    );
    expect(diagnostics.map((d) => [d.severity, d.message, d.fix, d.loc])).toEqual([
      [
        "warning",
        "the graph's default_fidelity has fidelity 'summary:huge', which is not a fidelity mode; it is ignored at run time",
        "use one of: full, truncate, compact, summary:low, summary:medium, summary:high",
        { line: 2, column: 43 },
      ],
      [
        "warning",
        "node 'a' has fidelity 'everything', which is not a fidelity mode; it is ignored at run time",
        "use one of: full, truncate, compact, summary:low, summary:medium, summary:high",
        { line: 5, column: 15 },
      ],
      [
        "warning",
        "edge start -> a has fidelity 'Compact'; fidelity modes are written in lower case ('compact')",
        'write fidelity="compact"',
        { line: 6, column: 24 },
      ],
    ]);
    expect(diagnostics[2].edge).toEqual({ from: "start", to: "a" });
  });
});
