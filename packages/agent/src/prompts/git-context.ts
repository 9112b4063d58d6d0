/**
 * Git context snapshot (coding-agent-loop-spec §6.4): branch, short status counts and recent
 * commits, read by running git through the ExecutionEnvironment (so it works for any environment).
 * @module
 */
import type { ExecutionEnvironment } from "../env/types.js";

/** §6.4 the repository as it was when the session started. */
export interface GitContext {
  /** Absolute path of the repository root. */
  root: string;
  /** Current branch, or `(detached at <sha>)`. */
  branch: string;
  /** Tracked files with staged or unstaged changes. */
  modifiedCount: number;
  untrackedCount: number;
  /** Recent commits, newest first, as `<short sha> <subject>`. */
  recentCommits: string[];
}

/** Options of {@link collectGitContext}. */
export interface GitContextOptions {
  /** How many recent commits to list (default 10). */
  maxCommits?: number;
  /** Timeout of each git command, ms (default 5000). */
  timeoutMs?: number;
}

/**
 * §6.4 the git snapshot of the environment's working directory, or undefined when it is not in a
 * git repository (or git is unavailable). Never throws.
 */
export async function collectGitContext(
  env: ExecutionEnvironment,
  options: GitContextOptions = {},
): Promise<GitContext | undefined> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const run = async (command: string): Promise<string | undefined> => {
    try {
      const result = await env.execCommand(command, { timeoutMs });
      return result.exitCode === 0 && !result.timedOut ? result.stdout.trim() : undefined;
    } catch {
      return undefined;
    }
  };
  const root = await run("git rev-parse --show-toplevel");
  if (!root) return undefined;
  const [branch, sha, status, log] = await Promise.all([
    run("git branch --show-current"),
    run("git rev-parse --short HEAD"),
    run("git status --porcelain"),
    run(`git log --oneline -n ${options.maxCommits ?? 10}`),
  ]);
  const statusLines = (status ?? "").split("\n").filter((l) => l.trim() !== "");
  const untrackedCount = statusLines.filter((l) => l.startsWith("??")).length;
  return {
    root,
    branch: branch || (sha ? `(detached at ${sha})` : "(no commits yet)"),
    modifiedCount: statusLines.length - untrackedCount,
    untrackedCount,
    recentCommits: (log ?? "").split("\n").filter((l) => l.trim() !== ""),
  };
}

/** The git snapshot as a `<git>` block for the system prompt. */
export function renderGitContext(git: GitContext): string {
  const lines = [
    "<git>",
    `Repository root: ${git.root}`,
    `Branch: ${git.branch}`,
    `Status: ${git.modifiedCount} modified, ${git.untrackedCount} untracked`,
  ];
  if (git.recentCommits.length > 0) lines.push("Recent commits:", ...git.recentCommits.map((c) => `  ${c}`));
  lines.push("</git>");
  return lines.join("\n");
}
