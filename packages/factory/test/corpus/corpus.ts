// Materializes ../shared/corpus/pipelines into a temporary tree with each file at its original
// path, so relative tool commands and child pipelines resolve as they did in their repositories.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root of this checkout. */
export const repoRoot = resolve(here, "../../../..");
/** The shared reference corpus, absent on a user's clone. */
export const corpusDir = resolve(repoRoot, "../shared/corpus/pipelines");
export const haveCorpus = existsSync(join(corpusDir, "MANIFEST.tsv"));

/** One MANIFEST.tsv row. */
export interface CorpusEntry {
  /** Path under corpus/pipelines, e.g. `danshapiro__kilroy/demo__tool-only__graph.dot`. */
  file: string;
  repo: string;
  /** Original path inside its repository. */
  path: string;
  kind: string;
}

/** The manifest rows. */
export function readManifest(): CorpusEntry[] {
  const [header, ...lines] = readFileSync(join(corpusDir, "MANIFEST.tsv"), "utf8").trim().split("\n");
  const cols = header.split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    const row = Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ""]));
    return { file: row.file, repo: row.repo, path: row.path, kind: row.kind };
  });
}

/** Where a repository's files are laid out under `root`. */
export function repoDir(root: string, entry: CorpusEntry): string {
  return join(root, entry.file.split("/")[0]);
}

/** Where an entry lands under `root` (its original path inside its repository's folder). */
export function materializedPath(root: string, entry: CorpusEntry): string {
  return join(repoDir(root, entry), entry.path);
}

/**
 * Copies every manifest file to its original path under `root`. `__TEST_DIR__` (fkyeah's
 * placeholder for the folder holding the file) is replaced as its test script does;
 * `__LOGS_DIR__` becomes `logsDirFor(entry)`.
 */
export function materialize(root: string, logsDirFor: (entry: CorpusEntry) => string): CorpusEntry[] {
  const entries = readManifest();
  for (const entry of entries) {
    const target = materializedPath(root, entry);
    mkdirSync(dirname(target), { recursive: true });
    const source = join(corpusDir, entry.file);
    const text = readFileSync(source, "utf8");
    if (text.includes("__TEST_DIR__") || text.includes("__LOGS_DIR__")) {
      writeFileSync(
        target,
        text.replaceAll("__TEST_DIR__", dirname(target)).replaceAll("__LOGS_DIR__", logsDirFor(entry)),
      );
    } else {
      cpSync(source, target);
    }
  }
  return entries;
}

/** The .dot files under corpus/pipelines (for checks that the manifest covers them all). */
export function corpusDotFiles(): string[] {
  return readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(corpusDir, d.name))
        .filter((f) => f.endsWith(".dot"))
        .map((f) => `${d.name}/${f}`),
    );
}
