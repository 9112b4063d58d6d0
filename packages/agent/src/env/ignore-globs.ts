/**
 * Default ignore globs for the native search fallbacks: `.git` and `node_modules` always, plus the
 * simple rules of a repository's root `.gitignore` (coding-agent-loop-spec §4.2 "fall back to
 * language-native regex search"). ripgrep applies full gitignore semantics by itself.
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/** Always skipped by the native walkers. */
export const DEFAULT_IGNORE_GLOBS: readonly string[] = ["**/.git/**", "**/node_modules/**"];

/**
 * {@link DEFAULT_IGNORE_GLOBS} plus the root `.gitignore` of `repoRoot` translated to globs, when
 * `repoRoot` is a git repository (has `.git`, like ripgrep requires). Negations (`!x`) and
 * comments are skipped; anything unreadable yields just the defaults.
 */
export async function ignoreGlobsFor(repoRoot: string): Promise<string[]> {
  const globs = [...DEFAULT_IGNORE_GLOBS];
  const isRepo = await stat(join(repoRoot, ".git")).then(
    () => true,
    () => false,
  );
  if (!isRepo) return globs;
  const text = await readFile(join(repoRoot, ".gitignore"), "utf8").catch(() => "");
  for (const raw of text.split(/\r?\n/)) globs.push(...gitignoreLineToGlobs(raw));
  return globs;
}

/** Globs (relative to the repository root) for one `.gitignore` line; [] for blanks, comments, negations. */
export function gitignoreLineToGlobs(raw: string): string[] {
  const line = raw.trim();
  if (line === "" || line.startsWith("#") || line.startsWith("!")) return [];
  const dirOnly = line.endsWith("/");
  let body = dirOnly ? line.slice(0, -1) : line;
  const anchored = body.startsWith("/") || body.slice(0, -1).includes("/");
  body = body.replace(/^\//, "");
  if (body === "") return [];
  const base = anchored ? body : `**/${body}`;
  return dirOnly ? [`${base}/**`] : [base, `${base}/**`];
}
