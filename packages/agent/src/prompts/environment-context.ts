/**
 * The environment context block (coding-agent-loop-spec §6.3): working directory, git, platform,
 * date and model, snapshotted once at session start and included in every system prompt.
 * @module
 */
import type { ExecutionEnvironment } from "../env/types.js";
import { collectGitContext, type GitContext, renderGitContext } from "./git-context.js";

/** §6.3 what the model is told about where it runs. */
export interface EnvironmentContext {
  /** Absolute working directory. */
  workingDirectory: string;
  /** `linux`, `darwin`, `windows`, `wasm`. */
  platform: string;
  osVersion: string;
  /** Today's date, `YYYY-MM-DD` (local time of the host). */
  date: string;
  /** Model id sent to the provider. */
  model: string;
  /** Human name of the model (the catalog's display name, else the id). */
  modelDisplayName: string;
  /** The model's knowledge cutoff, when the profile knows it (free text, e.g. `2025-01`). */
  knowledgeCutoff?: string;
  /** §6.4 undefined when the working directory is not in a git repository. */
  git?: GitContext;
}

/** Model facts the profile contributes to the environment block. */
export interface ModelFacts {
  model: string;
  modelDisplayName: string;
  knowledgeCutoff?: string;
}

/** Formats a date as `YYYY-MM-DD` in local time. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * §6.3/§6.4 snapshots the environment (git runs through `env.execCommand`). Never throws: git
 * failures leave `git` undefined.
 * @param now the clock (default: the current time), for deterministic tests.
 */
export async function collectEnvironmentContext(
  env: ExecutionEnvironment,
  model: ModelFacts,
  now: Date = new Date(),
): Promise<EnvironmentContext> {
  const git = await collectGitContext(env);
  return {
    workingDirectory: env.workingDirectory(),
    platform: env.platform(),
    osVersion: env.osVersion(),
    date: isoDate(now),
    ...model,
    ...(git ? { git } : {}),
  };
}

/** §6.3 the `<environment>` block (followed by the §6.4 `<git>` block inside a repository). */
export function renderEnvironmentContext(context: EnvironmentContext): string {
  const lines = [
    "<environment>",
    `Working directory: ${context.workingDirectory}`,
    `Is git repository: ${context.git ? "true" : "false"}`,
  ];
  if (context.git) lines.push(`Git branch: ${context.git.branch}`);
  lines.push(
    `Platform: ${context.platform}`,
    `OS version: ${context.osVersion}`,
    `Today's date: ${context.date}`,
    `Model: ${context.modelDisplayName}`,
  );
  if (context.knowledgeCutoff) lines.push(`Knowledge cutoff: ${context.knowledgeCutoff}`);
  lines.push("</environment>");
  const block = lines.join("\n");
  return context.git ? `${block}\n${renderGitContext(context.git)}` : block;
}
