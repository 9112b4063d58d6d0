/**
 * `factory validate FILE... [--json] [--quiet]`: parses, transforms and lints pipelines
 * (attractor-spec §7) and prints every diagnostic.
 * @module
 */
import { type Diagnostic, DotSyntaxError, formatDiagnostic, preparePipeline } from "@darkfactory/attractor";
import type { Command } from "commander";
import { ExitCode, exitWith } from "../cli/errors.js";
import { readTextFile } from "../cli/files.js";
import { type CliIo, writeText } from "../cli/io.js";
import { diagnosticToJson, type FileReportJson, formatFileSummary, syntaxDiagnostic } from "../render/diagnostics.js";

/** Options of `factory validate`, as commander parses them. */
export interface ValidateCommandOptions {
  /** Print one JSON document (an array of file reports) instead of lines. */
  json?: boolean;
  /** Hide `info` diagnostics. */
  quiet?: boolean;
}

/** What validating one file found. `problem` is set when the file could not be read. */
interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
  problem?: string;
}

/** Registers `factory validate` on `program`. */
export function registerValidateCommand(program: Command, io: CliIo): void {
  program
    .command("validate")
    .description("check pipelines for syntax and lint errors (exit 2 when any has an error)")
    .argument("<files...>", "pipeline DOT files")
    .option("--json", "print one JSON document: [{ file, valid, diagnostics }]")
    .option("-q, --quiet", "hide info diagnostics")
    .action(async (files: string[], options: ValidateCommandOptions) => {
      const code = await validateCommand(files, options, io);
      if (code !== ExitCode.SUCCESS) throw exitWith(code);
    });
}

/**
 * Runs `factory validate` and returns the exit code: 2 when any file is unreadable, is not valid
 * DOT, or has an error diagnostic; 0 otherwise (warnings do not fail).
 *
 * Text mode writes each diagnostic to stdout as `file:line:col severity rule message` followed by
 * `(fix: ...)` when the rule suggests one, syntax errors in the same shape with rule `syntax`, and
 * on a terminal a summary line per file (`p.dot: 0 errors, 2 warnings`). An unreadable file is
 * reported on stderr as `factory: cannot read <path>: <reason>`; the other files are still checked.
 * `--json` writes one array of {@link FileReportJson} to stdout (an unreadable file appears with
 * one `read` error diagnostic at 0:0).
 */
export async function validateCommand(
  files: readonly string[],
  options: ValidateCommandOptions,
  io: CliIo,
): Promise<ExitCode> {
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await validateFile(file, io));
  const shown = (r: FileReport): Diagnostic[] =>
    options.quiet ? r.diagnostics.filter((d) => d.severity !== "info") : r.diagnostics;

  for (const r of reports) if (r.problem) io.stderr.write(`factory: ${r.problem}\n`);
  if (options.json) {
    const json: FileReportJson[] = reports.map((r) => ({
      file: r.file,
      valid: isValid(r),
      diagnostics: shown(r).map(diagnosticToJson),
    }));
    await writeText(io.stdout, `${JSON.stringify(json, null, 2)}\n`);
  } else {
    const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
    const lines: string[] = [];
    for (const r of reports) {
      if (r.problem) continue;
      for (const d of shown(r)) lines.push(formatDiagnostic(d));
      if (tty) lines.push(formatFileSummary(r.file, shown(r)));
    }
    if (lines.length > 0) await writeText(io.stdout, `${lines.join("\n")}\n`);
  }
  return reports.every(isValid) ? ExitCode.SUCCESS : ExitCode.INVALID_INPUT;
}

async function validateFile(file: string, io: CliIo): Promise<FileReport> {
  let source: string;
  try {
    source = await readTextFile(file, io.cwd);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return {
      file,
      problem,
      diagnostics: [{ rule: "read", severity: "error", message: problem, file, loc: { line: 0, column: 0 } }],
    };
  }
  try {
    return { file, diagnostics: preparePipeline(source, { file }).diagnostics };
  } catch (error) {
    if (error instanceof DotSyntaxError) return { file, diagnostics: [syntaxDiagnostic(error)] };
    throw error;
  }
}

function isValid(report: FileReport): boolean {
  return !report.diagnostics.some((d) => d.severity === "error");
}
