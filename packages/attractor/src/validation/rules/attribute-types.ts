/**
 * `attribute_types`: typed attributes hold values of their type (attractor-spec §2.4-2.7).
 * @module
 */
import { parseDuration } from "../../model/duration.js";
import type { AttrMap, SourceLocation } from "../../model/graph.js";
import type { Diagnostic, LintRule } from "../diagnostic.js";
import type { Finding } from "../locate.js";
import { edgeDiagnostic, graphDiagnostic, locKey, nodeDiagnostic, oncePer } from "../locate.js";

const RULE = "attribute_types";

interface TypeCheck {
  /** What the value should be, for the message: "an integer (e.g. 3)". */
  expected: string;
  /** True when the value has the type. */
  valid(value: string): boolean;
  /** A WARNING-level range problem with a value of the right type, if any. */
  range?(value: string): string | undefined;
}

const INTEGER = /^\s*-?\d+\s*$/;
const integer = (min?: number, why?: string): TypeCheck => ({
  expected: "an integer (e.g. 3)",
  valid: (v) => INTEGER.test(v),
  range: (v) => (min !== undefined && Number.parseInt(v, 10) < min ? `${why ?? `must be at least ${min}`}` : undefined),
});
const BOOLEAN: TypeCheck = {
  expected: "a boolean (true or false)",
  valid: (v) => /^(true|false)$/i.test(v.trim()),
};
const DURATION: TypeCheck = {
  expected: "a duration (e.g. 900s, 15m, 2h, 250ms; a bare number is seconds)",
  valid: (v) => parseDuration(v) !== undefined,
};
const NUMBER: TypeCheck = {
  expected: "a number (e.g. 2.0)",
  valid: (v) => v.trim() !== "" && Number.isFinite(Number(v)),
};

/** Malformed values of these attributes are ERRORs: the engine would silently use a default instead. */
const TYPED: Readonly<Record<string, TypeCheck>> = {
  max_retries: integer(0, "a negative retry count is treated as 0"),
  default_max_retries: integer(0, "a negative retry count is treated as 0"),
  weight: integer(),
  max_parallel: integer(1, "at least one branch must run at a time"),
  "manager.max_cycles": integer(1, "the manager would stop before its first cycle"),
  max_node_visits: integer(1),
  max_loop_restarts: integer(0),
  goal_gate: BOOLEAN,
  auto_status: BOOLEAN,
  allow_partial: BOOLEAN,
  loop_restart: BOOLEAN,
  "stack.child_autostart": BOOLEAN,
  retry_jitter: BOOLEAN,
  timeout: DURATION,
  "manager.poll_interval": DURATION,
  "manager.steer_cooldown": DURATION,
  "human.timeout": DURATION,
  retry_delay: DURATION,
  retry_max_delay: DURATION,
  retry_backoff_factor: NUMBER,
};

/** Values outside these sets are WARNINGs: handlers fall back to a default. */
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  reasoning_effort: ["low", "medium", "high"],
  join_policy: ["wait_all", "first_success"],
  error_policy: ["continue", "fail_fast"],
};

/**
 * Checks typed attributes wherever they are written (graph, nodes, edges): ERROR for a malformed
 * integer (`max_retries`, `default_max_retries`, `weight`, `max_parallel`, `manager.max_cycles`),
 * boolean (`goal_gate`, `auto_status`, `allow_partial`, `loop_restart`, ...) or duration
 * (`timeout`, `manager.poll_interval`, ...), naming the attribute, the value and the expected
 * type; WARNING for well-typed values out of range and for `reasoning_effort` outside
 * low/medium/high, `join_policy` outside wait_all/first_success or `error_policy` outside
 * continue/fail_fast (the values handlers/parallel.ts understands). A value inherited from one
 * default block or stylesheet is reported once (a stylesheet value as `model_stylesheet:`).
 */
export const attributeTypesRule: LintRule = {
  name: RULE,
  apply(graph): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const first = oncePer();
    const sheet = graph.attrLocs.get("model_stylesheet");
    const fromSheet = (loc: SourceLocation | undefined) =>
      loc !== undefined && sheet !== undefined && loc.line === sheet.line && loc.column === sheet.column;
    const check = (attrs: AttrMap, locs: Map<string, SourceLocation>, subject: string, emit: (f: Finding) => void) => {
      for (const [key, value] of attrs) {
        // Values the stylesheet transform applied carry the stylesheet's location.
        const finding = checkValue(key, value, fromSheet(locs.get(key)) ? "model_stylesheet:" : subject);
        if (finding && first(locKey(locs.get(key), `${key}=${value}`))) emit(finding);
      }
    };
    check(graph.attrs, graph.attrLocs, "graph attribute", (f) => diagnostics.push(graphDiagnostic(RULE, graph, f)));
    for (const node of graph.nodes.values()) {
      check(node.attrs, node.attrLocs, `attribute of node '${node.id}':`, (f) =>
        diagnostics.push(nodeDiagnostic(RULE, graph, node, f)),
      );
    }
    for (const edge of graph.edges) {
      check(edge.attrs, edge.attrLocs, `attribute of edge ${edge.from} -> ${edge.to}:`, (f) =>
        diagnostics.push(edgeDiagnostic(RULE, graph, edge, f)),
      );
    }
    return diagnostics;
  },
};

function checkValue(key: string, value: string, subject: string): Finding | undefined {
  const typed = TYPED[key];
  if (typed) {
    if (!typed.valid(value)) {
      return {
        severity: "error",
        message: `${subject} ${key}="${value}" is not ${typed.expected}`,
        fix: `write ${key} as ${typed.expected}`,
        attr: key,
      };
    }
    const range = typed.range?.(value);
    if (range) return { severity: "warning", message: `${subject} ${key}=${value}: ${range}`, attr: key };
    return undefined;
  }
  const allowed = ENUMS[key];
  if (allowed && !allowed.includes(value)) {
    const lower = value.toLowerCase();
    return {
      severity: "warning",
      message: `${subject} ${key}="${value}" is not one of ${allowed.join(", ")}`,
      fix: allowed.includes(lower) ? `write ${key}="${lower}"` : `use one of: ${allowed.join(", ")}`,
      attr: key,
    };
  }
  return undefined;
}
