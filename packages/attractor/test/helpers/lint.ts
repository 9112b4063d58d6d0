/** Shared helpers for lint-rule tests: parse a DOT source and run one rule over it. */
import type { Diagnostic, LintRule } from "../../src/index.js";
import { BUILT_IN_HANDLER_TYPES, parseDot } from "../../src/index.js";

/** The file name every helper parses with, so diagnostics carry it. */
export const FILE = "test.dot";

/** Parses `source` (no transforms) and applies `rule` with the built-in handler types (or `known`). */
export function runRule(rule: LintRule, source: string, known?: Iterable<string>): Diagnostic[] {
  const graph = parseDot(source, { file: FILE });
  return rule.apply(graph, { knownHandlerTypes: new Set(known ?? BUILT_IN_HANDLER_TYPES) });
}

/** A minimal valid pipeline around `body`: `start` and `exit` plus the given statements. */
export function pipeline(body: string, graphAttrs = ""): string {
  return `digraph T {\n  graph [goal="Ship it"${graphAttrs ? `, ${graphAttrs}` : ""}]\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n${body}\n}\n`;
}
