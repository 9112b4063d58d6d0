/**
 * `condition_style`: conditions that parse but probably do not mean what they say.
 * @module
 */
import { parseCondition } from "../../conditions/parse-condition.js";
import type { ConditionExpr } from "../../conditions/types.js";
import { ConditionSyntaxError } from "../../errors.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { edgeDiagnostic, locInValue, locKey, oncePer } from "../locate.js";

const RULE = "condition_style";
const STATUSES = ["success", "partial_success", "retry", "fail", "skipped"];

/**
 * WARNINGs for edge conditions that parse (`condition_syntax` reports the others):
 * - `==`, accepted as a synonym of `=` for pipelines written for other implementations (§10.2 has only `=`);
 * - an `outcome` literal that is a case variant of a standard status (`outcome=SUCCESS`): comparison
 *   is case-sensitive and outcomes are lowercase, so the clause never matches a standard status.
 * Each finding points at the operator's or literal's column inside the condition.
 */
export const conditionStyleRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const first = oncePer();
    for (const edge of graph.edges) {
      const text = edge.attrs.get("condition");
      const valueLoc = edge.attrLocs.get("condition");
      if (!text || !first(locKey(valueLoc))) continue;
      const expr = tryParse(text);
      if (!expr) continue;
      for (const clause of expr.clauses) {
        if (clause.type !== "comparison") continue;
        if (clause.spelling === "==") {
          diagnostics.push(
            edgeDiagnostic(RULE, graph, edge, {
              severity: "warning",
              message: `condition "${text}" on edge ${edge.from} -> ${edge.to} uses '==': the condition language writes equality as '='`,
              fix: `write ${clause.key}=${clause.quoted ? JSON.stringify(clause.literal) : clause.literal}`,
              loc: valueLoc ? locInValue(valueLoc, 1, clause.column) : undefined,
            }),
          );
        }
        const lower = clause.literal.toLowerCase();
        if (clause.key === "outcome" && clause.literal !== lower && STATUSES.includes(lower)) {
          diagnostics.push(
            edgeDiagnostic(RULE, graph, edge, {
              severity: "warning",
              message: `condition "${text}" on edge ${edge.from} -> ${edge.to} compares outcome with '${clause.literal}', which never matches: outcomes are lowercase and comparison is case-sensitive`,
              fix: `write outcome${clause.operator}${lower}`,
              loc: valueLoc ? locInValue(valueLoc, 1, clause.literalColumn) : undefined,
            }),
          );
        }
      }
    }
    return diagnostics;
  },
};

function tryParse(text: string): ConditionExpr | undefined {
  try {
    return parseCondition(text);
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return undefined;
    throw error;
  }
}
