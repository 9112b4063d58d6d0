/**
 * Diagnostics as `factory validate` and `factory run` show them: one `file:line:col severity rule
 * message` line each (syntax errors included, as rule `syntax`), a per-file summary, and JSON.
 * @module
 */
import { type Diagnostic, type DotSyntaxError, formatDiagnostic, type Severity } from "@darkfactory/attractor";

/** One diagnostic in `factory validate --json` output. `line`/`column` are 1-based, 0 when unknown. */
export interface DiagnosticJson {
  rule: string;
  severity: Severity;
  message: string;
  nodeId?: string;
  edge?: { from: string; to: string };
  fix?: string;
  line: number;
  column: number;
}

/** One file in `factory validate --json` output: valid when it has no error diagnostic. */
export interface FileReportJson {
  file: string;
  valid: boolean;
  diagnostics: DiagnosticJson[];
}

/** A DOT syntax error as a diagnostic: rule `syntax`, severity `error`, at the error's position. */
export function syntaxDiagnostic(error: DotSyntaxError): Diagnostic {
  return {
    rule: "syntax",
    severity: "error",
    message: error.detail,
    file: error.file,
    loc: { line: error.location.line, column: error.location.column },
  };
}

/** `file:line:col error syntax <detail>`: a syntax error in the shape of every other diagnostic. */
export function formatSyntaxError(error: DotSyntaxError): string {
  return formatDiagnostic(syntaxDiagnostic(error));
}

/** The JSON form of a diagnostic (no `file`: the enclosing report names it). */
export function diagnosticToJson(d: Diagnostic): DiagnosticJson {
  return {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    ...(d.nodeId !== undefined ? { nodeId: d.nodeId } : {}),
    ...(d.edge !== undefined ? { edge: { from: d.edge.from, to: d.edge.to } } : {}),
    ...(d.fix !== undefined ? { fix: d.fix } : {}),
    line: d.loc?.line ?? 0,
    column: d.loc?.column ?? 0,
  };
}

/** How many diagnostics of each severity. */
export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/**
 * The one-line summary of a file: `pipeline.dot: 0 errors, 2 warnings` (`, 1 info` is added when
 * there are info diagnostics).
 */
export function formatFileSummary(file: string, diagnostics: readonly Diagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
  if (counts.info > 0) parts.push(`${counts.info} info`);
  return `${file}: ${parts.join(", ")}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
