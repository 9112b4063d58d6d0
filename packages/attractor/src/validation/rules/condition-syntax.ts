/**
 * `condition_syntax` (attractor-spec §7.2, ERROR): every condition parses (§10.2).
 * @module
 */
import { parseCondition } from "../../conditions/parse-condition.js";
import { ConditionSyntaxError } from "../../errors.js";
import type { SourceLocation } from "../../model/graph.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { edgeDiagnostic, locInValue, locKey, nodeDiagnostic, oncePer } from "../locate.js";

const RULE = "condition_syntax";

/**
 * Parses each edge `condition` and each node `manager.stop_condition` (evaluated with the same
 * language, §4.11) and reports every failure with the parser's explanation. The diagnostic points
 * at the offending column inside the attribute value (exact unless the DOT string held escapes
 * before it). A condition shared by several edges (a chained edge statement or an `edge [...]`
 * default) is reported once.
 */
export const conditionSyntaxRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const first = oncePer();
    for (const edge of graph.edges) {
      const error = check(edge.attrs.get("condition"));
      const loc = edge.attrLocs.get("condition");
      if (!error || !first(locKey(loc))) continue;
      diagnostics.push(
        edgeDiagnostic(RULE, graph, edge, {
          severity: "error",
          message: `edge ${edge.from} -> ${edge.to}: ${describe(error)}`,
          fix: fixFor(error),
          loc: at(loc, error),
        }),
      );
    }
    for (const node of graph.nodes.values()) {
      const error = check(node.attrs.get("manager.stop_condition"));
      const loc = node.attrLocs.get("manager.stop_condition");
      if (!error || !first(locKey(loc))) continue;
      diagnostics.push(
        nodeDiagnostic(RULE, graph, node, {
          severity: "error",
          message: `manager.stop_condition of node '${node.id}': ${describe(error)}`,
          fix: fixFor(error),
          loc: at(loc, error),
        }),
      );
    }
    return diagnostics;
  },
};

function check(condition: string | undefined): ConditionSyntaxError | undefined {
  if (condition === undefined) return undefined;
  try {
    parseCondition(condition);
    return undefined;
  } catch (error) {
    if (error instanceof ConditionSyntaxError) return error;
    throw error;
  }
}

function describe(error: ConditionSyntaxError): string {
  return `invalid condition "${error.expression}": ${error.detail} (column ${error.column})`;
}

function at(valueLoc: SourceLocation | undefined, error: ConditionSyntaxError): SourceLocation | undefined {
  return valueLoc ? locInValue(valueLoc, 1, error.column) : undefined;
}

function fixFor(error: ConditionSyntaxError): string {
  if (error.detail.startsWith("disjunction")) return "write one edge per alternative, each with its own condition";
  if (error.detail.includes("not in the condition grammar")) {
    return "use only key=value, key!=value and bare keys joined by && (attractor-spec §10.2)";
  }
  return "see the condition grammar in attractor-spec §10.2";
}
