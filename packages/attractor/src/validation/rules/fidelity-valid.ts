/**
 * `fidelity_valid` (attractor-spec §7.2, WARNING): fidelity values are modes of §5.4.
 * @module
 */
import { FIDELITY_MODES, parseFidelity } from "../../engine/fidelity.js";
import type { AttrMap, SourceLocation } from "../../model/graph.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import type { Finding } from "../locate.js";
import { edgeDiagnostic, graphDiagnostic, locKey, nodeDiagnostic, oncePer } from "../locate.js";

const RULE = "fidelity_valid";
const MODES = FIDELITY_MODES.join(", ");

/**
 * Checks node `fidelity`, edge `fidelity` and graph `default_fidelity` (empty means unset)
 * against the modes of §5.4 (`FIDELITY_MODES`). A value the engine does not understand is
 * skipped at run time, so it is reported with the list of modes; a case variant such as
 * `Compact`, which the engine reads as `compact` (`parseFidelity`), is reported with the
 * lowercase spelling as the fix. A value inherited from one default block is reported once.
 */
export const fidelityValidRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const first = oncePer();
    const check = (attrs: AttrMap, locs: Map<string, SourceLocation>, key: string, subject: string) => {
      const value = attrs.get(key);
      if (!value || (FIDELITY_MODES as readonly string[]).includes(value)) return undefined;
      return first(locKey(locs.get(key), value)) ? finding(value, subject, key) : undefined;
    };
    const graphFinding = check(graph.attrs, graph.attrLocs, "default_fidelity", "the graph's default_fidelity");
    if (graphFinding) diagnostics.push(graphDiagnostic(RULE, graph, graphFinding));
    for (const node of graph.nodes.values()) {
      const f = check(node.attrs, node.attrLocs, "fidelity", `node '${node.id}'`);
      if (f) diagnostics.push(nodeDiagnostic(RULE, graph, node, f));
    }
    for (const edge of graph.edges) {
      const f = check(edge.attrs, edge.attrLocs, "fidelity", `edge ${edge.from} -> ${edge.to}`);
      if (f) diagnostics.push(edgeDiagnostic(RULE, graph, edge, f));
    }
    return diagnostics;
  },
};

function finding(value: string, subject: string, attr: string): Finding {
  const understood = parseFidelity(value);
  if (understood) {
    return {
      severity: "warning",
      message: `${subject} has fidelity '${value}'; fidelity modes are written in lower case ('${understood}')`,
      fix: `write ${attr}="${understood}"`,
      attr,
    };
  }
  return {
    severity: "warning",
    message: `${subject} has fidelity '${value}', which is not a fidelity mode; it is ignored at run time`,
    fix: `use one of: ${MODES}`,
    attr,
  };
}
