/**
 * `grep` (coding-agent-loop-spec §3.3): regex search of file contents through the environment
 * (ripgrep or the native fallback).
 * @module
 */
import type { GrepOptions } from "../../env/types.js";
import { optionalBool, optionalInt, optionalString, stringArg } from "../args.js";
import type { RegisteredTool, ToolContext } from "../types.js";

/** Default `max_results` (§3.3). */
export const DEFAULT_GREP_MAX_RESULTS = 100;

/** A grep request after argument parsing. */
export interface GrepRequest extends GrepOptions {
  pattern: string;
  /** File or directory; default the working directory. */
  path?: string;
}

/**
 * Runs the search and returns its lines, `No matches found ...` when empty, and a note when the
 * result limit was reached.
 * @throws on an invalid regex or a missing path (from the environment).
 */
export async function grepReport(request: GrepRequest, context: ToolContext): Promise<string> {
  const { pattern, path, ...options } = request;
  const maxResults = options.maxResults ?? DEFAULT_GREP_MAX_RESULTS;
  const output = await context.env.grep(pattern, path ?? ".", { ...options, maxResults });
  if (output === "")
    return `No matches found for pattern ${JSON.stringify(pattern)} in ${path ?? "the working directory"}.`;
  const lines = output.split("\n");
  const plain = (options.outputMode ?? "content") !== "content" || !(options.beforeContext || options.afterContext);
  if (plain && lines.length >= maxResults) {
    return `${output}\n[Results limited to ${maxResults}. Narrow the pattern or path, or raise the limit, to see more.]`;
  }
  return output;
}

/** §3.3 the shared-core `grep`: `pattern`, `path`, `glob_filter`, `case_insensitive`, `max_results`. */
export function createGrepTool(): RegisteredTool {
  return {
    definition: {
      name: "grep",
      description:
        "Search file contents using regex patterns (ripgrep syntax). Returns matching lines as 'path:line:text'. " +
        "Skips hidden files, .git, node_modules and gitignored files.",
      parameters: {
        type: "object",
        properties: {
          pattern: { type: "string", description: "Regular expression to search for." },
          path: { type: "string", description: "Directory or file to search (default: the working directory)." },
          glob_filter: { type: "string", description: 'Only search files matching this glob (e.g. "*.py").' },
          case_insensitive: { type: "boolean", description: "Match case-insensitively (default false)." },
          max_results: {
            type: "integer",
            minimum: 1,
            description: `Maximum matching lines (default ${DEFAULT_GREP_MAX_RESULTS}).`,
          },
        },
        required: ["pattern"],
      },
    },
    executor: async (args, context) =>
      grepReport(
        {
          pattern: stringArg(args, "pattern"),
          path: optionalString(args, "path"),
          globFilter: optionalString(args, "glob_filter"),
          caseInsensitive: optionalBool(args, "case_insensitive"),
          maxResults: optionalInt(args, "max_results"),
        },
        context,
      ),
  };
}
