/**
 * Writing a planned patch all-or-nothing (coding-agent-loop-spec Appendix A): each file is written
 * atomically by the environment (temp + rename), and when one write or delete fails, the files
 * already changed are restored to their previous content.
 * @module
 */
import type { ExecutionEnvironment } from "../../env/types.js";
import type { FileChange } from "./plan.js";

/**
 * Applies `changes` in order through `env`.
 * @throws when a change fails; earlier changes are rolled back first, and the message says whether
 *   the rollback restored everything (and lists what it could not restore).
 */
export async function commitChanges(env: ExecutionEnvironment, changes: readonly FileChange[]): Promise<void> {
  if (changes.some((change) => change.after === undefined) && !env.deleteFile) {
    throw new Error(
      "apply_patch: this environment cannot delete files (Delete File / Move to). No files were changed.",
    );
  }
  const done: FileChange[] = [];
  for (const change of changes) {
    try {
      await put(env, change.path, change.after);
      done.push(change);
    } catch (error) {
      const failed: string[] = [];
      for (const previous of done.reverse()) {
        try {
          await put(env, previous.path, previous.before);
        } catch (rollbackError) {
          failed.push(`${previous.path} (${(rollbackError as Error).message})`);
        }
      }
      const outcome =
        failed.length === 0
          ? done.length === 0
            ? "No files were changed."
            : `The ${done.length} file(s) already changed were restored; no files were changed.`
          : `Restoring these files failed, so they may be left modified: ${failed.join(", ")}.`;
      const verb = change.after === undefined ? "deleting" : "writing";
      throw new Error(`apply_patch: failed while ${verb} ${change.path}: ${(error as Error).message}. ${outcome}`);
    }
  }
}

async function put(env: ExecutionEnvironment, path: string, content: string | undefined): Promise<void> {
  if (content === undefined) await env.deleteFile!(path);
  else await env.writeFile(path, content);
}
