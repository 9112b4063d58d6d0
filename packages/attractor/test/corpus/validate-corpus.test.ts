/**
 * Runs preparePipeline over every DOT file of the shared corpus (pipelines written for other
 * Attractor implementations, ../shared/corpus/pipelines) and checks that each one either has no
 * error diagnostics or fails exactly as recorded in expected-invalid.json.
 * Skips, with a note, when ../shared is not checked out next to the repository.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DotSyntaxError, formatDiagnostic } from "../../src/index.js";
import { preparePipeline } from "../../src/prepare.js";

interface Expectation {
  reason: string;
  /** The error rules the file must produce, exactly. */
  rules?: string[];
  /** `line:column` of the DotSyntaxError the file must raise. */
  syntax?: string;
  /** `line:column` of each error diagnostic, in order, when the fixture pins them. */
  at?: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../../..");
const corpusRoot = path.join(path.resolve(repoRoot, "../shared"), "corpus", "pipelines");
const available = existsSync(corpusRoot);
const expected: Record<string, Expectation> = JSON.parse(
  readFileSync(path.join(here, "expected-invalid.json"), "utf8"),
);

if (!available) {
  // A note for whoever runs the suite without the shared corpus; the suite below is skipped.
  console.info(`corpus check skipped: ${corpusRoot} does not exist (clone the shared folder next to the repository)`);
}

function dotFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return dotFiles(full);
    return entry.name.endsWith(".dot") ? [path.relative(corpusRoot, full).split(path.sep).join("/")] : [];
  });
}

/** What actually happens to a file: its error rules, or its syntax error position. */
function outcomeOf(
  file: string,
): { rules: string[]; errors: string[]; at: string[] } | { syntax: string; message: string } {
  const source = readFileSync(path.join(corpusRoot, file), "utf8");
  try {
    const { diagnostics } = preparePipeline(source, { file });
    const errors = diagnostics.filter((d) => d.severity === "error");
    return {
      rules: [...new Set(errors.map((d) => d.rule))].sort(),
      errors: errors.map(formatDiagnostic),
      at: errors.map((d) => `${d.loc?.line}:${d.loc?.column}`),
    };
  } catch (error) {
    if (!(error instanceof DotSyntaxError)) throw error;
    return { syntax: `${error.location.line}:${error.location.column}`, message: error.message };
  }
}

describe.skipIf(!available)("shared corpus of pipelines from other implementations", () => {
  const files = available ? dotFiles(corpusRoot).sort() : [];

  it("finds the corpus files", () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
  });

  it("lists in expected-invalid.json only files that exist", () => {
    for (const file of Object.keys(expected)) expect(files, file).toContain(file);
  });

  it.each(files)("%s", (file) => {
    const outcome = outcomeOf(file);
    const expectation = expected[file];
    if (!expectation) {
      // Valid: no error diagnostics at all (the list is shown when this fails).
      expect("errors" in outcome ? outcome.errors : [outcome.message]).toEqual([]);
      return;
    }
    expect(expectation.reason.length).toBeGreaterThan(0);
    if (expectation.syntax) expect("syntax" in outcome ? outcome.syntax : outcome).toBe(expectation.syntax);
    else expect("rules" in outcome ? outcome.rules : outcome).toEqual([...(expectation.rules ?? [])].sort());
    if (expectation.at) expect("at" in outcome ? outcome.at : outcome).toEqual(expectation.at);
  });
});
