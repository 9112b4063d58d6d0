/**
 * Planning a whole patch before anything is written (coding-agent-loop-spec Appendix A): every
 * operation runs against an in-memory view of the files, so a failing hunk anywhere means no file
 * changes at all.
 * @module
 */
import { resolve } from "node:path";
import type { ExecutionEnvironment } from "../../env/types.js";
import { MATCH_LEVEL_DESCRIPTIONS } from "../fuzzy-match.js";
import { applyHunks } from "./hunks.js";
import type { PatchOperation } from "./parser.js";

/** One file's net change: `undefined` content means absent (not yet created, or deleted). */
export interface FileChange {
  /** The path as the patch names it (passed to the environment). */
  path: string;
  before: string | undefined;
  after: string | undefined;
}

/** What {@link planPatch} worked out. */
export interface PatchPlan {
  /** Net changes, in the order the patch first touches each file. */
  changes: FileChange[];
  /** One line per operation: `A path`, `M path`, `D path`, `M new (moved from old)`. */
  summary: string[];
  /** Hunks applied with fuzz, e.g. `src/a.py hunk 2: matched ignoring trailing whitespace`. */
  notes: string[];
}

interface VirtualFile {
  path: string;
  original: string | undefined;
  current: string | undefined;
}

/**
 * Runs `operations` against the current files (read through `env`) without writing.
 * @throws when a file to update or delete is missing or a hunk does not match (message names the
 *   file, hunk and patch line).
 */
export async function planPatch(env: ExecutionEnvironment, operations: readonly PatchOperation[]): Promise<PatchPlan> {
  const files = new Map<string, VirtualFile>();
  const base = env.workingDirectory();
  const load = async (path: string): Promise<VirtualFile> => {
    const key = resolve(base, path);
    let file = files.get(key);
    if (!file) {
      const original = (await env.fileExists(path)) ? await env.readFile(path) : undefined;
      file = { path, original, current: original };
      files.set(key, file);
    }
    return file;
  };
  const summary: string[] = [];
  const notes: string[] = [];

  for (const operation of operations) {
    const file = await load(operation.path);
    if (operation.type === "add") {
      file.current = operation.content;
      summary.push(`A ${operation.path}`);
      continue;
    }
    if (file.current === undefined) {
      const verb = operation.type === "delete" ? "Delete" : "Update";
      throw new Error(
        `apply_patch: cannot ${verb.toLowerCase()} ${operation.path} (patch line ${operation.line}): the file does not exist. ` +
          "No files were changed.",
      );
    }
    if (operation.type === "delete") {
      file.current = undefined;
      summary.push(`D ${operation.path}`);
      continue;
    }
    const applied = applyHunks(file.current, operation.hunks, operation.path);
    for (const { hunk, level } of applied.fuzzy)
      notes.push(`${operation.path} hunk ${hunk}: ${MATCH_LEVEL_DESCRIPTIONS[level]}`);
    if (operation.moveTo !== undefined) {
      const target = await load(operation.moveTo);
      file.current = undefined;
      target.current = applied.content;
      summary.push(`M ${operation.moveTo} (moved from ${operation.path})`);
    } else {
      file.current = applied.content;
      summary.push(`M ${operation.path}`);
    }
  }

  const changes = [...files.values()]
    .filter((file) => file.current !== file.original)
    .map((file) => ({ path: file.path, before: file.original, after: file.current }));
  return { changes, summary, notes };
}
