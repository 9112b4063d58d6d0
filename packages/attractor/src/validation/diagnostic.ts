/**
 * The diagnostic model of validation and linting (attractor-spec §7.1, §7.4).
 * @module
 */
import { AttractorError } from "../errors.js";
import type { Graph, SourceLocation } from "../model/graph.js";

/** How bad a finding is: `error` blocks execution, `warning` and `info` do not. */
export type Severity = "error" | "warning" | "info";

/** One finding of a lint rule. `loc` is the 1-based position in `file` when known. */
export interface Diagnostic {
  /** Rule identifier, e.g. `start_node`. */
  rule: string;
  severity: Severity;
  message: string;
  nodeId?: string;
  edge?: { from: string; to: string };
  /** A suggested fix, written as an instruction. */
  fix?: string;
  file?: string;
  loc?: SourceLocation;
}

/** What a lint rule may know beyond the graph. */
export interface LintContext {
  /** Handler types the registry knows (for `type_known`). */
  knownHandlerTypes: ReadonlySet<string>;
}

/** A lint rule (attractor-spec §7.4): a name and a pure function of the graph. */
export interface LintRule {
  name: string;
  apply(graph: Graph, context: LintContext): Diagnostic[];
}

/**
 * Thrown by `validateOrRaise` when any diagnostic has severity `error` (attractor-spec §7.3).
 * `diagnostics` holds every finding, errors first.
 */
export class ValidationError extends AttractorError {
  override name = "ValidationError";
  readonly diagnostics: Diagnostic[];
  constructor(options: { diagnostics: Diagnostic[] }) {
    const errors = options.diagnostics.filter((d) => d.severity === "error");
    super({
      message: `pipeline is invalid (${errors.length} error${errors.length === 1 ? "" : "s"}):\n${errors
        .map((d) => `  ${formatDiagnostic(d)}`)
        .join("\n")}`,
    });
    this.diagnostics = options.diagnostics;
  }
}

/** `file:line:col severity rule message` — the format `factory validate` prints. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file ?? "<input>"}:${d.loc?.line ?? 0}:${d.loc?.column ?? 0}`;
  return `${where} ${d.severity} ${d.rule} ${d.message}${d.fix ? ` (fix: ${d.fix})` : ""}`;
}
