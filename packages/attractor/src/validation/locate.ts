/**
 * Builders that give every lint diagnostic its rule, file and most precise location
 * (the attribute's position when one attribute is at fault, else the node's or edge's).
 * @module
 */
import type { Edge, Graph, Node, SourceLocation } from "../model/graph.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

/** What a rule says about a finding; the builders add rule, file, ids and location. */
export interface Finding {
  severity: Severity;
  message: string;
  fix?: string;
  /** The attribute at fault: the diagnostic points at where its value was written. */
  attr?: string;
  /** An explicit location that overrides `attr`. */
  loc?: SourceLocation;
}

/** A diagnostic about a node, located at `finding.attr` when set, else at the node's first mention. */
export function nodeDiagnostic(rule: string, graph: Graph, node: Node, finding: Finding): Diagnostic {
  const loc = finding.loc ?? (finding.attr ? node.attrLocs.get(finding.attr) : undefined) ?? node.loc;
  return build(rule, graph, finding, loc, { nodeId: node.id });
}

/** A diagnostic about an edge, located at `finding.attr` when set, else at the edge's target. */
export function edgeDiagnostic(rule: string, graph: Graph, edge: Edge, finding: Finding): Diagnostic {
  const loc = finding.loc ?? (finding.attr ? edge.attrLocs.get(finding.attr) : undefined) ?? edge.loc;
  return build(rule, graph, finding, loc, { edge: { from: edge.from, to: edge.to } });
}

/** A diagnostic about the graph, located at `finding.attr` when set, else at the graph's opening brace. */
export function graphDiagnostic(rule: string, graph: Graph, finding: Finding): Diagnostic {
  const loc = finding.loc ?? (finding.attr ? graph.attrLocs.get(finding.attr) : undefined) ?? graph.attrLocs.get("");
  return build(rule, graph, finding, loc, {});
}

/**
 * The file position of a 1-based `line`/`column` inside an attribute value written at `valueLoc`.
 * Assumes the value was a quoted string (the position of its opening quote is `valueLoc`); it is
 * exact unless the string held escapes or `+` concatenation before the position.
 */
export function locInValue(valueLoc: SourceLocation, line: number, column: number): SourceLocation {
  return line <= 1
    ? { line: valueLoc.line, column: valueLoc.column + column }
    : { line: valueLoc.line + line - 1, column };
}

/**
 * A filter that lets through the first diagnostic per key (and every one without a key). Rules
 * use it so that a bad value inherited by many nodes from one `node [...]` block (or one
 * stylesheet) is reported once.
 */
export function oncePer(): (key: string | undefined) => boolean {
  const seen = new Set<string>();
  return (key) => {
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

/** `line:column` of `loc` (plus `extra`), for {@link oncePer} keys; `undefined` when there is no location. */
export function locKey(loc: SourceLocation | undefined, extra = ""): string | undefined {
  return loc ? `${loc.line}:${loc.column}${extra}` : undefined;
}

function build(
  rule: string,
  graph: Graph,
  finding: Finding,
  loc: SourceLocation | undefined,
  subject: Pick<Diagnostic, "nodeId" | "edge">,
): Diagnostic {
  const diagnostic: Diagnostic = { rule, severity: finding.severity, message: finding.message, ...subject };
  if (finding.fix) diagnostic.fix = finding.fix;
  if (graph.file !== undefined) diagnostic.file = graph.file;
  if (loc) diagnostic.loc = loc;
  return diagnostic;
}
