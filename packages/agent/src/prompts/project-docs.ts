/**
 * Project document discovery (coding-agent-loop-spec §6.5): instruction files from the git root
 * (or the working directory) down to the working directory, filtered by provider, within a 32KB
 * budget. Files are read through the ExecutionEnvironment.
 * @module
 */
import { posix } from "node:path";
import type { ExecutionEnvironment } from "../env/types.js";

/** §6.5 the universal instruction file, loaded for every provider. */
export const UNIVERSAL_PROJECT_DOC = "AGENTS.md";

/** §6.5 provider-aligned instruction files by profile id. */
export const PROVIDER_PROJECT_DOCS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  openai: [".codex/instructions.md"],
  anthropic: ["CLAUDE.md"],
  gemini: ["GEMINI.md"],
});

/** §6.5 total budget for project instructions, bytes (UTF-8). */
export const PROJECT_DOCS_BUDGET_BYTES = 32 * 1024;

/** §6.5 appended when the budget cut the instructions short. */
export const PROJECT_DOCS_TRUNCATION_MARKER = "[Project instructions truncated at 32KB]";

/** One loaded instruction file. */
export interface ProjectDoc {
  /** Absolute path. */
  path: string;
  /** Its text (possibly cut at the budget). */
  content: string;
}

/** What {@link discoverProjectDocs} found. */
export interface ProjectDocs {
  /** Root-level files first, deeper directories after (deeper = higher precedence). */
  docs: ProjectDoc[];
  /** True when the budget cut some content. */
  truncated: boolean;
}

/** Options of {@link discoverProjectDocs}. */
export interface ProjectDocsOptions {
  /** File names looked for in each directory, in order (default: AGENTS.md + the provider's files). */
  fileNames: readonly string[];
  /** Where the walk starts: the git root; the working directory alone when undefined. */
  gitRoot?: string;
  /** Default {@link PROJECT_DOCS_BUDGET_BYTES}. */
  budgetBytes?: number;
}

/** §6.5 the instruction files a profile loads: AGENTS.md, then the provider's own. */
export function projectDocFileNames(providerId: string): string[] {
  return [UNIVERSAL_PROJECT_DOC, ...(PROVIDER_PROJECT_DOCS[providerId] ?? [])];
}

/** Directories from `root` down to `cwd`, both included; just `cwd` when it is not under `root`. */
function walkDirectories(root: string | undefined, cwd: string): string[] {
  if (root === undefined) return [cwd];
  const rel = posix.relative(root, cwd);
  if (rel.startsWith("..") || posix.isAbsolute(rel)) return [cwd];
  const dirs = [root];
  let current = root;
  for (const segment of rel.split("/").filter((s) => s !== "")) {
    current = posix.join(current, segment);
    dirs.push(current);
  }
  return dirs;
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes, never splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  return bytes
    .subarray(0, Math.max(0, maxBytes))
    .toString("utf8")
    .replace(/\uFFFD+$/, "");
}

/**
 * §6.5 reads the instruction files from `gitRoot` down to the environment's working directory.
 * Missing or unreadable files are skipped; never throws.
 */
export async function discoverProjectDocs(
  env: ExecutionEnvironment,
  options: ProjectDocsOptions,
): Promise<ProjectDocs> {
  const budget = options.budgetBytes ?? PROJECT_DOCS_BUDGET_BYTES;
  let remaining = budget;
  let truncated = false;
  const docs: ProjectDoc[] = [];
  for (const dir of walkDirectories(options.gitRoot, env.workingDirectory())) {
    for (const name of options.fileNames) {
      if (truncated) break;
      const path = posix.join(dir, name);
      let content: string;
      try {
        if (!(await env.fileExists(path))) continue;
        content = await env.readFile(path);
      } catch {
        continue;
      }
      const size = Buffer.byteLength(content, "utf8");
      if (size > remaining) {
        content = cutToBytes(content, remaining);
        truncated = true;
      }
      remaining -= Buffer.byteLength(content, "utf8");
      if (content !== "") docs.push({ path, content });
    }
  }
  return { docs, truncated };
}

/** The project instructions as a prompt section ("" when there are none). */
export function renderProjectDocs(projectDocs: ProjectDocs): string {
  if (projectDocs.docs.length === 0 && !projectDocs.truncated) return "";
  const parts = ["# Project instructions", "Instructions from deeper directories take precedence over earlier ones."];
  for (const doc of projectDocs.docs) parts.push(`## ${doc.path}\n\n${doc.content.trimEnd()}`);
  if (projectDocs.truncated) parts.push(PROJECT_DOCS_TRUNCATION_MARKER);
  return parts.join("\n\n");
}
