/**
 * `glob` (coding-agent-loop-spec §3.3): files matching a glob pattern, newest modification first.
 * @module
 */
import type { GlobOptions } from "../../env/types.js";
import { optionalString, stringArg } from "../args.js";
import type { RegisteredTool, ToolContext } from "../types.js";

/** At most this many paths are listed, newest first. */
export const MAX_GLOB_RESULTS = 1000;

/**
 * The matching paths, one per line (absolute, newest first), or `No files found ...`; a note says
 * when more than {@link MAX_GLOB_RESULTS} matched.
 * @throws when `path` is missing or outside the allowed roots.
 */
export async function globReport(
  pattern: string,
  path: string | undefined,
  context: ToolContext,
  options: GlobOptions = {},
): Promise<string> {
  const files = await context.env.glob(pattern, path ?? ".", options);
  if (files.length === 0)
    return `No files found matching ${JSON.stringify(pattern)} in ${path ?? "the working directory"}.`;
  const shown = files.slice(0, MAX_GLOB_RESULTS).join("\n");
  return files.length > MAX_GLOB_RESULTS
    ? `${shown}\n[${files.length - MAX_GLOB_RESULTS} more files not shown; use a more specific pattern.]`
    : shown;
}

/** §3.3 the shared-core `glob`: `pattern`, `path`. */
export function createGlobTool(): RegisteredTool {
  return {
    definition: {
      name: "glob",
      description:
        'Find files matching a glob pattern (e.g. "**/*.ts", "src/**/*.py"). Returns absolute paths sorted by ' +
        "modification time, newest first.",
      parameters: {
        type: "object",
        properties: {
          pattern: { type: "string", description: 'Glob pattern, e.g. "**/*.ts".' },
          path: { type: "string", description: "Base directory to search in (default: the working directory)." },
        },
        required: ["pattern"],
      },
    },
    executor: async (args, context) => globReport(stringArg(args, "pattern"), optionalString(args, "path"), context),
  };
}
