/**
 * `attribute_known`: attribute names mean something to the engine or to Graphviz.
 * @module
 */
import type { AttrMap, SourceLocation } from "../../model/graph.js";
import { GRAPH_ATTRIBUTE_ALIASES, NODE_ATTRIBUTE_ALIASES } from "../../transforms/attribute-aliases.js";
import { type AttributeScope, engineAttributes, GRAPHVIZ_ATTRIBUTES, isKnownAttribute } from "../attribute-catalog.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import { closestName } from "../edit-distance.js";
import type { Finding } from "../locate.js";
import { edgeDiagnostic, graphDiagnostic, locKey, nodeDiagnostic, oncePer } from "../locate.js";

const RULE = "attribute_known";
const SCOPES: readonly AttributeScope[] = ["graph", "node", "edge"];
const ALIASES: Readonly<Record<AttributeScope, ReadonlySet<string>>> = {
  graph: new Set(GRAPH_ATTRIBUTE_ALIASES.map((a) => a.alias)),
  node: new Set(NODE_ATTRIBUTE_ALIASES.map((a) => a.alias)),
  edge: new Set(),
};

/**
 * Reports attribute names that neither the engine (Appendix A, handler keys such as
 * `tool_command`, `join_policy`, `manager.*`, `stack.*`, `human.default_choice`, `tool_hooks.*`)
 * nor Graphviz presentation (`rankdir`, `color`, `style`, ...) knows in that scope:
 * - WARNING with a did-you-mean when a known name is within edit distance 2 (`promt` -> `prompt`);
 * - WARNING when the name belongs to another scope (`goal` on a node has no effect);
 * - INFO otherwise (custom handlers may read their own attributes).
 * Aliases (`llm_prompt`, `node_type`, ...) are left to `attribute_alias`. A name inherited from
 * one default block is reported once.
 */
export const attributeKnownRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const first = oncePer();
    const check = (
      scope: AttributeScope,
      attrs: AttrMap,
      locs: Map<string, SourceLocation>,
      subject: string,
      emit: (f: Finding) => void,
    ) => {
      for (const key of attrs.keys()) {
        if (isKnownAttribute(scope, key) || ALIASES[scope].has(key)) continue;
        if (first(locKey(locs.get(key), key))) emit(findingFor(scope, key, subject));
      }
    };
    check("graph", graph.attrs, graph.attrLocs, "the graph", (f) => diagnostics.push(graphDiagnostic(RULE, graph, f)));
    for (const node of graph.nodes.values()) {
      check("node", node.attrs, node.attrLocs, `node '${node.id}'`, (f) =>
        diagnostics.push(nodeDiagnostic(RULE, graph, node, f)),
      );
    }
    for (const edge of graph.edges) {
      check("edge", edge.attrs, edge.attrLocs, `edge ${edge.from} -> ${edge.to}`, (f) =>
        diagnostics.push(edgeDiagnostic(RULE, graph, edge, f)),
      );
    }
    return diagnostics;
  },
};

function findingFor(scope: AttributeScope, key: string, subject: string): Finding {
  const elsewhere = SCOPES.find((other) => other !== scope && engineAttributes(other).has(key));
  if (elsewhere) {
    return {
      severity: "warning",
      message: `'${key}' on ${subject} has no effect: it is ${article(elsewhere)} ${elsewhere} attribute`,
      fix: `move '${key}' to the ${elsewhere === "graph" ? "graph [...] block" : elsewhere}`,
      attr: key,
    };
  }
  const suggestion = closestName(key, [...engineAttributes(scope), ...GRAPHVIZ_ATTRIBUTES]);
  if (suggestion) {
    return {
      severity: "warning",
      message: `unknown attribute '${key}' on ${subject}; did you mean '${suggestion}'?`,
      fix: `rename '${key}' to '${suggestion}'`,
      attr: key,
    };
  }
  return {
    severity: "info",
    message: `unknown attribute '${key}' on ${subject} is ignored by the built-in handlers`,
    attr: key,
  };
}

function article(scope: AttributeScope): string {
  return scope === "edge" ? "an" : "a";
}
