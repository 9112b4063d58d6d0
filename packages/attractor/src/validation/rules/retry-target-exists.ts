/**
 * `retry_target_exists` (attractor-spec §7.2, WARNING): retry targets name existing nodes.
 * @module
 */
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { closestName } from "../edit-distance.js";
import { graphDiagnostic, locKey, nodeDiagnostic, oncePer } from "../locate.js";

const RULE = "retry_target_exists";
const KEYS = ["retry_target", "fallback_retry_target"] as const;

/** Checks `retry_target` and `fallback_retry_target` on every node and on the graph. */
export const retryTargetExistsRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const ids = [...graph.nodes.keys()];
    const finding = (key: string, target: string, subject: string) => {
      const suggestion = closestName(target, ids);
      return {
        severity: "warning" as const,
        message: `${subject} ${key} '${target}' is not a node of this graph${suggestion ? `; did you mean '${suggestion}'?` : ""}`,
        fix: suggestion ? `write ${key}="${suggestion}"` : `point ${key} at an existing node id`,
        attr: key,
      };
    };
    for (const key of KEYS) {
      const target = graph.attrs.get(key);
      if (target && !graph.nodes.has(target)) {
        diagnostics.push(graphDiagnostic(RULE, graph, finding(key, target, "graph")));
      }
    }
    const first = oncePer();
    for (const node of graph.nodes.values()) {
      for (const key of KEYS) {
        const target = node.attrs.get(key);
        if (!target || graph.nodes.has(target) || !first(locKey(node.attrLocs.get(key), key))) continue;
        diagnostics.push(nodeDiagnostic(RULE, graph, node, finding(key, target, `node '${node.id}':`)));
      }
    }
    return diagnostics;
  },
};
