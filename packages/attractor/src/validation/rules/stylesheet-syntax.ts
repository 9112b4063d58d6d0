/**
 * `stylesheet_syntax` (attractor-spec §7.2, ERROR): `model_stylesheet` parses (§8.2).
 * @module
 */
import { StylesheetSyntaxError } from "../../errors.js";
import { parseStylesheet } from "../../stylesheet/parse-stylesheet.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { graphDiagnostic, locInValue } from "../locate.js";

const RULE = "stylesheet_syntax";

/**
 * Parses the graph's `model_stylesheet` and reports the first syntax error, located at the
 * offending line and column inside the attribute value (exact unless the DOT string held escapes
 * before it); the message also gives the position inside the stylesheet.
 */
export const stylesheetSyntaxRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const text = graph.attrs.get("model_stylesheet");
    if (text === undefined) return [];
    try {
      parseStylesheet(text);
      return [];
    } catch (error) {
      if (!(error instanceof StylesheetSyntaxError)) throw error;
      const valueLoc = graph.attrLocs.get("model_stylesheet");
      return [
        graphDiagnostic(RULE, graph, {
          severity: "error",
          message: `invalid model_stylesheet: ${error.detail} (stylesheet line ${error.line}, column ${error.column})`,
          fix: "rules look like `.class { llm_model: name; llm_provider: name; reasoning_effort: high; }` (attractor-spec §8.2)",
          loc: valueLoc ? locInValue(valueLoc, error.line, error.column) : undefined,
          attr: "model_stylesheet",
        }),
      ];
    }
  },
};
