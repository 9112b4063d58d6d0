// Diagnostics as the CLI shows them: syntax errors in the diagnostic shape, JSON, summaries.
import { type Diagnostic, DotSyntaxError } from "@darkfactory/attractor";
import { describe, expect, it } from "vitest";
import {
  diagnosticToJson,
  formatFileSummary,
  formatSyntaxError,
  syntaxDiagnostic,
} from "../../src/render/diagnostics.js";

describe("diagnostics rendering", () => {
  it("formats a syntax error like any diagnostic: file:line:col error syntax detail", () => {
    const error = new DotSyntaxError({ detail: "expected '{'", location: { line: 3, column: 7 }, file: "p.dot" });
    expect(formatSyntaxError(error)).toBe("p.dot:3:7 error syntax expected '{'");
    expect(syntaxDiagnostic(error)).toEqual({
      rule: "syntax",
      severity: "error",
      message: "expected '{'",
      file: "p.dot",
      loc: { line: 3, column: 7 },
    });
  });

  it("turns a diagnostic into JSON with line and column (0 when unknown) and optional fields only when set", () => {
    const full: Diagnostic = {
      rule: "edge_target_exists",
      severity: "error",
      message: "no node 'x'",
      edge: { from: "a", to: "x" },
      nodeId: "a",
      fix: "add x",
      file: "p.dot",
      loc: { line: 2, column: 5 },
    };
    expect(diagnosticToJson(full)).toEqual({
      rule: "edge_target_exists",
      severity: "error",
      message: "no node 'x'",
      nodeId: "a",
      edge: { from: "a", to: "x" },
      fix: "add x",
      line: 2,
      column: 5,
    });
    expect(diagnosticToJson({ rule: "r", severity: "info", message: "m" })).toEqual({
      rule: "r",
      severity: "info",
      message: "m",
      line: 0,
      column: 0,
    });
  });

  it("summarises a file's counts with plurals", () => {
    const d = (severity: Diagnostic["severity"]): Diagnostic => ({ rule: "r", severity, message: "m" });
    expect(formatFileSummary("p.dot", [])).toBe("p.dot: 0 errors, 0 warnings");
    expect(formatFileSummary("p.dot", [d("error"), d("warning"), d("warning")])).toBe("p.dot: 1 error, 2 warnings");
    expect(formatFileSummary("p.dot", [d("info")])).toBe("p.dot: 0 errors, 0 warnings, 1 info");
  });
});
