/**
 * `fidelity_valid` (attractor-spec §7.2, WARNING): fidelity values are modes of §5.4.
 * @module
 */
import type { AttrMap, SourceLocation } from "../../model/graph.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { edgeDiagnostic, graphDiagnostic, locKey, nodeDiagnostic, oncePer } from "../locate.js";

const RULE = "fidelity_valid";

/** The context fidelity modes of attractor-spec §5.4. */
export const FIDELITY_MODES: readonly string[] = Object.freeze([
  "full",
  "truncate",
  "compact",
  "summary:low",
  "summary:medium",
  "summary:high",
]);

/**
 * Checks node `fidelity`, edge `fidelity` and graph `default_fidelity` (empty means unset).
 * Values are case-sensitive: `Compact` is reported with the lowercase spelling as the fix.
 */
export const fidelityValidRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const first = oncePer();
    const bad = (attrs: AttrMap, locs: Map<string, SourceLocation>, key: string): string | undefined => {
      const value = attrs.get(key);
      if (!value || FIDELITY_MODES.includes(value)) return undefined;
      return first(locKey(locs.get(key), value)) ? value : undefined;
    };
    const finding = (value: string, subject: string, attr: string) => {
      const lower = value.toLowerCase();
      const suggestion = FIDELITY_MODES.includes(lower) ? lower : undefined;
      return {
        severity: "warning" as const,
        message: `${subject} has fidelity '${value}', which is not a fidelity mode${suggestion ? ` (modes are lowercase: '${suggestion}')` : ""}`,
        fix: suggestion ? `write ${attr}="${suggestion}"` : `use one of: ${FIDELITY_MODES.join(", ")}`,
        attr,
      };
    };
    const graphValue = bad(graph.attrs, graph.attrLocs, "default_fidelity");
    if (graphValue) {
      diagnostics.push(graphDiagnostic(RULE, graph, finding(graphValue, "the graph's default_fidelity", "default_fidelity")));
    }
    for (const node of graph.nodes.values()) {
      const value = bad(node.attrs, node.attrLocs, "fidelity");
      if (value) diagnostics.push(nodeDiagnostic(RULE, graph, node, finding(value, `node '${node.id}'`, "fidelity")));
    }
    for (const edge of graph.edges) {
      const value = bad(edge.attrs, edge.attrLocs, "fidelity");
      if (value) {
        diagnostics.push(
          edgeDiagnostic(RULE, graph, edge, finding(value, `edge ${edge.from} -> ${edge.to}`, "fidelity")),
        );
      }
    }
    return diagnostics;
  },
};
