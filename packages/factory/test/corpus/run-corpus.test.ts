// Runs every corpus pipeline that validates through `factory run --simulate --auto-approve`, and
// compares against the expected results the corpus ships (attractor-pi-dev golden scenarios).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { preparePipeline } from "@darkfactory/attractor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import {
  type CorpusEntry,
  corpusDir,
  haveCorpus,
  materialize,
  materializedPath,
  readManifest,
  repoDir,
} from "./corpus.js";

interface RunExpectation {
  exit: number;
  /** Extra `factory run` arguments for this file. */
  args?: string[];
  /** A substring of the pipeline's failure reason. */
  failure: string;
  reason: string;
}

const expectations = JSON.parse(readFileSync(new URL("./run-expectations.json", import.meta.url), "utf8")) as Record<
  string,
  RunExpectation
>;

if (!haveCorpus) console.warn(`corpus run skipped: ${corpusDir} not found (../shared is not beside this checkout)`);

describe.skipIf(!haveCorpus)("corpus pipelines run end to end with --simulate --auto-approve", () => {
  let root: string;
  const logsFor = (entry: CorpusEntry) => join(root, "runs", entry.file.replace(/[/.]/g, "_"));
  const entries = haveCorpus
    ? readManifest().filter((e) => e.file.endsWith(".dot") && (e.kind === "pipeline" || e.kind === "child_pipeline"))
    : [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "corpus-run-"));
    materialize(root, logsFor);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("the expectations fixture names only corpus files", () => {
    const known = new Set(entries.map((e) => e.file));
    expect(Object.keys(expectations).filter((f) => !known.has(f))).toEqual([]);
  });

  for (const entry of entries) {
    it(entry.file, async () => {
      const path = materializedPath(root, entry);
      let errors: string[];
      try {
        errors = preparePipeline(readFileSync(path, "utf8"), { file: path })
          .diagnostics.filter((d) => d.severity === "error")
          .map((d) => d.rule);
      } catch {
        errors = ["syntax"];
      }
      if (errors.length > 0) {
        // Invalid files are covered by the validation corpus test; here they must be refused with exit 2.
        const result = await runCli(["run", path, "--simulate", "--auto-approve", "--logs", logsFor(entry)], {
          cwd: repoDir(root, entry),
        });
        expect(result.code).toBe(2);
        expect(existsSync(logsFor(entry))).toBe(false);
        return;
      }
      const logs = logsFor(entry);
      const expected = expectations[entry.file];
      const args = ["run", path, "--simulate", "--auto-approve", "--logs", logs, "--json", ...(expected?.args ?? [])];
      const result = await runCli(args, { cwd: repoDir(root, entry) });
      const events = result.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { type: string; error?: string });
      const last = events.at(-1);
      const checkpoint = JSON.parse(readFileSync(join(logs, "checkpoint.json"), "utf8")) as {
        status: string;
        failure_reason?: string;
      };
      if (expected) {
        expect({ code: result.code, status: checkpoint.status }).toEqual({ code: expected.exit, status: "fail" });
        expect(last?.type).toBe("pipeline_failed");
        expect(checkpoint.failure_reason ?? "").toContain(expected.failure);
      } else {
        expect({ code: result.code, status: checkpoint.status, failure: checkpoint.failure_reason }).toEqual({
          code: 0,
          status: "success",
          failure: undefined,
        });
        expect(last?.type).toBe("pipeline_completed");
      }
    }, 60_000);
  }
});
