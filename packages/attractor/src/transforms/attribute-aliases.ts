/**
 * Attribute alias transform: accepts the spellings StrongDM's own published pipelines use outside
 * attractor-spec (`llm_prompt`, `node_type`, `context_fidelity_default`, `shape=circle`, ...),
 * rewrites them to the standard names and reports each use as an `attribute_alias` diagnostic.
 * @module
 */
import { isExitNode, isStartNode, SHAPE_TO_TYPE } from "../model/attributes.js";
import type { AttrMap, Graph, Node, SourceLocation } from "../model/graph.js";
import type { Diagnostic, Severity } from "../validation/diagnostic.js";
import type { DiagnosticReporter, Transform } from "./types.js";

/** Rule id of every diagnostic this transform reports. */
export const ATTRIBUTE_ALIAS_RULE = "attribute_alias";

/** An accepted non-standard attribute name and its standard spelling. */
export interface AttributeAlias {
  alias: string;
  standard: string;
  /** Severity of a use that is rewritten (an ignored use is always a warning). */
  severity: Severity;
  /** What the alias is, for the message: "a StrongDM spelling". */
  kind: string;
}

/** Node attribute aliases. */
export const NODE_ATTRIBUTE_ALIASES: readonly AttributeAlias[] = Object.freeze([
  { alias: "llm_prompt", standard: "prompt", severity: "warning", kind: "a StrongDM spelling" },
  { alias: "node_type", standard: "type", severity: "warning", kind: "a StrongDM spelling" },
]);

/** Graph attribute aliases. */
export const GRAPH_ATTRIBUTE_ALIASES: readonly AttributeAlias[] = Object.freeze([
  {
    alias: "context_fidelity_default",
    standard: "default_fidelity",
    severity: "warning",
    kind: "a StrongDM spelling",
  },
  {
    alias: "context_thread_default",
    standard: "default_thread_id",
    severity: "warning",
    kind: "a StrongDM spelling",
  },
  {
    alias: "default_max_retry",
    standard: "default_max_retries",
    severity: "info",
    kind: "the legacy spelling (attractor-spec §2.5)",
  },
]);

/**
 * Rewrites alias attributes to their standard names (the alias is removed) and reports one
 * `attribute_alias` diagnostic per written use, located at the alias attribute (uses inherited
 * from one `node [...]` default block are reported once). When the standard name is also set on
 * the same node or graph, the standard value wins, the alias is dropped, and a warning says so.
 *
 * Start and exit nodes written the StrongDM way are also accepted: when no node is a start node by
 * the standard rules (`isStartNode`) and exactly one node qualifies as `shape=circle` with no
 * incoming edges or by an id that is `start` in any case, its shape becomes `Mdiamond`; likewise
 * `shape=doublecircle` with no outgoing edges or ids `exit`/`end`/`done` in any case become
 * `Msquare`. Nodes with an explicit `type` or a shape that selects another handler are never
 * candidates. Returns a clone.
 */
export const aliasTransform: Transform = {
  name: "attribute_alias",
  apply(graph: Graph, report: DiagnosticReporter): Graph {
    const copy = graph.clone();
    /** `alias@line:col` of uses already reported: a `node [...]` default block is one use. */
    const reported = new Set<string>();
    const once = (alias: string, d: Diagnostic): void => {
      const key = `${alias}@${d.loc?.line}:${d.loc?.column}`;
      if (reported.has(key)) return;
      reported.add(key);
      report(d);
    };
    for (const alias of GRAPH_ATTRIBUTE_ALIASES) rename(copy.attrs, copy.attrLocs, alias, copy, undefined, once);
    for (const node of copy.nodes.values()) {
      for (const alias of NODE_ATTRIBUTE_ALIASES) rename(node.attrs, node.attrLocs, alias, copy, node, once);
    }
    aliasTerminal(copy, "start", report);
    aliasTerminal(copy, "exit", report);
    return copy;
  },
};

function rename(
  attrs: AttrMap,
  locs: Map<string, SourceLocation>,
  alias: AttributeAlias,
  graph: Graph,
  node: Node | undefined,
  report: (alias: string, d: Diagnostic) => void,
): void {
  const value = attrs.get(alias.alias);
  if (value === undefined) return;
  const loc = locs.get(alias.alias) ?? node?.loc ?? graph.attrLocs.get("");
  attrs.delete(alias.alias);
  locs.delete(alias.alias);
  const base = { rule: ATTRIBUTE_ALIAS_RULE, file: graph.file, loc, ...(node ? { nodeId: node.id } : {}) };
  const subject = node ? `'${alias.alias}' on node '${node.id}'` : `graph attribute '${alias.alias}'`;
  if (attrs.has(alias.standard)) {
    report(alias.alias, {
      ...base,
      severity: "warning",
      message: `${subject} is ignored because '${alias.standard}' is also set (the standard spelling wins)`,
      fix: `remove '${alias.alias}'`,
    });
    return;
  }
  attrs.set(alias.standard, value);
  if (loc) locs.set(alias.standard, loc);
  report(alias.alias, {
    ...base,
    severity: alias.severity,
    message: `${subject} is ${alias.kind}; the standard spelling is '${alias.standard}'`,
    fix: `rename '${alias.alias}' to '${alias.standard}'`,
  });
}

const TERMINALS = {
  start: {
    isStandard: isStartNode,
    shapeAlias: "circle",
    ids: ["start"],
    standardShape: "Mdiamond",
    open: (graph: Graph, node: Node) => graph.incoming(node.id).length === 0,
    openWhat: "no incoming edges",
  },
  exit: {
    isStandard: isExitNode,
    shapeAlias: "doublecircle",
    ids: ["exit", "end", "done"],
    standardShape: "Msquare",
    open: (graph: Graph, node: Node) => graph.outgoing(node.id).length === 0,
    openWhat: "no outgoing edges",
  },
} as const;

function aliasTerminal(graph: Graph, role: "start" | "exit", report: DiagnosticReporter): void {
  const spec = TERMINALS[role];
  const nodes = [...graph.nodes.values()];
  if (nodes.some(spec.isStandard)) return;
  const candidates = nodes.filter((node) => {
    if (node.attrs.get("type")) return false;
    const shape = node.attrs.get("shape") ?? "";
    if (shape === spec.shapeAlias) return spec.open(graph, node) || isAliasId(node.id, spec.ids);
    const mapped = SHAPE_TO_TYPE[shape];
    if (mapped !== undefined && mapped !== "codergen") return false;
    return isAliasId(node.id, spec.ids);
  });
  if (candidates.length !== 1) return;
  const node = candidates[0];
  const byShape = node.attrs.get("shape") === spec.shapeAlias && spec.open(graph, node);
  const loc = (byShape ? node.attrLocs.get("shape") : undefined) ?? node.loc;
  node.attrs.set("shape", spec.standardShape);
  node.attrLocs.set("shape", loc);
  report({
    rule: ATTRIBUTE_ALIAS_RULE,
    severity: "warning",
    message: byShape
      ? `node '${node.id}' is taken as the ${role} node because it has shape=${spec.shapeAlias} and ${spec.openWhat}; the standard spelling is shape=${spec.standardShape}`
      : `node '${node.id}' is taken as the ${role} node because of its id; the standard spelling is shape=${spec.standardShape}`,
    nodeId: node.id,
    fix: `set shape=${spec.standardShape} on '${node.id}'`,
    file: graph.file,
    loc,
  });
}

function isAliasId(id: string, ids: readonly string[]): boolean {
  return ids.includes(id.toLowerCase());
}
