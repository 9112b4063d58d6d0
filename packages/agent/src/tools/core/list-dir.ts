/**
 * `list_dir` (coding-agent-loop-spec §3.6, gemini-cli `list_directory`): a directory's entries down
 * to a depth, directories marked with a trailing `/`.
 * @module
 */
import type { ExecutionEnvironment } from "../../env/types.js";
import { optionalInt, optionalStrings, stringArg } from "../args.js";
import type { RegisteredTool } from "../types.js";

/** Options of {@link listDirReport}. */
export interface ListDirRequest {
  path: string;
  /** Levels to descend (1 = direct children). Default 1. */
  depth?: number;
  /** Entry names matching one of these simple globs (`*`, `?`) are left out. */
  ignore?: readonly string[];
}

/** A simple glob (`*`, `?`) as an anchored RegExp over one name. */
function simpleGlob(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`);
}

/**
 * `Directory listing for X:` followed by one entry per line (`name/` for directories, `name (N bytes)`
 * for files), or `X is empty.`
 * @throws when the directory is missing, not a directory, or outside the allowed roots.
 */
export async function listDirReport(env: ExecutionEnvironment, request: ListDirRequest): Promise<string> {
  const ignore = (request.ignore ?? []).map(simpleGlob);
  const entries = await env.listDirectory(request.path, request.depth ?? 1);
  const kept = entries.filter((entry) => {
    const base = entry.name.split("/").pop() ?? entry.name;
    return !ignore.some((pattern) => pattern.test(base));
  });
  if (kept.length === 0) return `${request.path} is empty.`;
  const lines = kept.map((entry) => (entry.isDir ? `${entry.name}/` : `${entry.name} (${entry.size ?? 0} bytes)`));
  return `Directory listing for ${request.path}:\n${lines.join("\n")}`;
}

/** The Gemini-profile `list_dir`: `dir_path`, `ignore`, `depth`. */
export function createListDirTool(): RegisteredTool {
  return {
    definition: {
      name: "list_dir",
      description:
        "Lists the names of files and subdirectories within a specified directory path, optionally several levels " +
        "deep. Can optionally ignore entries matching provided glob patterns.",
      parameters: {
        type: "object",
        properties: {
          dir_path: { type: "string", description: "The path to the directory to list." },
          ignore: { type: "array", items: { type: "string" }, description: "List of glob patterns to ignore." },
          depth: { type: "integer", minimum: 1, description: "How many levels to descend (default 1)." },
        },
        required: ["dir_path"],
      },
    },
    executor: async (args, context) =>
      listDirReport(context.env, {
        path: stringArg(args, "dir_path"),
        depth: optionalInt(args, "depth"),
        ignore: optionalStrings(args, "ignore"),
      }),
  };
}
