/**
 * What the ripgrep and native grep backends share (coding-agent-loop-spec §3.3 grep, §4.2): the
 * record shape, the output format, path ordering and the newest-first sort also used by glob.
 * @module
 */
import { stat } from "node:fs/promises";
import type { GrepOptions } from "./types.js";

/** One line a grep backend found: a match or a context line. */
export interface GrepRecord {
  /** Absolute path of the file. */
  path: string;
  /** 1-based line number. */
  line: number;
  /** The line without its line terminator. */
  text: string;
  isMatch: boolean;
}

/** A grep backend: searches `root` (absolute file or directory) and reports in `options.outputMode`. */
export interface GrepRequest {
  pattern: string;
  /** Absolute file or directory to search. */
  root: string;
  /** Absolute working directory (paths print relative to it). */
  workingDir: string;
  options: Required<Pick<GrepOptions, "caseInsensitive" | "maxResults" | "beforeContext" | "afterContext">> &
    Pick<GrepOptions, "globFilter" | "outputMode">;
  /** Absolute path → how it is shown. */
  display: (absolute: string) => string;
}

/**
 * ripgrep's `content` format: `path:line:text` for matches, `path-line-text` for context lines,
 * and `--` between groups that are not adjacent (only when context was asked for).
 */
export function formatGrepContent(records: readonly GrepRecord[], display: (path: string) => string): string {
  const out: string[] = [];
  let previous: GrepRecord | undefined;
  const withContext = records.some((record) => !record.isMatch);
  for (const record of records) {
    if (withContext && previous && (previous.path !== record.path || record.line !== previous.line + 1)) out.push("--");
    out.push(
      `${display(record.path)}${record.isMatch ? ":" : "-"}${record.line}${record.isMatch ? ":" : "-"}${record.text}`,
    );
    previous = record;
  }
  return out.join("\n");
}

/** Orders `/`-separated paths component by component (ripgrep's `--sort path`). */
function comparePaths(a: string, b: string): number {
  return compareComponents(pathComponents(a), pathComponents(b));
}

/** A copy of `paths` in {@link comparePaths} order (each path split once, not per comparison). */
export function sortByPath(paths: readonly string[]): string[] {
  return paths
    .map((path) => ({ path, components: pathComponents(path) }))
    .sort((a, b) => compareComponents(a.components, b.components))
    .map((entry) => entry.path);
}

function pathComponents(path: string): string[] {
  return path.split(/[/\\]/);
}

function compareComponents(left: readonly string[], right: readonly string[]): number {
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}

/** `paths` (absolute) newest modification first; ties by path; unreadable paths last. */
export async function sortByMtimeDesc(paths: readonly string[]): Promise<string[]> {
  const stamped = await Promise.all(
    paths.map(async (path) => ({
      path,
      mtimeMs: await stat(path).then(
        (s) => s.mtimeMs,
        () => -1,
      ),
    })),
  );
  stamped.sort((a, b) => b.mtimeMs - a.mtimeMs || comparePaths(a.path, b.path));
  return stamped.map((entry) => entry.path);
}

/**
 * Compiles a grep pattern as a JavaScript RegExp (Unicode mode when the pattern allows it).
 * @throws `Invalid regex pattern "...": reason`.
 */
export function compileGrepPattern(pattern: string, caseInsensitive: boolean): RegExp {
  const flags = caseInsensitive ? "i" : "";
  try {
    return new RegExp(pattern, `${flags}u`);
  } catch {
    try {
      return new RegExp(pattern, flags);
    } catch (error) {
      throw new Error(`Invalid regex pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
    }
  }
}

/** The glob pattern a grep `globFilter` means: without a `/` it matches the file name at any depth. */
export function globFilterPattern(globFilter: string | undefined): string {
  if (!globFilter) return "**/*";
  return globFilter.includes("/") ? globFilter.replace(/^\.?\//, "") : `**/${globFilter}`;
}
