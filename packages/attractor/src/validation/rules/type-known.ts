/**
 * `type_known` (attractor-spec §7.2, WARNING): node types are known to the handler registry.
 * @module
 */
import { SHAPE_TO_TYPE } from "../../model/attributes.js";
import type { Diagnostic, LintContext, LintRule } from "../diagnostic.js";
import { closestName } from "../edit-distance.js";
import { resolveHandlerType } from "../handler-resolution.js";
import { locKey, nodeDiagnostic, oncePer } from "../locate.js";

const RULE = "type_known";

/**
 * WARNING for each explicit `type` that `context.knownHandlerTypes` does not contain, saying which
 * handler the node falls back to (§4.2: shape, then the default) and suggesting a close known type. INFO for a `shape` that selects no handler
 * (`shape=tab`): such nodes run as `codergen`, the default. Values inherited from one default
 * block are reported once.
 */
export const typeKnownRule: LintRule = {
  name: RULE,
  apply(graph, context: LintContext): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const first = oncePer();
    const known = context.knownHandlerTypes;
    for (const node of graph.nodes.values()) {
      const type = node.attrs.get("type");
      if (type) {
        if (known.has(type) || !first(locKey(node.attrLocs.get("type"), `type=${type}`))) continue;
        const suggestion = closestName(type, known);
        diagnostics.push(
          nodeDiagnostic(RULE, graph, node, {
            severity: "warning",
            message: `node '${node.id}' has type '${type}', which no registered handler implements; it runs as '${resolveHandlerType(node, known)}'${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`,
            fix: suggestion
              ? `write type="${suggestion}"`
              : `register a handler for '${type}' or use one of: ${[...known].join(", ")}`,
            attr: "type",
          }),
        );
        continue;
      }
      const shape = node.attrs.get("shape");
      if (shape === undefined || shape in SHAPE_TO_TYPE) continue;
      if (!first(locKey(node.attrLocs.get("shape"), `shape=${shape}`))) continue;
      const suggestion = closestName(shape, Object.keys(SHAPE_TO_TYPE));
      diagnostics.push(
        nodeDiagnostic(RULE, graph, node, {
          severity: "info",
          message: `shape '${shape}' of node '${node.id}' selects no handler; the node runs as codergen${suggestion ? ` (did you mean shape=${suggestion}?)` : ""}`,
          fix: suggestion ? `write shape=${suggestion}` : "use shape=box for LLM stages, or set type explicitly",
          attr: "shape",
        }),
      );
    }
    return diagnostics;
  },
};
