/**
 * The `apply_patch` tool of the OpenAI profile (coding-agent-loop-spec §3.4, Appendix A): parse,
 * plan every file in memory, then commit all-or-nothing.
 * @module
 */
import type { ExecutionEnvironment } from "../../env/types.js";
import { stringArg } from "../args.js";
import type { RegisteredTool } from "../types.js";
import { commitChanges } from "./commit.js";
import { parsePatch } from "./parser.js";
import { planPatch } from "./plan.js";

/**
 * Applies a v4a patch through `env` and lists what it did (`A`/`M`/`D` lines, then fuzz notes).
 * Atomic across files: on a parse error, a missing file, a hunk that does not match, or a failed
 * write, no file is left changed.
 * @throws with a message naming the patch line, file and hunk at fault.
 */
export async function applyPatch(env: ExecutionEnvironment, patch: string): Promise<string> {
  const operations = parsePatch(patch);
  const plan = await planPatch(env, operations);
  await commitChanges(env, plan.changes);
  const lines = ["Success. Updated the following files:", ...plan.summary];
  if (plan.notes.length > 0)
    lines.push("Note: some hunks matched only approximately:", ...plan.notes.map((n) => `  ${n}`));
  return lines.join("\n");
}

const DESCRIPTION = `Apply code changes using the patch format. Supports creating, deleting, and modifying files in a single operation; all changes apply together or not at all.

The patch is plain text wrapped in "*** Begin Patch" and "*** End Patch". Between them, one block per file:
*** Add File: <path>      then every line of the new file prefixed with "+"
*** Delete File: <path>   nothing follows
*** Update File: <path>   optionally "*** Move to: <new path>", then one or more hunks

A hunk starts with "@@" optionally followed by a line that appears just above the change (such as a function or class signature) to locate it. Hunk lines start with " " (unchanged context), "-" (removed) or "+" (added). Show about 3 lines of context above and below each change; do not use line numbers. "*** End of File" after a hunk anchors it at the end of the file. Paths are relative to the working directory.

Example:
*** Begin Patch
*** Update File: src/app.py
@@ def main():
     print("Hello")
-    return 0
+    return 1
*** End Patch`;

/** §3.4 `apply_patch`: `patch` (v4a text). */
export function createApplyPatchTool(): RegisteredTool {
  return {
    definition: {
      name: "apply_patch",
      description: DESCRIPTION,
      parameters: {
        type: "object",
        properties: {
          patch: {
            type: "string",
            description: "The patch content in v4a format, from *** Begin Patch to *** End Patch.",
          },
        },
        required: ["patch"],
      },
    },
    executor: async (args, context) => applyPatch(context.env, stringArg(args, "patch")),
  };
}
