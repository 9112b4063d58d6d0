/**
 * `read_many_files` (coding-agent-loop-spec §3.6, gemini-cli's batch read): the text of every file
 * matching some globs, concatenated with `--- path ---` separators.
 * @module
 */
import type { ExecutionEnvironment } from "../../env/types.js";
import { optionalStrings } from "../args.js";
import type { RegisteredTool } from "../types.js";

/** At most this many files are read in one call. */
export const MAX_MANY_FILES = 200;

/** A simple glob (`*`, `**`, `?`) as an anchored RegExp over a `/`-separated path. */
function pathGlob(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*" && glob[i + 1] === "*") {
      source += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`(^|/)${source}$`);
}

/**
 * Reads every file matching one of `include` (globs, or plain paths; a directory means all files
 * below it) and not `exclude`, skipping binary files, sorted by path.
 * @throws when no pattern matches any file.
 */
export async function readManyFiles(
  env: ExecutionEnvironment,
  include: readonly string[],
  exclude: readonly string[] = [],
): Promise<string> {
  const excluded = exclude.map(pathGlob);
  const found = new Set<string>();
  for (const pattern of include) {
    const isDir = !/[*?[{]/.test(pattern) && (await isDirectory(env, pattern));
    const glob = isDir ? `${pattern.replace(/\/$/, "")}/**/*` : pattern;
    for (const file of await env.glob(glob, ".")) found.add(file);
  }
  const files = [...found].filter((file) => !excluded.some((pattern) => pattern.test(file))).sort();
  if (files.length === 0) throw new Error(`No files matched ${JSON.stringify(include)}.`);
  const parts: string[] = [];
  const skipped: string[] = [];
  for (const file of files.slice(0, MAX_MANY_FILES)) {
    try {
      parts.push(`--- ${file} ---\n${await env.readFile(file)}`);
    } catch (error) {
      skipped.push(`${file}: ${(error as Error).message}`);
    }
  }
  parts.push("--- End of content ---");
  if (files.length > MAX_MANY_FILES) parts.push(`[${files.length - MAX_MANY_FILES} more files not read.]`);
  if (skipped.length > 0) parts.push(`Skipped ${skipped.length} file(s):\n${skipped.join("\n")}`);
  return parts.join("\n");
}

async function isDirectory(env: ExecutionEnvironment, path: string): Promise<boolean> {
  try {
    await env.listDirectory(path, 1);
    return true;
  } catch {
    return false;
  }
}

/** The Gemini-profile `read_many_files`: `include`, `exclude`. */
export function createReadManyFilesTool(): RegisteredTool {
  return {
    definition: {
      name: "read_many_files",
      description:
        "Reads content from multiple files specified by paths or glob patterns relative to the working directory " +
        "and concatenates it, with a '--- {filePath} ---' separator before each file and '--- End of content ---' " +
        "after the last. Binary files are skipped. Use it to read several related files at once.",
      parameters: {
        type: "object",
        properties: {
          include: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            description: 'Glob patterns or paths to read, e.g. ["src/**/*.ts"], ["README.md", "docs/"].',
          },
          exclude: {
            type: "array",
            items: { type: "string", minLength: 1 },
            description: 'Glob patterns for files to leave out, e.g. ["**/*.log"].',
          },
        },
        required: ["include"],
      },
    },
    executor: async (args, context) =>
      readManyFiles(context.env, optionalStrings(args, "include") ?? [], optionalStrings(args, "exclude") ?? []),
  };
}
